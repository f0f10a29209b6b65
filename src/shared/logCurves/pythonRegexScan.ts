/** What the Python regex parser reads character by character: escapes and character classes, and its refusals. */
import { RegexRefusal, type ClassItem, type Node } from './pythonRegexAst';

export const WHITESPACE = ' \t\n\r\v\f';
const OCT = /[0-7]/;
const HEX = /^[0-9a-fA-F]+$/;
const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const CLASS_ESCAPES = new Set(['d', 'D', 's', 'S', 'w', 'W']);
export const PY_NAME = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

export abstract class Scanner {
  protected pos = 0;
  protected readonly warnings: string[] = [];

  constructor(protected readonly src: string) {}

  protected python(what: string, pos: number): RegexRefusal {
    return new RegexRefusal(`not a valid Python regex: ${what} at position ${pos}`, pos, true);
  }

  protected js(construct: string, pos: number, why: string): RegexRefusal {
    return new RegexRefusal(`\`${construct}\` at position ${pos}: ${why}`, pos, false);
  }

  /** An escape that stands for one character (in or out of a class); Python refuses unknown ASCII-letter escapes. */
  protected literalEscape(start: number, inClass: boolean): number {
    const c = this.src[this.pos++];
    if (c in ESCAPES && (inClass || c !== 'b')) {
      return ESCAPES[c];
    }
    if (c === '0' || (inClass && OCT.test(c))) {
      let digits = c;
      while (digits.length < 3 && OCT.test(this.src[this.pos] ?? '')) {
        digits += this.src[this.pos++];
      }
      const cp = parseInt(digits, 8);
      if (cp > 0o377) {
        throw this.python(`octal escape value \\${digits} outside of range 0-0o377`, start);
      }
      return cp;
    }
    const hex = { x: 2, u: 4, U: 8 }[c];
    if (hex) {
      const digits = this.src.slice(this.pos, this.pos + hex);
      if (digits.length !== hex || !HEX.test(digits)) {
        throw this.python(`incomplete escape \\${c}${digits}`, start);
      }
      this.pos += hex;
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff) {
        throw this.python(`bad escape \\${c}${digits}`, start);
      }
      return cp;
    }
    if (c === 'N') {
      throw this.js('\\N{…}', start, 'named Unicode characters need a Unicode name table; write the character or \\uXXXX');
    }
    if (/[A-Za-z0-9]/.test(c)) {
      throw this.python(`bad escape \\${c}${c === 'p' || c === 'P' ? " (Python's re has no Unicode property classes)" : ''}`, start);
    }
    const cp = this.src.codePointAt(this.pos - 1) ?? 0;
    this.pos += cp > 0xffff ? 1 : 0;
    return cp;
  }

  /** `[…]`: a `]` first is literal; `[[:alpha:]]` is, as in Python, the set `[:alph` then a literal `]`. */
  protected charClass(start: number): Node {
    const negate = this.src[this.pos] === '^';
    this.pos += negate ? 1 : 0;
    const first = this.pos;
    const items: ClassItem[] = [];
    const item = (): ClassItem => {
      const at = this.pos;
      if (this.src[at] === '\\') {
        this.pos++;
        const c = this.src[this.pos];
        if (c !== undefined && CLASS_ESCAPES.has(c)) {
          this.pos++;
          return { t: 'esc', js: `\\${c}` };
        }
        if (c === undefined) {
          throw this.python('unterminated character set', start);
        }
        return { t: 'char', cp: this.literalEscape(at, true) };
      }
      const cp = this.src.codePointAt(at) ?? 0;
      this.pos += cp > 0xffff ? 2 : 1;
      return { t: 'char', cp };
    };
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) {
        throw this.python('unterminated character set', start);
      }
      if (c === ']' && this.pos !== first) {
        this.pos++;
        break;
      }
      if (c === '[' && this.src[this.pos + 1] === ':') {
        this.warnings.push(`\`[:\` at position ${this.pos}: POSIX classes like [[:alpha:]] are not special in Python; read literally, as Python does`);
      }
      const lo = item();
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== undefined && this.src[this.pos + 1] !== ']') {
        const dash = this.pos++;
        const hi = item();
        if (lo.t !== 'char' || hi.t !== 'char' || hi.cp < lo.cp) {
          throw this.python('bad character range', dash - 1);
        }
        items.push({ t: 'range', lo: lo.cp, hi: hi.cp });
      } else {
        items.push(lo);
      }
    }
    return { t: 'class', negate, items };
  }
}
