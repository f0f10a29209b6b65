/** Input coercion shared by the JSON and query protocols (query leaves are strings). */
import { type AwsError } from '../errors';

export type Input = Record<string, unknown>;
export type ErrFactory = (msg: string) => AwsError;

export function optStr(input: Input, name: string, err: ErrFactory): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw err(`1 validation error detected: Value at '${lc(name)}' failed to satisfy constraint: Member must be a string`);
  return v;
}

export function reqStr(input: Input, name: string, err: ErrFactory): string {
  const v = optStr(input, name, err);
  if (v === undefined || v === '') throw err(`1 validation error detected: Value null at '${lc(name)}' failed to satisfy constraint: Member must not be null`);
  return v;
}

export function optNum(input: Input, name: string, err: ErrFactory): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw err(`1 validation error detected: Value '${String(v)}' at '${lc(name)}' failed to satisfy constraint: Member must be a number`);
  return n;
}

export function optInt(input: Input, name: string, err: ErrFactory, min: number, max: number): number | undefined {
  const n = optNum(input, name, err);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw err(`1 validation error detected: Value '${n}' at '${lc(name)}' failed to satisfy constraint: Member must have value ${n < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`);
  }
  return n;
}

export function optBool(input: Input, name: string): boolean | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  return String(v).toLowerCase() === 'true';
}

/** A timestamp in epoch SECONDS (number) or ISO-8601 string (awsQuery) → epoch seconds. */
export function optTimeSec(input: Input, name: string, err: ErrFactory): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t / 1000;
  }
  throw err(`Invalid timestamp for ${name}: ${String(v)}`);
}

export function optList<T = unknown>(input: Input, name: string, err: ErrFactory): T[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw err(`1 validation error detected: Value at '${lc(name)}' failed to satisfy constraint: Member must be a list`);
  return v as T[];
}

export function optObj(input: Input, name: string, err: ErrFactory): Input | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw err(`1 validation error detected: Value at '${lc(name)}' failed to satisfy constraint: Member must be a structure`);
  return v as Input;
}

function lc(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Opaque paging tokens: base64url JSON. */
export function encodeToken(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

export function decodeToken<T>(token: string | undefined, err: ErrFactory, check: (v: unknown) => v is T): T | undefined {
  if (token === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    /* fall through */
  }
  throw err('Invalid pagination token');
}

export const isOffsetToken = (v: unknown): v is { o: number } =>
  typeof v === 'object' && v !== null && typeof (v as { o?: unknown }).o === 'number' && (v as { o: number }).o >= 0;

/** A list whose members must be structures (null / scalars are a validation error). */
export function optStructList(input: Input, name: string, err: ErrFactory): Input[] | undefined {
  const list = optList<unknown>(input, name, err);
  if (!list) return undefined;
  for (const x of list) {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) throw err(`1 validation error detected: Value at '${lc(name)}' failed to satisfy constraint: Member must be a list of structures`);
  }
  return list as Input[];
}

/** A list of strings. */
export function optStrList(input: Input, name: string, err: ErrFactory): string[] | undefined {
  const list = optList<unknown>(input, name, err);
  if (!list) return undefined;
  for (const x of list) if (typeof x !== 'string') throw err(`1 validation error detected: Value at '${lc(name)}' failed to satisfy constraint: Member must be a list of strings`);
  return list as string[];
}
