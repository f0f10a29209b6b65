/** Descriptions, labels and tooltip text of the training job subtree (jobs → algo hosts → log streams). */
import { billableTimeLines } from '../../shared/billableTime';
import { formatDuration, formatTime } from '../../shared/format';
import { isTerminalTrainingStatus, type JobStream, type TrainingHost, type TrainingJobDetail, type TrainingJobSummary } from '../../shared/model';

/**
 * `Training · 3m 12s`: the secondary status when it says more than the status, and how long the job has
 * run (until now while it runs; until it ended, or was last modified, once it is over).
 */
export function trainingJobDescription(j: TrainingJobSummary, detail: TrainingJobDetail | undefined, now: number): string {
  return [j.secondaryStatus && j.secondaryStatus !== j.status ? j.secondaryStatus : j.status, runDuration(j, detail?.startedAt, now)].filter(Boolean).join(' · ');
}

/** How long a job (of any kind) has run: until now while it runs; until it ended, or was last modified, once over. */
export function runDuration(j: { status: string; createdAt?: number; endedAt?: number; modifiedAt?: number }, startedAt: number | undefined, now: number): string | undefined {
  const end = j.endedAt ?? (isTerminalTrainingStatus(j.status) ? j.modifiedAt : now);
  const start = startedAt ?? j.createdAt;
  return start !== undefined && end !== undefined ? formatDuration(end - start) : undefined;
}

/**
 * The job's tooltip (markdown) from the list's summary; once the job has been read, its instances and, once it
 * has ended, its training and billable seconds and Spot saving (as the SDK prints them).
 */
export function trainingJobTooltip(j: TrainingJobSummary, detail: TrainingJobDetail | undefined): string {
  const head = `**${j.name}** — ${j.status}${j.secondaryStatus ? ` (${j.secondaryStatus})` : ''}\n\nCreated ${formatTime(j.createdAt)}  \nEnded ${formatTime(j.endedAt)}`;
  if (!detail) {
    return head;
  }
  const billing = billableTimeLines(detail);
  return [`${head}  \n${detail.instanceCount} × ${detail.instanceType ?? 'instance'}`, ...billing].join('  \n');
}


/** A host (training or processing) with more than one log stream was restarted; its streams are its children. */
export function isRestarted(h: { readonly streams: readonly JobStream[] }): boolean {
  return h.streams.length > 1;
}

export function trainingHostDescription(h: { readonly streams: readonly JobStream[] }): string | undefined {
  return h.streams.length === 0 ? 'no logs yet' : isRestarted(h) ? `${h.streams.length} streams (restarted)` : undefined;
}

export function trainingHostTooltip(h: TrainingHost): string {
  return hostTooltip(h.trainingJobName, h.host, h.streams);
}

/** A host's or instance's tooltip (markdown): its log streams with when each started. */
export function hostTooltip(jobName: string, host: string, streams: readonly JobStream[]): string {
  return `**${jobName} / ${host}**\n\n${streams.map((s) => `\`${s.logStreamName}\` — started ${formatTime(s.startedAt * 1000)}`).join('  \n') || 'No log streams yet.'}`;
}

/** A log stream's label: the last part of its name. */
export function logStreamLabel(logStreamName: string): string {
  return logStreamName.split('/').pop() ?? logStreamName;
}

export function logStreamTooltip(logGroupName: string, logStreamName: string, lastEventAt: number | undefined): string {
  return `${logGroupName}\n${logStreamName}\nLast event: ${formatTime(lastEventAt)}`;
}
