/** Descriptions, labels, icons and tooltips of the tuning job and pipeline subtrees. */
import { formatDuration, formatTime } from '../../shared/format';
import type { PipelineExecution, PipelineStep, PipelineSummary, TuningChild, TuningCounters, TuningJobDetail, TuningJobSummary } from '../../shared/tuningPipelines';
import { isTerminalExecutionStatus } from '../../shared/tuningPipelines';
import type { IconSpec } from './icons';
import { runDuration } from './trainingJobText';

/** `6 of 8 done`: children that ended (any way) of those the tuning job may launch. */
export function tuningProgress(c: TuningCounters | undefined, maxJobs: number | undefined): string | undefined {
  if (!c) {
    return undefined;
  }
  const ended = c.completed + c.stopped + c.nonRetryableError + c.retryableError;
  const total = maxJobs ?? ended + c.inProgress;
  return `${ended} of ${total} done`;
}

/** `InProgress · 6 of 8 done · 14m`. */
export function tuningJobDescription(j: TuningJobSummary, now: number): string {
  return [j.status, tuningProgress(j.counters, j.maxJobs), runDuration(j, undefined, now)].filter(Boolean).join(' · ');
}

/** The tuning job's tooltip (markdown): objective, strategy, and its children's status counters. */
export function tuningJobTooltip(j: TuningJobSummary, detail: TuningJobDetail | undefined): string {
  const lines = [`**${j.name}** — ${j.status}`, '', `Created ${formatTime(j.createdAt)}  \nEnded ${formatTime(j.endedAt)}`];
  if (detail?.objective) {
    lines.push('', `Objective: ${detail.objective.type.toLowerCase()} \`${detail.objective.metricName}\`${j.strategy ? ` (${j.strategy} search)` : ''}`);
  }
  const c = j.counters;
  if (c) {
    const parts = [`${c.completed} completed`, `${c.inProgress} in progress`, `${c.stopped} stopped`, `${c.nonRetryableError + c.retryableError} failed`];
    lines.push('', `Training jobs: ${parts.join(' · ')}${j.maxJobs !== undefined ? ` (of ${j.maxJobs}, ${j.maxParallelJobs ?? '?'} at a time)` : ''}`);
  }
  const o = j.objectiveCounters;
  if (o) {
    lines.push(`Objective read: ${o.succeeded} · pending ${o.pending} · failed ${o.failed}`);
  }
  if (detail?.bestTrainingJobName) {
    lines.push('', `Best so far: ${detail.bestTrainingJobName}`);
  }
  return lines.join('\n');
}

/** A number as the console shows objective values: up to 4 significant decimals. */
export function formatObjective(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(1) : Number(value.toPrecision(4)).toString();
}

/** `#1 validation:auc 0.9123 · Completed · 12m` (the rank counts only children with a value). */
export function tuningChildDescription(child: TuningChild, rank: number | undefined, metricName: string | undefined, now: number): string {
  const objective = child.objectiveValue !== undefined ? `${rank !== undefined ? `#${rank} ` : ''}${metricName ?? 'objective'} ${formatObjective(child.objectiveValue)}` : undefined;
  return [objective, child.status, runDuration(child, child.startedAt, now)].filter(Boolean).join(' · ');
}

/** The child's tuned hyperparameters, for its tooltip. */
export function tunedHyperParametersText(child: TuningChild): string {
  const entries = Object.entries(child.tunedHyperParameters);
  return entries.length ? `Tuned: ${entries.map(([k, v]) => `\`${k}\`=${v}`).join(', ')}` : '';
}

export function pipelineDescription(p: PipelineSummary): string {
  return p.lastExecutionAt !== undefined ? `last run ${formatTime(p.lastExecutionAt)}` : 'never run';
}

export function pipelineTooltip(p: PipelineSummary): string {
  return [`**${p.displayName ?? p.name}**`, p.description ?? '', `Created ${formatTime(p.createdAt)}  \nLast run ${formatTime(p.lastExecutionAt)}`].filter(Boolean).join('\n\n');
}

/** An execution's label: its display name, or the id at the end of its ARN. */
export function executionLabel(e: PipelineExecution): string {
  return e.displayName ?? e.arn.split('/').pop() ?? e.arn;
}

/** `Failed · 42m` (running: until now; ended: until its last change). */
export function executionDescription(e: PipelineExecution, now: number): string {
  const end = isTerminalExecutionStatus(e.status) ? e.modifiedAt : now;
  const duration = e.startedAt !== undefined && end !== undefined ? formatDuration(end - e.startedAt) : undefined;
  return [e.status, duration, e.startedAt !== undefined ? formatTime(e.startedAt) : undefined].filter(Boolean).join(' · ');
}

export function executionTooltip(e: PipelineExecution): string {
  return [`**${e.pipelineName} / ${executionLabel(e)}** — ${e.status}`, `Started ${formatTime(e.startedAt)}`, `\`${e.arn}\``].join('\n\n');
}

/** `Training · Failed · 3m`. */
export function stepDescription(s: PipelineStep, now: number): string {
  const end = s.endedAt ?? (isTerminalExecutionStatus(s.status) ? undefined : now);
  const duration = s.startedAt !== undefined && end !== undefined ? formatDuration(end - s.startedAt) : undefined;
  return [s.type, s.status, duration, s.note].filter(Boolean).join(' · ');
}

export const STEP_STATUS_ICONS: Readonly<Record<string, IconSpec>> = {
  Starting: { id: 'sync~spin' },
  Executing: { id: 'sync~spin' },
  Succeeded: { id: 'pass', color: 'testing.iconPassed' },
  Failed: { id: 'error', color: 'testing.iconFailed' },
  Stopping: { id: 'loading~spin' },
  Stopped: { id: 'debug-stop', color: 'list.warningForeground' },
};
