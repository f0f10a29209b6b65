/** Descriptions, labels and tooltip text of the training job subtree (jobs → algo hosts → log streams). */
import { formatDuration, formatTime } from '../../shared/format';
import { isTerminalTrainingStatus, type TrainingHost, type TrainingJobDetail, type TrainingJobSummary } from '../../shared/model';

/**
 * `Training · 3m 12s`: the secondary status when it says more than the status, and how long the job has
 * run (until now while it runs; until it ended, or was last modified, once it is over).
 */
export function trainingJobDescription(j: TrainingJobSummary, detail: TrainingJobDetail | undefined, now: number): string {
  const end = j.endedAt ?? (isTerminalTrainingStatus(j.status) ? j.modifiedAt : now);
  const start = detail?.startedAt ?? j.createdAt;
  const duration = start !== undefined && end !== undefined ? formatDuration(end - start) : undefined;
  return [j.secondaryStatus && j.secondaryStatus !== j.status ? j.secondaryStatus : j.status, duration].filter(Boolean).join(' · ');
}

/** The job's tooltip (markdown) from the list's summary, and the instances once the job has been read. */
export function trainingJobTooltip(j: TrainingJobSummary, detail: TrainingJobDetail | undefined): string {
  const head = `**${j.name}** — ${j.status}${j.secondaryStatus ? ` (${j.secondaryStatus})` : ''}\n\nCreated ${formatTime(j.createdAt)}  \nEnded ${formatTime(j.endedAt)}`;
  return detail ? `${head}  \n${detail.instanceCount} × ${detail.instanceType ?? 'instance'}` : head;
}

/** A host with more than one log stream was restarted; its streams are its children. */
export function isRestarted(h: TrainingHost): boolean {
  return h.streams.length > 1;
}

export function trainingHostDescription(h: TrainingHost): string | undefined {
  return h.streams.length === 0 ? 'no logs yet' : isRestarted(h) ? `${h.streams.length} streams (restarted)` : undefined;
}

export function trainingHostTooltip(h: TrainingHost): string {
  return `**${h.trainingJobName} / ${h.host}**\n\n${h.streams.map((s) => `\`${s.logStreamName}\` — started ${formatTime(s.startedAt * 1000)}`).join('  \n') || 'No log streams yet.'}`;
}

/** A log stream's label: the last part of its name. */
export function logStreamLabel(logStreamName: string): string {
  return logStreamName.split('/').pop() ?? logStreamName;
}

export function logStreamTooltip(logGroupName: string, logStreamName: string, lastEventAt: number | undefined): string {
  return `${logGroupName}\n${logStreamName}\nLast event: ${formatTime(lastEventAt)}`;
}
