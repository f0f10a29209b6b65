/** Evaluates expressions over a row: comparisons, like / =~ / in, and/or/not, arithmetic and the row functions. */
import type { Expr } from './ast';
import { isNumeric, type Row, toNum, type Value } from './values';

export function evaluate(e: Expr, row: Row): Value {
  switch (e.k) {
    case 'field':
      return row.get(e.name);
    case 'num':
      return e.v;
    case 'str':
      return e.v;
    case 'dur':
      return e.ms;
    case 'regex':
      return e.re.source;
    case 'cmp':
      return bool(compare(e.op, evaluate(e.l, row), evaluate(e.r, row)));
    case 'and':
      return bool(truthy(evaluate(e.l, row)) && truthy(evaluate(e.r, row)));
    case 'or':
      return bool(truthy(evaluate(e.l, row)) || truthy(evaluate(e.r, row)));
    case 'not':
      return bool(!truthy(evaluate(e.e, row)));
    case 'neg': {
      const n = toNum(evaluate(e.e, row));
      return Number.isNaN(n) ? undefined : -n;
    }
    case 'arith':
      return arith(e.op, evaluate(e.l, row), evaluate(e.r, row));
    case 'like': {
      const v = evaluate(e.e, row);
      if (v === undefined) return bool(false);
      const s = String(v);
      const hit = typeof e.pat === 'string' ? s.includes(e.pat) : e.pat.test(s);
      return bool(hit !== e.negate);
    }
    case 'in': {
      const v = evaluate(e.e, row);
      if (v === undefined) return bool(false);
      const hit = e.list.some((x) => compare('=', v, evaluate(x, row)));
      return bool(hit !== e.negate);
    }
    case 'call':
      return call(e.fn, e.args, row);
  }
}

/** Filters keep a row when its expression is true (1); an absent or 0 value drops it. */
export function truthy(v: Value): boolean {
  if (v === undefined) return false;
  if (typeof v === 'number') return v !== 0;
  return v !== '' && v !== 'false';
}

const bool = (b: boolean): number => (b ? 1 : 0);

/** As numbers when both sides are numeric (a number, or text of one), as text otherwise; an absent side: false. */
export function compare(op: string, a: Value, b: Value): boolean {
  if (a === undefined || b === undefined) return false;
  let c: number;
  if (isNumeric(a) && isNumeric(b)) c = toNum(a) - toNum(b);
  else {
    const sa = String(a);
    const sb = String(b);
    c = sa < sb ? -1 : sa > sb ? 1 : 0;
  }
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function arith(op: string, a: Value, b: Value): Value {
  const x = toNum(a);
  const y = toNum(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? undefined : x / y;
    case '%':
      return y === 0 ? undefined : x % y;
    default:
      return x ** y;
  }
}

function call(fn: string, args: Expr[], row: Row): Value {
  if (fn === 'bin') {
    const ms = (args[0] as { ms: number }).ms;
    const t = toNum(row.get('@timestamp'));
    return Number.isNaN(t) ? undefined : Math.floor(t / ms) * ms;
  }
  const vals = args.map((a) => evaluate(a, row));
  const v = vals[0];
  const num = (f: (n: number) => number): Value => {
    const n = toNum(v);
    return Number.isNaN(n) ? undefined : f(n);
  };
  switch (fn) {
    case 'ispresent':
      return bool(v !== undefined);
    case 'isempty':
      return bool(v === undefined || v === '');
    case 'isblank':
      return bool(v === undefined || String(v).trim() === '');
    case 'strlen':
      return v === undefined ? undefined : String(v).length;
    case 'tolower':
      return v === undefined ? undefined : String(v).toLowerCase();
    case 'toupper':
      return v === undefined ? undefined : String(v).toUpperCase();
    case 'trim':
      return v === undefined ? undefined : String(v).trim();
    case 'concat':
      return vals.map((x) => (x === undefined ? '' : String(x))).join('');
    case 'abs':
      return num(Math.abs);
    case 'floor':
      return num(Math.floor);
    case 'ceil':
      return num(Math.ceil);
    default:
      return undefined;
  }
}
