/** Where Show Failure's report of a job lives (a virtual document's path), and whose report a path is. */
import type { HostJobKind, JobRef } from '../../shared/jobRef';

/** The path of a job's report document (`/processing/churn-nightly.log`): the tab shows `churn-nightly.log`. */
export function failureReportPath(job: JobRef): string {
  return `/${job.kind}/${job.name}.log`;
}

/** The job a report path belongs to (`/<kind>/<name>.log`; an older `/<name>.log` is a training job's). */
export function jobOfFailureReportPath(path: string): JobRef | undefined {
  const m = /^\/(?:(training|processing|transform)\/)?([A-Za-z0-9][A-Za-z0-9-]*)\.log$/.exec(path);
  return m ? { kind: (m[1] as HostJobKind | undefined) ?? 'training', name: m[2] } : undefined;
}
