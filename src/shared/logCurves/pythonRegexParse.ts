/**
 * Python `re` syntax (3.11+, str patterns) read into a small tree, following CPython's sre_parse: what Python
 * refuses is refused here with its reason and position, and what JavaScript cannot do faithfully (conditionals,
 * scoped case-insensitivity, backreferences to a group that may not have taken part) is refused with ours.
 * ./pythonRegex.ts writes the tree as a JavaScript RegExp.
 */
import { type Flags, type GroupKind, type GroupNode, type Node, type Parsed } from './pythonRegexAst';
import { PY_NAME, Scanner, WHITESPACE } from './pythonRegexScan';

export { RegexRefusal } from './pythonRegexAst';
export type { ClassItem, GroupNode, Node, Parsed } from './pythonRegexAst';

export function parsePythonRegex(src: string): Parsed {
  return new Parser(src).parse();
}

class Parser extends Scanner {
  private flags: Flags = { i: false, m: false, s: false, x: false };
  private readonly groups: GroupNode[] = [];
  private readonly names = new Map<string, GroupNode>();
  private current: GroupNode | undefined;
  private rootBranch = 0;
  private lookbehinds = 0;

  parse(): Parsed {
    this.globalFlags();
    const root = this.alternation();
    if (this.pos < this.src.length) {
      throw this.python('unbalanced parenthesis', this.pos);
    }
    return { root, flags: this.flags, groups: this.groups, warnings: this.warnings };
  }

  /** `(?imsx)` groups before anything else (Python 3.11 refuses them anywhere else). */
  private globalFlags(): void {
    for (;;) {
      const m = /^\(\?([aiLmsux]+)\)/.exec(this.src.slice(this.pos));
      if (!m) {
        return;
      }
      for (const f of m[1]) {
        if (f === 'L') {
          throw this.python("bad inline flags: cannot use 'L' flag with a str pattern", this.pos + 2);
        }
        if (f in this.flags) {
          this.flags[f as keyof Flags] = true;
        }
      }
      this.pos += m[0].length;
      this.skipVerbose();
    }
  }

  private skipVerbose(): void {
    while (this.flags.x && this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (WHITESPACE.includes(c)) {
        this.pos++;
      } else if (c === '#') {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.src.length : nl + 1;
      } else {
        return;
      }
    }
  }

  private alternation(): Node {
    const branches: Node[] = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      if (this.current) {
        this.current.branch++;
      } else {
        this.rootBranch++;
      }
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0] : { t: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipVerbose();
      const start = this.pos;
      const c = this.src[this.pos];
      if (c === undefined || c === '|' || c === ')') {
        return { t: 'seq', items };
      }
      if ('*+?{'.includes(c)) {
        const q = this.quantifier();
        if (q) {
          const last = items.pop();
          if (!last || last.t === 'bol' || last.t === 'eol' || last.t === 'startOfInput' || last.t === 'endOfInput' || (last.t === 'esc' && /^\\[bB]$/.test(last.js))) {
            throw this.python('nothing to repeat', start);
          }
          if (last.t === 'quant') {
            throw this.python('multiple repeat', start);
          }
          if (last.t === 'group') {
            last.minZero ||= q.min === 0;
            last.repeated ||= q.max > 1;
          }
          if (q.possessive && this.lookbehinds > 0) {
            throw this.js(this.src.slice(start, this.pos), start, 'a possessive quantifier inside a lookbehind has no JavaScript equivalent');
          }
          items.push({ t: 'quant', body: last, ...q });
          continue;
        }
        this.pos++;
        items.push({ t: 'char', cp: c.codePointAt(0) ?? 0 });
        continue;
      }
      const atom = this.atom();
      if (atom.t !== 'seq' || atom.items.length > 0) {
        items.push(atom);
      }
    }
  }

  /** `*`, `+`, `?`, `{m,n}` with a lazy `?` or possessive `+`; undefined for a `{` that is a literal. */
  private quantifier(): { min: number; max: number; lazy: boolean; possessive: boolean } | undefined {
    const c = this.src[this.pos];
    let min = 0;
    let max = Infinity;
    if (c === '{') {
      const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m || (m[1] === '' && !m[2])) {
        return undefined;
      }
      min = m[1] ? Number(m[1]) : 0;
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      if (max < min) {
        throw this.python('min repeat greater than max repeat', this.pos + 1);
      }
      this.pos += m[0].length;
    } else {
      this.pos++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    }
    const lazy = this.src[this.pos] === '?';
    const possessive = !lazy && this.src[this.pos] === '+';
    if (lazy || possessive) {
      this.pos++;
    }
    return { min, max, lazy, possessive };
  }

  private atom(): Node {
    const start = this.pos;
    const c = this.src[this.pos++];
    switch (c) {
      case '.':
        return { t: 'dot', dotAll: this.flags.s };
      case '^':
        return { t: 'bol', multiline: this.flags.m };
      case '$':
        return { t: 'eol', multiline: this.flags.m };
      case '[':
        return this.charClass(start);
      case '(':
        return this.group(start);
      case '\\':
        return this.escape(start);
      default: {
        const cp = this.src.codePointAt(start) ?? 0;
        this.pos = start + (cp > 0xffff ? 2 : 1);
        return { t: 'char', cp };
      }
    }
  }

  private group(start: number): Node {
    let kind: GroupKind = 'capture';
    let name: string | undefined;
    const saved = { ...this.flags };
    let scoped = false;
    if (this.src[this.pos] === '?') {
      const rest = this.src.slice(this.pos + 1);
      const ext = rest[0];
      if (ext === ':') {
        kind = 'noncap';
        this.pos += 2;
      } else if (ext === '#') {
        const end = this.src.indexOf(')', this.pos);
        if (end < 0) {
          throw this.python('missing ), unterminated comment', start);
        }
        this.pos = end + 1;
        return { t: 'seq', items: [] };
      } else if (ext === '=' || ext === '!') {
        kind = ext === '=' ? 'ahead' : 'nahead';
        this.pos += 2;
      } else if (rest.startsWith('<=') || rest.startsWith('<!')) {
        kind = rest[1] === '=' ? 'behind' : 'nbehind';
        this.pos += 3;
      } else if (ext === '>') {
        kind = 'atomic';
        this.pos += 2;
        if (this.lookbehinds > 0) {
          throw this.js('(?>', start, 'an atomic group inside a lookbehind has no JavaScript equivalent');
        }
      } else if (ext === '(') {
        throw this.js('(?(', start, 'conditional groups `(?(group)yes|no)` have no JavaScript equivalent');
      } else if (rest.startsWith('P=')) {
        const m = /^P=([^)]*)\)/.exec(rest);
        if (!m) {
          throw this.python('missing ), unterminated name', start + 4);
        }
        this.pos += 1 + m[0].length;
        return this.backref(this.names.get(m[1]), m[1], start);
      } else if (rest.startsWith('P<') || (ext === '<' && /^<[^=!]/.test(rest))) {
        const python = rest[0] === 'P';
        const m = /^P?<([^>]*)>/.exec(rest);
        if (!m) {
          throw this.python('missing >, unterminated name', start + 3);
        }
        name = m[1];
        if (!PY_NAME.test(name)) {
          throw this.python(`bad character in group name '${name}'`, start + 4);
        }
        if (this.names.has(name)) {
          throw this.python(`redefinition of group name '${name}'`, start + 4);
        }
        if (!python) {
          this.warnings.push(`\`(?<${name}>\` at position ${start}: Python's re knows only (?P<${name}>…); read as a named group`);
        }
        this.pos += 1 + m[0].length;
      } else if (/^[aiLmsux-]/.test(ext ?? '')) {
        kind = 'noncap';
        scoped = true;
        this.scopedFlags(start);
      } else {
        throw this.python(`unknown extension ?${ext ?? ''}`, start + 1);
      }
    }
    const g: GroupNode = {
      t: 'group',
      kind,
      body: { t: 'seq', items: [] },
      ...(kind === 'capture' ? { py: this.groups.length + 1 } : {}),
      start,
      end: start,
      parent: this.current,
      branchInParent: this.current ? this.current.branch : this.rootBranch,
      branch: 0,
      open: true,
      minZero: false,
      repeated: false,
      inLookbehind: this.lookbehinds > 0,
    };
    if (kind === 'capture') {
      this.groups.push(g);
      if (name !== undefined) {
        this.names.set(name, g);
      }
    }
    const lookbehind = kind === 'behind' || kind === 'nbehind';
    this.lookbehinds += lookbehind ? 1 : 0;
    this.current = g;
    g.body = this.alternation();
    this.current = g.parent;
    this.lookbehinds -= lookbehind ? 1 : 0;
    if (this.src[this.pos] !== ')') {
      throw this.python('missing ), unterminated subpattern', start);
    }
    this.pos++;
    g.open = false;
    g.end = this.pos;
    if (scoped) {
      this.flags = saved;
    }
    return g;
  }

  /** `(?s-m:…)`: s, m and x are kept per node or applied while reading; i is one flag of the whole RegExp in JS. */
  private scopedFlags(start: number): void {
    const m = /^\?([aiLmsux]*)(?:-([imsx]*))?(:|\))/.exec(this.src.slice(this.pos));
    if (!m) {
      throw this.python('missing -, : or )', start + 2);
    }
    if (m[3] === ')') {
      throw this.python('global flags not at the start of the expression', start);
    }
    if (m[1].includes('L')) {
      throw this.python("bad inline flags: cannot use 'L' flag with a str pattern", start + 2);
    }
    const on = m[1];
    const off = m[2] ?? '';
    if ((on.includes('i') && !this.flags.i) || (off.includes('i') && this.flags.i)) {
      throw this.js(`(?${on}${m[2] !== undefined ? `-${off}` : ''}:`, start, 'case-insensitivity for part of a pattern has no JavaScript equivalent (only for the whole pattern: `(?i)` at the start)');
    }
    for (const f of 'msx') {
      if (on.includes(f)) this.flags[f as keyof Flags] = true;
      if (off.includes(f)) this.flags[f as keyof Flags] = false;
    }
    this.pos += m[0].length;
  }

  /**
   * A backreference, allowed only when the group has surely taken part in the match when it is reached: JS
   * matches a group that did not take part as empty, Python fails there.
   */
  private backref(g: GroupNode | undefined, label: string, start: number): Node {
    if (!g) {
      throw this.python(`unknown group name '${label}'`, start + 4);
    }
    if (g.open) {
      throw this.python('cannot refer to an open group', start);
    }
    const text = this.src.slice(start, this.pos);
    if (this.lookbehinds > 0) {
      throw this.js(text, start, 'a backreference inside a lookbehind is matched right to left in JavaScript');
    }
    for (let node: GroupNode | undefined = g; node; node = node.parent) {
      const parent: GroupNode | undefined = node.parent;
      if (node.minZero || node.kind === 'nahead' || node.kind === 'nbehind' || (node !== g && node.branch > 0)) {
        throw this.js(text, start, `group ${g.py} may not have taken part in the match here: Python then fails, JavaScript matches it as empty`);
      }
      if (!parent || parent.open) {
        const branchNow = parent ? parent.branch : this.rootBranch;
        if (branchNow !== node.branchInParent) {
          throw this.js(text, start, `group ${g.py} is in another alternative: Python then fails, JavaScript matches it as empty`);
        }
        break;
      }
    }
    return { t: 'backref', group: g };
  }

  private escape(start: number): Node {
    const c = this.src[this.pos];
    if (c === undefined) {
      throw this.python('bad escape (end of pattern)', start);
    }
    if ('dDsSwWbB'.includes(c)) {
      this.pos++;
      return { t: 'esc', js: `\\${c}` };
    }
    if (c === 'A' || c === 'Z' || c === 'z') {
      this.pos++;
      return { t: c === 'A' ? 'startOfInput' : 'endOfInput' };
    }
    if (c >= '1' && c <= '9') {
      const three = /^[0-7]{3}/.exec(this.src.slice(this.pos));
      if (three) {
        if (parseInt(three[0], 8) > 0o377) {
          throw this.python(`octal escape value \\${three[0]} outside of range 0-0o377`, start);
        }
        this.pos += 3;
        return { t: 'char', cp: parseInt(three[0], 8) };
      }
      const m = /^\d\d?/.exec(this.src.slice(this.pos)) as RegExpExecArray;
      this.pos += m[0].length;
      const n = Number(m[0]);
      if (n > this.groups.length) {
        throw this.python(`invalid group reference ${n}`, start + 1);
      }
      return this.backref(this.groups[n - 1], m[0], start);
    }
    return { t: 'char', cp: this.literalEscape(start, false) };
  }
}
