/**
 * Tuning jobs and pipelines: a page of each listing (the SDK's paginators from the caller's token), the
 * detail the tree needs, a tuning job's children and a pipeline execution's steps.
 */
import {
  DescribeHyperParameterTuningJobCommand,
  DescribePipelineExecutionCommand,
  paginateListHyperParameterTuningJobs,
  paginateListPipelineExecutions,
  paginateListPipelineExecutionSteps,
  paginateListPipelines,
  paginateListTrainingJobsForHyperParameterTuningJob,
  type HyperParameterTrainingJobSummary,
  type HyperParameterTuningJobStatus,
  type ObjectiveStatusCounters,
  type PipelineExecutionStepMetadata,
  type SageMakerClient,
  type TrainingJobStatusCounters,
} from '@aws-sdk/client-sagemaker';
import type { JobStatus } from '../shared/model';
import { readStepMetadata, type PipelineExecution, type PipelineStep, type PipelineSummary, type TuningChild, type TuningCounters, type TuningJobDetail, type TuningJobSummary } from '../shared/tuningPipelines';
import type { JobPage, JobPageQuery } from './jobs';

const ms = (d: Date | undefined): number | undefined => (d ? d.getTime() : undefined);

async function firstPage<P>(pages: AsyncIterable<P>): Promise<P | undefined> {
  for await (const page of pages) {
    return page;
  }
  return undefined;
}

async function allPages<P>(pages: AsyncIterable<P>): Promise<P[]> {
  const out: P[] = [];
  for await (const page of pages) {
    out.push(page);
  }
  return out;
}

function counters(c: TrainingJobStatusCounters | undefined): TuningCounters | undefined {
  return c ? { completed: c.Completed ?? 0, inProgress: c.InProgress ?? 0, retryableError: c.RetryableError ?? 0, nonRetryableError: c.NonRetryableError ?? 0, stopped: c.Stopped ?? 0 } : undefined;
}

function objectiveCounters(c: ObjectiveStatusCounters | undefined) {
  return c ? { succeeded: c.Succeeded ?? 0, pending: c.Pending ?? 0, failed: c.Failed ?? 0 } : undefined;
}

export async function listTuningJobsPage(client: SageMakerClient, query: JobPageQuery<JobStatus>, signal?: AbortSignal): Promise<JobPage<TuningJobSummary>> {
  const page = await firstPage(
    paginateListHyperParameterTuningJobs(
      // MaxResults is at most 100 here as elsewhere.
      { client, pageSize: query.pageSize ?? 50, ...(query.nextToken ? { startingToken: query.nextToken } : {}) },
      {
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        ...(query.nameContains ? { NameContains: query.nameContains } : {}),
        ...(query.status ? { StatusEquals: query.status as HyperParameterTuningJobStatus } : {}),
      },
      { abortSignal: signal },
    ),
  );
  return {
    jobs: (page?.HyperParameterTuningJobSummaries ?? []).map((j) => ({
      name: j.HyperParameterTuningJobName ?? '',
      arn: j.HyperParameterTuningJobArn ?? '',
      status: j.HyperParameterTuningJobStatus ?? 'Unknown',
      ...(j.Strategy ? { strategy: j.Strategy } : {}),
      createdAt: ms(j.CreationTime),
      endedAt: ms(j.HyperParameterTuningEndTime),
      modifiedAt: ms(j.LastModifiedTime),
      counters: counters(j.TrainingJobStatusCounters),
      objectiveCounters: objectiveCounters(j.ObjectiveStatusCounters),
      maxJobs: j.ResourceLimits?.MaxNumberOfTrainingJobs,
      maxParallelJobs: j.ResourceLimits?.MaxParallelTrainingJobs,
    })),
    ...(page?.NextToken ? { nextToken: page.NextToken } : {}),
  };
}

export async function describeTuningJob(client: SageMakerClient, tuningJobName: string, signal?: AbortSignal): Promise<TuningJobDetail> {
  const j = await client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: tuningJobName }), { abortSignal: signal });
  const config = j.HyperParameterTuningJobConfig;
  const objective = config?.HyperParameterTuningJobObjective;
  return {
    name: j.HyperParameterTuningJobName ?? tuningJobName,
    arn: j.HyperParameterTuningJobArn ?? '',
    status: j.HyperParameterTuningJobStatus ?? 'Unknown',
    ...(config?.Strategy ? { strategy: config.Strategy } : {}),
    createdAt: ms(j.CreationTime),
    endedAt: ms(j.HyperParameterTuningEndTime),
    modifiedAt: ms(j.LastModifiedTime),
    counters: counters(j.TrainingJobStatusCounters),
    objectiveCounters: objectiveCounters(j.ObjectiveStatusCounters),
    maxJobs: config?.ResourceLimits?.MaxNumberOfTrainingJobs,
    maxParallelJobs: config?.ResourceLimits?.MaxParallelTrainingJobs,
    ...(objective?.MetricName ? { objective: { type: objective.Type ?? 'Maximize', metricName: objective.MetricName } } : {}),
    ...(j.FailureReason ? { failureReason: j.FailureReason } : {}),
    ...(j.BestTrainingJob?.TrainingJobName ? { bestTrainingJobName: j.BestTrainingJob.TrainingJobName } : {}),
  };
}

function tuningChild(t: HyperParameterTrainingJobSummary): TuningChild {
  const value = t.FinalHyperParameterTuningJobObjectiveMetric?.Value;
  return {
    name: t.TrainingJobName ?? '',
    arn: t.TrainingJobArn ?? '',
    status: t.TrainingJobStatus ?? 'Unknown',
    createdAt: ms(t.CreationTime),
    startedAt: ms(t.TrainingStartTime),
    endedAt: ms(t.TrainingEndTime),
    ...(t.FailureReason ? { failureReason: t.FailureReason } : {}),
    ...(typeof value === 'number' && Number.isFinite(value) ? { objectiveValue: value } : {}),
    ...(t.ObjectiveStatus ? { objectiveStatus: t.ObjectiveStatus } : {}),
    tunedHyperParameters: t.TunedHyperParameters ?? {},
  };
}

/**
 * Every training job of a tuning job, newest first; the caller ranks them by the objective. Not sorted by
 * FinalObjectiveMetricValue on the service: that sort leaves out the jobs without a final value (running,
 * failed), which the tree shows too. A tuning job has at most a few hundred: 100 a page.
 */
export async function listTuningChildren(client: SageMakerClient, tuningJobName: string, signal?: AbortSignal): Promise<TuningChild[]> {
  const pages = await allPages(
    paginateListTrainingJobsForHyperParameterTuningJob(
      { client, pageSize: 100 },
      { HyperParameterTuningJobName: tuningJobName, SortBy: 'CreationTime', SortOrder: 'Descending' },
      { abortSignal: signal },
    ),
  );
  return pages.flatMap((p) => (p.TrainingJobSummaries ?? []).map(tuningChild));
}

/** One page of pipelines, newest first; `nameContains` is sent as the name prefix (ListPipelines has no other). */
export async function listPipelinesPage(client: SageMakerClient, query: JobPageQuery, signal?: AbortSignal): Promise<JobPage<PipelineSummary>> {
  const page = await firstPage(
    paginateListPipelines(
      { client, pageSize: query.pageSize ?? 50, ...(query.nextToken ? { startingToken: query.nextToken } : {}) },
      { SortBy: 'CreationTime', SortOrder: 'Descending', ...(query.nameContains ? { PipelineNamePrefix: query.nameContains } : {}) },
      { abortSignal: signal },
    ),
  );
  return {
    jobs: (page?.PipelineSummaries ?? []).map((p) => ({
      name: p.PipelineName ?? '',
      arn: p.PipelineArn ?? '',
      ...(p.PipelineDisplayName && p.PipelineDisplayName !== p.PipelineName ? { displayName: p.PipelineDisplayName } : {}),
      ...(p.PipelineDescription ? { description: p.PipelineDescription } : {}),
      createdAt: ms(p.CreationTime),
      modifiedAt: ms(p.LastModifiedTime),
      lastExecutionAt: ms(p.LastExecutionTime),
    })),
    ...(page?.NextToken ? { nextToken: page.NextToken } : {}),
  };
}

/** One page of a pipeline's executions, newest first. */
export async function listPipelineExecutionsPage(client: SageMakerClient, pipelineName: string, query: { pageSize?: number; nextToken?: string }, signal?: AbortSignal): Promise<JobPage<PipelineExecution>> {
  const page = await firstPage(
    paginateListPipelineExecutions(
      { client, pageSize: query.pageSize ?? 20, ...(query.nextToken ? { startingToken: query.nextToken } : {}) },
      { PipelineName: pipelineName, SortBy: 'CreationTime', SortOrder: 'Descending' },
      { abortSignal: signal },
    ),
  );
  return {
    jobs: (page?.PipelineExecutionSummaries ?? []).map((e) => ({
      arn: e.PipelineExecutionArn ?? '',
      pipelineName,
      ...(e.PipelineExecutionDisplayName ? { displayName: e.PipelineExecutionDisplayName } : {}),
      status: e.PipelineExecutionStatus ?? 'Unknown',
      startedAt: ms(e.StartTime),
      ...(e.PipelineExecutionFailureReason ? { failureReason: e.PipelineExecutionFailureReason } : {}),
    })),
    ...(page?.NextToken ? { nextToken: page.NextToken } : {}),
  };
}

/** The pipeline's name in its ARN or an execution's, `…:pipeline/<name>[/execution/<id>]`. */
export function pipelineNameOfArn(arn: string): string | undefined {
  return /:pipeline\/([^/]+)/.exec(arn)?.[1];
}

export async function describePipelineExecution(client: SageMakerClient, executionArn: string, signal?: AbortSignal): Promise<PipelineExecution> {
  const e = await client.send(new DescribePipelineExecutionCommand({ PipelineExecutionArn: executionArn }), { abortSignal: signal });
  return {
    arn: e.PipelineExecutionArn ?? executionArn,
    pipelineName: pipelineNameOfArn(e.PipelineArn ?? executionArn) ?? pipelineNameOfArn(executionArn) ?? '',
    ...(e.PipelineExecutionDisplayName ? { displayName: e.PipelineExecutionDisplayName } : {}),
    status: e.PipelineExecutionStatus ?? 'Unknown',
    startedAt: ms(e.CreationTime),
    modifiedAt: ms(e.LastModifiedTime),
    ...(e.FailureReason ? { failureReason: e.FailureReason } : {}),
  };
}

/** Every step of an execution, in the order they started (the service lists the newest first by default). */
export async function listPipelineSteps(client: SageMakerClient, executionArn: string, signal?: AbortSignal): Promise<PipelineStep[]> {
  const pages = await allPages(paginateListPipelineExecutionSteps({ client, pageSize: 100 }, { PipelineExecutionArn: executionArn, SortOrder: 'Ascending' }, { abortSignal: signal }));
  const steps = pages.flatMap((p) =>
    (p.PipelineExecutionSteps ?? []).map((s): PipelineStep => {
      const meta = readStepMetadata(s.Metadata as PipelineExecutionStepMetadata as Record<string, unknown> | undefined);
      return {
        name: s.StepName ?? '',
        ...(s.StepDisplayName && s.StepDisplayName !== s.StepName ? { displayName: s.StepDisplayName } : {}),
        type: meta.type,
        status: s.StepStatus ?? 'Unknown',
        startedAt: ms(s.StartTime),
        endedAt: ms(s.EndTime),
        ...(s.FailureReason ? { failureReason: s.FailureReason } : {}),
        ...(s.AttemptCount ? { attempts: s.AttemptCount } : {}),
        ...(meta.job ? { job: meta.job } : {}),
        ...(meta.note ? { note: meta.note } : {}),
      };
    }),
  );
  // Again by start (stable), whatever order the server listed them in; steps not started yet come last.
  return steps.sort((a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity));
}
