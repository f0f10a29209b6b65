/**
 * A Query Logs target resolved against the account: the jobs whose streams it means (a tuning job's
 * children, a pipeline execution's step jobs) and the time it ran (Describe*'s start and end).
 */
import type { ResourceCatalog } from '../aws/catalog';
import type { PipelineStep } from '../shared/tuningPipelines';
import { endpointScope, inferenceComponentScope, jobsScope, queryTargetLabel, type LogJobKind, type QueryScope, type QueryTarget, type ScopeJob } from './model/target';

/** Logs are written a little before a job reports itself started and flushed a little after it ends. */
const MARGIN_MS = 2 * 60_000;
const LAST_HOUR_MS = 3_600_000;

export interface ResolvedScope {
  readonly scope: QueryScope;
  /** epoch ms; `job` when it is the job's run, `lastHour` otherwise */
  readonly start: number;
  readonly end: number;
  readonly rangeKind: 'job' | 'lastHour';
}

function run(start: number | undefined, end: number | undefined, now: number): { start: number; end: number; rangeKind: 'job' | 'lastHour' } {
  if (start === undefined) {
    return { start: now - LAST_HOUR_MS, end: now, rangeKind: 'lastHour' };
  }
  return { start: start - MARGIN_MS, end: Math.min(now, (end ?? now) + MARGIN_MS), rangeKind: 'job' };
}

async function stepJobs(catalog: ResourceCatalog, steps: readonly PipelineStep[]): Promise<ScopeJob[]> {
  const jobs: ScopeJob[] = [];
  for (const step of steps) {
    const job = step.job;
    if (!job) {
      continue;
    }
    if (job.kind === 'tuning') {
      jobs.push(...(await catalog.listTuningChildren(job.name)).map((c) => ({ kind: 'training' as LogJobKind, name: c.name })));
    } else {
      jobs.push({ kind: job.kind, name: job.name });
    }
  }
  return jobs;
}

export async function resolveScope(target: QueryTarget, catalog: ResourceCatalog, now: number): Promise<ResolvedScope> {
  const label = queryTargetLabel(target);
  switch (target.kind) {
    case 'trainingJob': {
      const d = await catalog.describeTrainingJob(target.trainingJobName);
      return { scope: jobsScope(label, [{ kind: 'training', name: d.name }], target.host), ...run(d.startedAt ?? d.createdAt, d.endedAt, now) };
    }
    case 'processingJob': {
      const d = await catalog.describeProcessingJob(target.processingJobName);
      return { scope: jobsScope(label, [{ kind: 'processing', name: d.name }], target.host), ...run(d.startedAt ?? d.createdAt, d.endedAt, now) };
    }
    case 'transformJob': {
      const d = await catalog.describeTransformJob(target.transformJobName);
      return { scope: jobsScope(label, [{ kind: 'transform', name: d.name }], target.host), ...run(d.startedAt ?? d.createdAt, d.endedAt, now) };
    }
    case 'tuningJob': {
      const [d, children] = await Promise.all([catalog.describeTuningJob(target.tuningJobName), catalog.listTuningChildren(target.tuningJobName)]);
      const starts = children.map((c) => c.startedAt ?? c.createdAt).filter((t): t is number => t !== undefined);
      const start = Math.min(d.createdAt ?? Infinity, ...starts);
      return { scope: jobsScope(`${label} (${children.length} training jobs)`, children.map((c) => ({ kind: 'training', name: c.name }))), ...run(Number.isFinite(start) ? start : undefined, d.endedAt, now) };
    }
    case 'endpoint':
      return { scope: endpointScope(target), ...run(undefined, undefined, now) };
    case 'inferenceComponent':
      return { scope: inferenceComponentScope(target), ...run(undefined, undefined, now) };
    case 'pipelineExecution': {
      const [e, steps] = await Promise.all([catalog.describePipelineExecution(target.pipelineExecutionArn), catalog.listPipelineSteps(target.pipelineExecutionArn)]);
      const jobs = await stepJobs(catalog, steps);
      const ended = ['Succeeded', 'Failed', 'Stopped'].includes(e.status) ? e.modifiedAt : undefined;
      return { scope: jobsScope(`${e.pipelineName} ${e.displayName ?? label}`, jobs), ...run(e.startedAt, ended, now) };
    }
  }
}
