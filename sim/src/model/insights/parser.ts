/** Parses a Logs Insights query into commands (ast.ts); anything outside the subset is a QuerySyntaxError. */
import { AGG_FUNCTIONS, type Agg, type CmpOp, type Command, type Expr, type Named, type Query, ROW_FUNCTIONS } from './ast';
import { syntaxError, type Token, tokenize, toRegExp } from './lexer';

const MAX_LIMIT = 10_000;

export function parseQuery(text: string): Query {
  const p = new Parser(text, tokenize(text));
  const commands = p.query();
  return { text, commands };
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly toks: Token[],
  ) {}

  private get t(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private fail(tok: Token = this.t, what?: string): never {
    const found = tok.kind === 'eof' ? 'end of query' : this.text.slice(tok.start, tok.end);
    throw syntaxError(this.text, what ?? `unexpected symbol found ${found}`, tok.start, Math.max(tok.end, tok.start + 1));
  }
  private isOp(s: string): boolean {
    return this.t.kind === 'op' && this.t.text === s;
  }
  private isWord(w: string): boolean {
    return this.t.kind === 'ident' && this.t.text.toLowerCase() === w;
  }
  private expectOp(s: string): Token {
    if (!this.isOp(s)) this.fail();
    return this.next();
  }
  private word(w: string): boolean {
    if (!this.isWord(w)) return false;
    this.i++;
    return true;
  }
  private ident(): string {
    if (this.t.kind !== 'ident') this.fail();
    return this.next().text;
  }
  private list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.isOp(',')) {
      this.i++;
      out.push(item());
    }
    return out;
  }
  /** The source text of tokens [from, this.i) with runs of whitespace collapsed: a column's default name. */
  private source(from: number): string {
    return this.text.slice(this.toks[from].start, this.toks[this.i - 1].end).replace(/\s+/g, ' ');
  }

  query(): Command[] {
    if (this.t.kind === 'eof') this.fail(this.t, 'the query is empty');
    const cmds = [this.command()];
    while (this.t.kind === 'pipe') {
      this.i++;
      cmds.push(this.command());
    }
    if ((this.t.kind as string) !== 'eof') this.fail();
    const dedup = cmds.findIndex((c) => c.c === 'dedup');
    if (dedup >= 0) {
      const after = cmds.slice(dedup + 1).find((c) => c.c !== 'limit');
      if (after) throw syntaxError(this.text, `only limit can follow dedup (found ${after.c})`, 0, this.text.length);
    }
    return cmds;
  }

  private command(): Command {
    const tok = this.t;
    if (tok.kind !== 'ident') this.fail();
    const name = tok.text.toLowerCase();
    this.i++;
    switch (name) {
      case 'fields':
        return { c: 'fields', items: this.list(() => this.named()) };
      case 'filter':
        return { c: 'filter', expr: this.expr() };
      case 'parse':
        return this.parse();
      case 'stats':
        return this.stats();
      case 'sort':
        return {
          c: 'sort',
          keys: this.list(() => {
            const n = this.ident();
            const desc = this.word('desc') ? true : (this.word('asc'), false);
            return { name: n, desc };
          }),
        };
      case 'limit': {
        const t = this.t;
        if (t.kind !== 'num' || !Number.isInteger(t.value) || (t.value as number) < 1) this.fail(t, `limit needs a whole number of rows, found ${this.text.slice(t.start, t.end) || 'end of query'}`);
        if ((t.value as number) > MAX_LIMIT) this.fail(t, `limit must be at most ${MAX_LIMIT}`);
        this.i++;
        return { c: 'limit', n: t.value as number };
      }
      case 'dedup':
        return { c: 'dedup', names: this.list(() => this.ident()) };
      case 'display':
        return { c: 'display', names: this.list(() => this.ident()) };
      default:
        return this.fail(tok, `unknown command ${tok.text}`);
    }
  }

  private named(): Named {
    const from = this.i;
    const expr = this.expr();
    const text = this.source(from);
    if (this.word('as')) return { expr, name: this.ident() };
    return { expr, name: expr.k === 'field' ? expr.name : text };
  }

  private parse(): Command {
    const src = this.isOp('(') || this.t.kind !== 'ident' ? ({ k: 'field', name: '@message' } as Expr) : { k: 'field' as const, name: this.ident() };
    const t = this.t;
    if (t.kind === 'regex') {
      this.i++;
      let re: RegExp;
      try {
        re = toRegExp(t.text, t.flags);
      } catch (e) {
        return this.fail(t, `invalid regular expression: ${(e as Error).message}`);
      }
      const names = [...t.text.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
      if (!names.length) this.fail(t, 'a parse regular expression needs named groups (?<name>…)');
      return { c: 'parse', src, re, names };
    }
    if (t.kind !== 'str') this.fail();
    this.i++;
    const parts = t.text.split('*');
    if (parts.length < 2) this.fail(t, 'a parse pattern needs at least one *');
    if (!this.word('as')) this.fail();
    const names = this.list(() => this.ident());
    if (names.length !== parts.length - 1) this.fail(t, `the parse pattern has ${parts.length - 1} * but ${names.length} names follow as`);
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // every * lazy but a trailing one (it takes the rest of the line)
    const body = parts.map(esc).reduce((acc, p, k) => (k === 0 ? p : acc + (k === parts.length - 1 && p === '' ? '(.*)' : '(.*?)') + p), '');
    return { c: 'parse', src, re: new RegExp(body, 's'), names };
  }

  private stats(): Command {
    const aggs = this.list(() => this.agg());
    let by: Named[] = [];
    if (this.word('by')) by = this.list(() => this.named());
    for (const b of by) if (containsAgg(b.expr)) this.fail(this.toks[this.i - 1], `an aggregate function cannot be a stats group (${b.name})`);
    return { c: 'stats', aggs, by };
  }

  private agg(): Agg {
    const from = this.i;
    const t = this.t;
    if (t.kind !== 'ident' || !AGG_FUNCTIONS.has(t.text.toLowerCase()) || this.toks[this.i + 1]?.text !== '(') this.fail(t, `stats needs an aggregate function (count, sum, avg, min, max, pct, count_distinct), found ${this.text.slice(t.start, t.end) || 'end of query'}`);
    const fn = t.text.toLowerCase() as Agg['fn'];
    this.i += 2;
    let arg: Expr | undefined;
    let p: number | undefined;
    if (this.isOp('*') && fn === 'count') this.i++;
    else if (!(this.isOp(')') && fn === 'count')) arg = this.expr();
    if (fn === 'pct') {
      this.expectOp(',');
      const pt = this.t;
      if (pt.kind !== 'num' || (pt.value as number) < 0 || (pt.value as number) > 100) this.fail(pt, 'pct needs a percentile between 0 and 100');
      p = pt.value;
      this.i++;
    }
    this.expectOp(')');
    if (arg && containsAgg(arg)) this.fail(this.toks[from], 'aggregate functions cannot be nested');
    const text = this.source(from);
    const name = this.word('as') ? this.ident() : text;
    return { fn, arg, p, name };
  }

  // ---------------------------------------------------------------- expressions (or < and < not < comparison < + - < * / % < unary)

  expr(): Expr {
    let l = this.and();
    while (this.word('or')) l = { k: 'or', l, r: this.and() };
    return l;
  }
  private and(): Expr {
    let l = this.not();
    while (this.word('and')) l = { k: 'and', l, r: this.not() };
    return l;
  }
  private not(): Expr {
    if (this.word('not')) return { k: 'not', e: this.not() };
    return this.comparison();
  }
  private comparison(): Expr {
    const l = this.additive();
    const t = this.t;
    if (t.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.i++;
      return { k: 'cmp', op: t.text as CmpOp, l, r: this.additive() };
    }
    if (t.kind === 'op' && t.text === '=~') {
      this.i++;
      return { k: 'like', e: l, pat: this.regex(), negate: false };
    }
    const negate = this.isWord('not') && ['like', 'in'].includes(this.toks[this.i + 1]?.text.toLowerCase());
    if (negate) this.i++;
    if (this.word('like')) {
      const pt = this.t;
      if (pt.kind === 'str') {
        this.i++;
        return { k: 'like', e: l, pat: pt.text, negate };
      }
      return { k: 'like', e: l, pat: this.regex(), negate };
    }
    if (this.word('in')) {
      this.expectOp('[');
      const list = this.list(() => this.additive());
      this.expectOp(']');
      return { k: 'in', e: l, list, negate };
    }
    if (negate) this.fail();
    return l;
  }
  private regex(): RegExp {
    const t = this.t;
    if (t.kind !== 'regex') this.fail(t);
    this.i++;
    try {
      return toRegExp(t.text, t.flags);
    } catch (e) {
      return this.fail(t, `invalid regular expression: ${(e as Error).message}`);
    }
  }
  private additive(): Expr {
    let l = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text as '+' | '-';
      l = { k: 'arith', op, l, r: this.multiplicative() };
    }
    return l;
  }
  private multiplicative(): Expr {
    let l = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%') || this.isOp('^')) {
      const op = this.next().text as '*' | '/' | '%' | '^';
      l = { k: 'arith', op, l, r: this.unary() };
    }
    return l;
  }
  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      const e = this.unary();
      return e.k === 'num' ? { k: 'num', v: -e.v } : { k: 'neg', e };
    }
    return this.primary();
  }
  private primary(): Expr {
    const t = this.t;
    switch (t.kind) {
      case 'num':
        this.i++;
        return { k: 'num', v: t.value as number };
      case 'str':
        this.i++;
        return { k: 'str', v: t.text };
      case 'dur':
        this.i++;
        return { k: 'dur', ms: t.value as number };
      case 'op':
        if (t.text === '(') {
          this.i++;
          const e = this.expr();
          this.expectOp(')');
          return e;
        }
        return this.fail();
      case 'ident': {
        this.i++;
        if (!this.isOp('(')) {
          if (['and', 'or', 'not', 'like', 'in', 'as', 'by'].includes(t.text.toLowerCase())) this.fail(t);
          return { k: 'field', name: t.text };
        }
        const fn = t.text.toLowerCase();
        if (AGG_FUNCTIONS.has(fn)) this.fail(t, `${t.text} is an aggregate function: it can be used only in stats`);
        const arity = ROW_FUNCTIONS[fn];
        if (!arity) this.fail(t, `unknown function ${t.text}`);
        this.i++;
        const args = this.isOp(')') ? [] : this.list(() => this.expr());
        this.expectOp(')');
        if (args.length < arity[0] || args.length > arity[1]) this.fail(t, `${fn} takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} argument(s), found ${args.length}`);
        if (fn === 'bin' && args[0].k !== 'dur') this.fail(t, 'bin needs a period such as 5m, 1h or 30s');
        return { k: 'call', fn, args };
      }
      default:
        return this.fail();
    }
  }
}

function containsAgg(e: Expr): boolean {
  switch (e.k) {
    case 'call':
      return AGG_FUNCTIONS.has(e.fn) || e.args.some(containsAgg);
    case 'cmp':
    case 'arith':
    case 'and':
    case 'or':
      return containsAgg(e.l) || containsAgg(e.r);
    case 'not':
    case 'neg':
    case 'like':
    case 'in':
      return containsAgg(e.e);
    default:
      return false;
  }
}
