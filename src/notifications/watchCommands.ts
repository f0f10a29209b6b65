/** `sagemakerMonitor.watch` / `unwatch` with `{ trainingJobName | processingJobName | transformJobName }` or a job of the tree. */
import { UserFacingError } from '../platform/errors';
import { parseJobRef, type JobRef } from '../shared/jobRef';
import type { Notifications } from './notifications';

/** The status a tree node of a job shows (`node.job.status`), a sighting for the watch. */
function statusOf(arg: unknown): string | undefined {
  const status = (arg as { job?: { status?: unknown } } | undefined)?.job?.status;
  return typeof status === 'string' ? status : undefined;
}

async function jobOf(verb: string, arg: unknown, pick?: (title: string) => Promise<unknown>): Promise<JobRef | undefined> {
  if (arg === undefined && pick) {
    arg = await pick(verb);
    if (arg === undefined) {
      return undefined;
    }
  }
  const job = parseJobRef(arg);
  if (!job) {
    throw new UserFacingError(`${verb}: give a training, processing or transform job ({ trainingJobName }, { processingJobName } or { transformJobName }).`);
  }
  return job;
}

export async function watchJob(notifications: Notifications, arg: unknown, pick?: (title: string) => Promise<unknown>): Promise<JobRef | undefined> {
  const job = await jobOf('Watch', arg, pick);
  if (job) {
    notifications.watch(job, statusOf(arg));
  }
  return job;
}

export async function unwatchJob(notifications: Notifications, arg: unknown, pick?: (title: string) => Promise<unknown>): Promise<JobRef | undefined> {
  const job = await jobOf('Unwatch', arg, pick);
  if (job) {
    notifications.unwatch(job);
  }
  return job;
}
