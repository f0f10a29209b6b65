/** The job groups' filter and paging: what is asked for, what a page adds, what an empty list says. */
import type { JobStatus } from '../../shared/model';

/** The job kinds whose groups page and filter alike (DESIGN §2: `filterJobs { kind, … }`). */
export type JobKind = 'training' | 'processing' | 'transform' | 'tuning' | 'pipeline';

export const JOB_KINDS: readonly JobKind[] = ['training', 'processing', 'transform', 'tuning', 'pipeline'];

/** Kinds whose list has no status filter (ListPipelines filters by a name prefix only). */
export const NAME_ONLY_KINDS: readonly JobKind[] = ['pipeline'];

export interface JobFilter {
  readonly nameContains?: string;
  readonly status?: JobStatus;
}

/** The training jobs root's filter (the first group that had one). */
export type TrainingJobFilter = JobFilter;

/** The statuses the filter offers, in the order it offers them (the same five for the three kinds). */
export const JOB_STATUSES: readonly JobStatus[] = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];
export const TRAINING_JOB_STATUSES = JOB_STATUSES;

/** The kind's jobs in a sentence: `training jobs`. */
export const JOB_KIND_NOUN: Readonly<Record<JobKind, string>> = {
  training: 'training jobs',
  processing: 'processing jobs',
  transform: 'transform jobs',
  tuning: 'tuning jobs',
  pipeline: 'pipelines',
};

export function isFiltered(f: JobFilter): boolean {
  return Boolean(f.nameContains || f.status);
}

/** The root's description: `"fragment" · Status` while filtered. */
export function filterDescription(f: JobFilter): string | undefined {
  return isFiltered(f) ? [f.nameContains && `"${f.nameContains}"`, f.status].filter(Boolean).join(' · ') : undefined;
}

export function noJobsMessage(kind: JobKind, f: JobFilter): string {
  return isFiltered(f) ? `No ${JOB_KIND_NOUN[kind]} match the filter` : `No ${JOB_KIND_NOUN[kind]} in this region`;
}

/** The List…Jobs query of one page. */
export function jobsPageQuery(filter: JobFilter, pageSize: number, nextToken: string | undefined): { pageSize: number; nameContains?: string; status?: JobStatus; nextToken?: string } {
  return {
    pageSize,
    ...(filter.nameContains ? { nameContains: filter.nameContains } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** The jobs of a page not already loaded (a job started while paging shifts the pages). */
export function unseenJobs<T extends { readonly name: string }>(loaded: readonly { readonly name: string }[], page: readonly T[]): T[] {
  const known = new Set(loaded.map((j) => j.name));
  return page.filter((j) => !known.has(j.name));
}

/**
 * A `filterJobs` argument `{ kind, nameContains?, status? }` (kind given by the caller when it came from a
 * group), or the reason it is not one.
 */
export function parseJobFilterArgument(arg: Record<string, unknown>, kind?: JobKind): { kind: JobKind; filter: JobFilter } | { error: string } {
  const k = kind ?? arg.kind;
  const { nameContains, status } = arg;
  if (!JOB_KINDS.includes(k as JobKind)) {
    return { error: `"kind" must be one of ${JOB_KINDS.join(', ')}` };
  }
  if (nameContains !== undefined && typeof nameContains !== 'string') {
    return { error: '"nameContains" must be a string' };
  }
  if (status !== undefined && NAME_ONLY_KINDS.includes(k as JobKind)) {
    return { error: `${JOB_KIND_NOUN[k as JobKind]} filter by name only (their names starting with "nameContains")` };
  }
  if (status !== undefined && !JOB_STATUSES.includes(status as JobStatus)) {
    return { error: `"status" must be one of ${JOB_STATUSES.join(', ')}` };
  }
  return { kind: k as JobKind, filter: { ...(nameContains ? { nameContains } : {}), ...(status ? { status: status as JobStatus } : {}) } };
}
