/** The training jobs root's filter and paging: what is asked for, what a page adds, what an empty list says. */
import type { TrainingJobStatus, TrainingJobSummary } from '../../shared/model';

export interface TrainingJobFilter {
  readonly nameContains?: string;
  readonly status?: TrainingJobStatus;
}

/** The statuses the filter offers, in the order it offers them. */
export const TRAINING_JOB_STATUSES: readonly TrainingJobStatus[] = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];

export function isFiltered(f: TrainingJobFilter): boolean {
  return Boolean(f.nameContains || f.status);
}

/** The root's description: `"fragment" · Status` while filtered. */
export function filterDescription(f: TrainingJobFilter): string | undefined {
  return isFiltered(f) ? [f.nameContains && `"${f.nameContains}"`, f.status].filter(Boolean).join(' · ') : undefined;
}

export function noTrainingJobsMessage(f: TrainingJobFilter): string {
  return isFiltered(f) ? 'No training jobs match the filter' : 'No training jobs in this region';
}

/** The ListTrainingJobs query of one page. */
export function trainingJobsPageQuery(
  filter: TrainingJobFilter,
  pageSize: number,
  nextToken: string | undefined,
): { pageSize: number; nameContains?: string; status?: TrainingJobStatus; nextToken?: string } {
  return {
    pageSize,
    ...(filter.nameContains ? { nameContains: filter.nameContains } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** The jobs of a page not already loaded (a job started while paging shifts the pages). */
export function unseenJobs<T extends TrainingJobSummary>(loaded: readonly { readonly name: string }[], page: readonly T[]): T[] {
  const known = new Set(loaded.map((j) => j.name));
  return page.filter((j) => !known.has(j.name));
}
