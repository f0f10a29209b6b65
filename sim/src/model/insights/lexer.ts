/**
 * Tokens of the CloudWatch Logs Insights query language (the subset the simulator runs). A `/` starts a regex
 * literal unless it follows a value (then it divides); `#` starts a comment to the end of the line.
 */

export type TokKind = 'ident' | 'num' | 'str' | 'regex' | 'dur' | 'op' | 'pipe' | 'eof';

export interface Token {
  kind: TokKind;
  /** identifier name, string contents, regex source, operator text */
  text: string;
  /** num: the value; dur: milliseconds */
  value?: number;
  /** regex flags */
  flags?: string;
  /** char offsets into the query string [start, end) */
  start: number;
  end: number;
}

/** A query the language does not accept: message names line and position (1-based) as AWS's do. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/** Line and column (1-based) of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      last = i;
    }
  }
  return { line, col: offset - last };
}

export function syntaxError(text: string, what: string, start: number, end = start + 1): QuerySyntaxError {
  const { line, col } = lineCol(text, start);
  return new QuerySyntaxError(`${what} at line ${line} and position ${col}`, start, end);
}

/** Units of a duration literal (bin(5m)), in ms. */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3600_000, hr: 3600_000, d: 86_400_000, w: 604_800_000 };

const OPS = ['!=', '<=', '>=', '=~', '=', '<', '>', '(', ')', '[', ']', ',', '+', '-', '*', '/', '%', '^'];
const KEYWORDS = new Set(['like', 'in', 'not', 'and', 'or', 'by', 'as', 'parse', 'filter', 'fields', 'stats', 'display', 'sort', 'dedup', 'limit']);
const IDENT_START = /[A-Za-z_@$]/;
const IDENT_PART = /[A-Za-z0-9_@$.]/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  // a `/` after a value divides; after a keyword, an operator or `parse <field>` it starts a regex
  const valueBefore = () => {
    const p = out[out.length - 1];
    if (!p) return false;
    if (p.kind === 'ident') return !KEYWORDS.has(p.text.toLowerCase()) && out[out.length - 2]?.text.toLowerCase() !== 'parse';
    return p.kind === 'num' || p.kind === 'str' || p.kind === 'dur' || (p.kind === 'op' && (p.text === ')' || p.text === ']'));
  };
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (c === '|') {
      out.push({ kind: 'pipe', text: '|', start, end: ++i });
      continue;
    }
    if (c === '"' || c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= n) throw syntaxError(text, 'unterminated string literal', start, n);
        const ch = text[i];
        if (ch === '\\' && i + 1 < n) {
          const nx = text[i + 1];
          s += nx === 'n' ? '\n' : nx === 't' ? '\t' : nx;
          i += 2;
          continue;
        }
        if (ch === c) break;
        s += ch;
        i++;
      }
      i++;
      out.push({ kind: 'str', text: s, start, end: i });
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) throw syntaxError(text, 'unterminated quoted field name', start, n);
      out.push({ kind: 'ident', text: text.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === '/' && !valueBefore()) {
      let j = i + 1;
      let inClass = false;
      for (;;) {
        if (j >= n || text[j] === '\n') throw syntaxError(text, 'unterminated regular expression', start, j);
        const ch = text[j];
        if (ch === '\\') {
          j += 2;
          continue;
        }
        if (ch === '[') inClass = true;
        else if (ch === ']') inClass = false;
        else if (ch === '/' && !inClass) break;
        j++;
      }
      const body = text.slice(i + 1, j);
      j++;
      let flags = '';
      while (j < n && /[a-z]/.test(text[j])) flags += text[j++];
      out.push({ kind: 'regex', text: body, flags, start, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i)) as RegExpExecArray;
      i += m[0].length;
      const unit = /^[A-Za-z]+/.exec(text.slice(i));
      if (unit) {
        const ms = UNITS[unit[0]];
        if (ms === undefined) throw syntaxError(text, `unexpected symbol found ${m[0]}${unit[0]}`, start, i + unit[0].length);
        i += unit[0].length;
        out.push({ kind: 'dur', text: text.slice(start, i), value: Number(m[0]) * ms, start, end: i });
      } else {
        out.push({ kind: 'num', text: m[0], value: Number(m[0]), start, end: i });
      }
      continue;
    }
    if (IDENT_START.test(c)) {
      while (i < n && IDENT_PART.test(text[i])) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw syntaxError(text, `unexpected symbol found ${c}`, start);
    i += op.length;
    out.push({ kind: 'op', text: op, start, end: i });
  }
  out.push({ kind: 'eof', text: '', start: n, end: n });
  return out;
}

/** A JS RegExp from an Insights regex literal: a leading `(?i)` becomes the `i` flag. */
export function toRegExp(src: string, flags = ''): RegExp {
  let s = src;
  let f = flags.replace(/[^imsu]/g, '');
  if (s.startsWith('(?i)')) {
    s = s.slice(4);
    if (!f.includes('i')) f += 'i';
  }
  return new RegExp(s, f);
}
