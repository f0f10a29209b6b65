/** What a notification says and offers, for a job that ended and for alarms that entered ALARM. */
import { CommandId } from '../../shared/ids';
import { jobArgument, jobNounCapitalised, type JobRef } from '../../shared/jobRef';

export type JobEnd = 'Completed' | 'Failed' | 'Stopped';
export type NoticeSeverity = 'information' | 'warning' | 'error';

export interface NoticeAction {
  readonly title: string;
  readonly command: string;
  readonly args: unknown;
}

export interface Notice {
  /** The resource (`job:training:x`, `alarm:endpoint:y`) and the state it reached: at most one notice per pair. */
  readonly key: string;
  readonly state: string;
  readonly severity: NoticeSeverity;
  readonly message: string;
  readonly actions: readonly NoticeAction[];
}

export const ACTION_SHOW_FAILURE = 'Show Failure';
export const ACTION_OPEN_LOGS = 'Open Logs';
export const ACTION_OPEN_METRICS = 'Open Metrics';

export function isJobEnd(status: string): status is JobEnd {
  return status === 'Completed' || status === 'Failed' || status === 'Stopped';
}

const SEVERITY: Readonly<Record<JobEnd, NoticeSeverity>> = { Completed: 'information', Failed: 'error', Stopped: 'warning' };

/** The first line of a failure reason, shortened: the notification is one line; Show Failure has the rest. */
function firstLine(text: string, max = 200): string {
  const line = text.split('\n')[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function jobNotice(job: JobRef, end: JobEnd, failureReason?: string): Notice {
  const arg = jobArgument(job);
  const reason = end === 'Failed' && failureReason?.trim() ? `: ${firstLine(failureReason)}` : '.';
  return {
    key: `job:${job.kind}:${job.name}`,
    state: end,
    severity: SEVERITY[end],
    message: `${jobNounCapitalised(job.kind)} ${job.name} ${end.toLowerCase()}${reason}`,
    actions: [
      ...(end === 'Failed' ? [{ title: ACTION_SHOW_FAILURE, command: CommandId.ShowFailure, args: arg }] : []),
      { title: ACTION_OPEN_LOGS, command: CommandId.TailLogs, args: arg },
      { title: ACTION_OPEN_METRICS, command: CommandId.OpenMetrics, args: arg },
    ],
  };
}
