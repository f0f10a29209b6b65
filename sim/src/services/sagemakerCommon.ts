/** Shared by the SageMaker operations: List* arguments, filtering/sorting/paging, names, instance types. */
import { validation } from '../errors';
import { decodeToken, encodeToken, type Input, isOffsetToken, optInt, optNum, optStr } from './input';

export const d = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function listArgs(input: Input) {
  return {
    nameContains: optStr(input, 'NameContains', validation),
    statusEquals: optStr(input, 'StatusEquals', validation),
    after: optNum(input, 'CreationTimeAfter', validation),
    before: optNum(input, 'CreationTimeBefore', validation),
    lmAfter: optNum(input, 'LastModifiedTimeAfter', validation),
    lmBefore: optNum(input, 'LastModifiedTimeBefore', validation),
    sortBy: optStr(input, 'SortBy', validation),
    sortOrder: optStr(input, 'SortOrder', validation),
    max: optInt(input, 'MaxResults', validation, 1, 100) ?? 10,
    token: decodeToken(optStr(input, 'NextToken', validation), (m) => validation(m), isOffsetToken),
  };
}

export interface Row {
  name: string;
  creation: number;
  lastModified: number;
  status: string;
}

export function filterSortPage<T extends Row>(rows: T[], a: ReturnType<typeof listArgs>, defaultOrder: 'Ascending' | 'Descending'): { page: T[]; next?: string } {
  if (a.sortBy && !['Name', 'CreationTime', 'Status'].includes(a.sortBy)) throw validation(`1 validation error detected: Value '${a.sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Name, CreationTime, Status]`);
  if (a.sortOrder && !['Ascending', 'Descending'].includes(a.sortOrder)) throw validation(`1 validation error detected: Value '${a.sortOrder}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]`);
  let out = rows.filter(
    (r) =>
      (!a.nameContains || r.name.toLowerCase().includes(a.nameContains.toLowerCase())) &&
      (!a.statusEquals || r.status === a.statusEquals) &&
      (a.after === undefined || r.creation > a.after * 1000) &&
      (a.before === undefined || r.creation < a.before * 1000) &&
      (a.lmAfter === undefined || r.lastModified > a.lmAfter * 1000) &&
      (a.lmBefore === undefined || r.lastModified < a.lmBefore * 1000),
  );
  const by = a.sortBy ?? 'CreationTime';
  const dir = (a.sortOrder ?? defaultOrder) === 'Ascending' ? 1 : -1;
  out = out.sort((x, y) => {
    let c = 0;
    if (by === 'Name') c = x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
    else if (by === 'Status') c = x.status < y.status ? -1 : x.status > y.status ? 1 : 0;
    if (c === 0) c = x.creation - y.creation;
    if (c === 0) c = x.name < y.name ? -1 : 1;
    return c * dir;
  });
  const off = a.token?.o ?? 0;
  const page = out.slice(off, off + a.max);
  return { page, next: off + a.max < out.length ? encodeToken({ o: off + a.max }) : undefined };
}

/** vCPUs and GPUs of common ML instance types (enough for plausible utilisation metrics). */
export function instanceCores(type: string): number {
  const size = /\.(\d*)x?large$/.exec(type);
  if (!size) return 2;
  const n = size[1] === '' ? (type.endsWith('xlarge') ? 1 : 0.5) : Number(size[1]);
  return Math.max(2, Math.round(n * 4));
}

export function instanceGpus(type: string): number {
  const m = /^ml\.(p\d|g\d)[a-z]*\.(\d*)x?large$/.exec(type);
  if (!m) return 0;
  const n = m[2] === '' ? 1 : Number(m[2]);
  if (m[1].startsWith('p4') || m[1].startsWith('p5')) return 8;
  if (m[1].startsWith('p3')) return n >= 16 ? 8 : n >= 8 ? 4 : 1;
  return n >= 48 ? 8 : n >= 12 ? 4 : 1;
}

const NAME_RE = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export function checkName(name: string, field: string) {
  if (!NAME_RE.test(name)) throw validation(`1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`);
}

/** A value outside the member's enum is a ValidationException. */
export function checkEnum(value: string | undefined, field: string, values: readonly string[]): void {
  if (value !== undefined && !values.includes(value)) throw validation(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
}

export const required = (field: string) => validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);

/** One page of already filtered and sorted rows (offset tokens). */
export function pageOf<T>(rows: T[], a: { max: number; token?: { o: number } }): { page: T[]; next?: string } {
  const off = a.token?.o ?? 0;
  return { page: rows.slice(off, off + a.max), next: off + a.max < rows.length ? encodeToken({ o: off + a.max }) : undefined };
}

export const byName = (x: { name: string }, y: { name: string }) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
