/** Descriptions and tooltip text of the processing and transform job subtrees. */
import { formatTime } from '../../shared/format';
import type { ProcessingJobDetail, ProcessingJobSummary, TransformInstance, TransformJobDetail, TransformJobSummary } from '../../shared/model';
import { runDuration } from './trainingJobText';

/** `Completed · 38m`: the status and how long the job has run. */
export function jobDescription(j: { status: string; createdAt?: number; endedAt?: number; modifiedAt?: number }, detail: { startedAt?: number } | undefined, now: number): string {
  return [j.status, runDuration(j, detail?.startedAt, now)].filter(Boolean).join(' · ');
}

function head(j: { name: string; status: string; createdAt?: number; endedAt?: number }): string {
  return `**${j.name}** — ${j.status}\n\nCreated ${formatTime(j.createdAt)}  \nEnded ${formatTime(j.endedAt)}`;
}

const instances = (d: { instanceCount: number; instanceType?: string }) => `${d.instanceCount} × ${d.instanceType ?? 'instance'}`;

/** The processing job's tooltip (markdown) without the failure, which the node appends as plain text. */
export function processingJobTooltip(j: ProcessingJobSummary, detail: ProcessingJobDetail | undefined): string {
  if (!detail) {
    return head(j);
  }
  const command = [...detail.containerEntrypoint, ...detail.containerArguments].join(' ');
  return `${head(j)}  \n${instances(detail)}${command ? `  \n\`${command.replace(/`/g, "'")}\`` : ''}`;
}

export function transformJobTooltip(j: TransformJobSummary, detail: TransformJobDetail | undefined): string {
  return detail ? `${head(j)}  \n${instances(detail)}${detail.modelName ? `  \nModel ${detail.modelName}` : ''}` : head(j);
}

/** How many lines of a failed job's ExitMessage (often a whole traceback) the tooltip shows: the last ones. */
export const EXIT_MESSAGE_LINES = 4;

/** What a failed job's tooltip says: the FailureReason, then the end of the ExitMessage (plain text). */
export function failureText(j: { failureReason?: string; exitMessage?: string }): { reason?: string; exitMessage?: string } {
  const lines = (j.exitMessage ?? '').split('\n').filter((l) => l.trim() !== '');
  const tail = lines.slice(-EXIT_MESSAGE_LINES);
  return {
    ...(j.failureReason ? { reason: j.failureReason } : {}),
    ...(tail.length ? { exitMessage: `${lines.length > tail.length ? '…\n' : ''}${tail.join('\n')}` } : {}),
  };
}

/** `model server · data log`: which streams an instance has. */
export function transformInstanceDescription(i: TransformInstance): string {
  const parts = [i.streams.length ? 'model server' : undefined, i.dataLogStreams.length ? 'data log' : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no logs yet';
}
