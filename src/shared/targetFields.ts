/** Field readers of the public commands' plain-object arguments: each gives a value or a message naming the field. */
import { isResourceName } from './names';
import type { Parsed } from './targets';

export type Fields = Record<string, unknown>;

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an optional string field; `error` is set when present but not a non-empty string. */
export function optionalString(fields: Fields, key: string): { value?: string; error?: string } {
  const v = fields[key];
  if (v === undefined || v === null) {
    return {};
  }
  if (typeof v !== 'string' || v.trim() === '') {
    return { error: `"${key}" must be a non-empty string` };
  }
  return { value: v.trim() };
}

export function resourceName(fields: Fields, key: string): { value?: string; error?: string } {
  const r = optionalString(fields, key);
  if (r.value !== undefined && !isResourceName(r.value)) {
    return { error: `"${r.value}" is not a valid SageMaker ${key.replace(/Name$/, '')} name` };
  }
  return r;
}

export const HOST = /^algo-[1-9]\d*$/;

export function host(fields: Fields): { value?: string; error?: string } {
  const r = optionalString(fields, 'host');
  if (r.value !== undefined && !HOST.test(r.value)) {
    return { error: `"host" must look like algo-1, got "${r.value}"` };
  }
  return r;
}

/** An EC2-style instance id of a transform job (`i-0abc…`): no slash, no spaces. */
const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function instanceHost(fields: Fields): { value?: string; error?: string } {
  const r = optionalString(fields, 'host');
  if (r.value !== undefined && !INSTANCE_ID.test(r.value)) {
    return { error: `"host" must be an instance id of the transform job, got "${r.value}"` };
  }
  return r;
}

export function firstError(...results: { error?: string }[]): string | undefined {
  return results.find((r) => r.error !== undefined)?.error;
}

export function fail<T>(error: string, hint: string): Parsed<T> {
  return { ok: false, error: `${error}. Expected ${hint}.` };
}

/** A time as epoch ms, an ISO string or a Date. */
export function optionalTime(fields: Fields, key: string): { value?: number; error?: string } {
  const v = fields[key];
  if (v === undefined || v === null) {
    return {};
  }
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : v instanceof Date ? v.getTime() : NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    return { error: `"${key}" must be a time (epoch milliseconds or ISO 8601)` };
  }
  return { value: ms };
}

