/** The syntax tree of a Logs Insights query (the subset the simulator runs). */

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '^';

export type Expr =
  | { k: 'field'; name: string }
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; re: RegExp }
  | { k: 'dur'; ms: number }
  | { k: 'call'; fn: string; args: Expr[]; star?: boolean }
  | { k: 'cmp'; op: CmpOp; l: Expr; r: Expr }
  | { k: 'arith'; op: ArithOp; l: Expr; r: Expr }
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'neg'; e: Expr }
  | { k: 'like'; e: Expr; pat: RegExp | string; negate: boolean }
  | { k: 'in'; e: Expr; list: Expr[]; negate: boolean };

/** An expression and the column it makes (its alias, or its text). */
export interface Named {
  expr: Expr;
  name: string;
}

export interface Agg {
  fn: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'pct';
  /** undefined: count(*) */
  arg?: Expr;
  /** pct's percentile */
  p?: number;
  name: string;
}

export type Command =
  | { c: 'fields'; items: Named[] }
  | { c: 'filter'; expr: Expr }
  | { c: 'parse'; src: Expr; re: RegExp; names: string[] }
  | { c: 'stats'; aggs: Agg[]; by: Named[] }
  | { c: 'sort'; keys: { name: string; desc: boolean }[] }
  | { c: 'limit'; n: number }
  | { c: 'dedup'; names: string[] }
  | { c: 'display'; names: string[] };

export interface Query {
  text: string;
  commands: Command[];
}

/** Functions of one row (outside stats) and their arity [min, max]. */
export const ROW_FUNCTIONS: Record<string, [number, number]> = {
  strlen: [1, 1],
  tolower: [1, 1],
  toupper: [1, 1],
  trim: [1, 1],
  concat: [1, 20],
  abs: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
  ispresent: [1, 1],
  isempty: [1, 1],
  isblank: [1, 1],
  bin: [1, 1],
};

export const AGG_FUNCTIONS = new Set(['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'pct']);
