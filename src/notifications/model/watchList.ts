/** The jobs the user watches (marked Watch, tailed, or whose metrics panel was opened), kept across reloads. */
import { jobKey, type HostJobKind, type JobRef } from '../../shared/jobRef';

/** Kept at most: the oldest marks are dropped first. */
export const MAX_WATCHED = 200;

const KINDS: readonly HostJobKind[] = ['training', 'processing', 'transform'];

export class WatchList {
  private readonly jobs = new Map<string, JobRef>();

  /** From what `toJSON` saved (anything else is ignored). */
  constructor(saved?: unknown) {
    if (Array.isArray(saved)) {
      for (const entry of saved as unknown[]) {
        const e = entry as Partial<JobRef> | null;
        if (e && typeof e.name === 'string' && e.name && KINDS.includes(e.kind as HostJobKind)) {
          this.add({ kind: e.kind as HostJobKind, name: e.name });
        }
      }
    }
  }

  has(job: JobRef): boolean {
    return this.jobs.has(jobKey(job));
  }

  /** True when the job was not watched yet. */
  add(job: JobRef): boolean {
    const key = jobKey(job);
    if (this.jobs.has(key)) {
      return false;
    }
    this.jobs.set(key, { kind: job.kind, name: job.name });
    while (this.jobs.size > MAX_WATCHED) {
      this.jobs.delete(this.jobs.keys().next().value as string);
    }
    return true;
  }

  /** True when the job was watched. */
  delete(job: JobRef): boolean {
    return this.jobs.delete(jobKey(job));
  }

  get size(): number {
    return this.jobs.size;
  }

  all(): readonly JobRef[] {
    return [...this.jobs.values()];
  }

  toJSON(): JobRef[] {
    return [...this.jobs.values()];
  }
}
