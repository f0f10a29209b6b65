/**
 * The SageMaker resources of one connection, as the explorer reads them. Listings are read anew on every call,
 * except two shared ones: the `Host` dimension index (30 s) and the alarm index (until invalidated).
 * The SDK-backed modules are imported on first use, so activation does not pay for loading the AWS SDK.
 */
import type { AwsClients } from './clients';
import { loadBackend } from './loadBackend';
import type { JobPage, JobPageQuery } from './jobs';
import type { TrainingJobQuery } from './sagemaker';
import { AlarmIndex } from '../shared/metrics/alarms';
import type {
  EndpointDetail,
  EndpointInstance,
  EndpointSummary,
  InferenceComponentInfo,
  JobStatus,
  ProcessingHost,
  ProcessingJobDetail,
  ProcessingJobSummary,
  TrainingHost,
  TrainingJobDetail,
  TrainingJobSummary,
  TransformInstance,
  TransformJobDetail,
  TransformJobSummary,
} from '../shared/model';
import type { EndpointGaugeValues } from './endpointGauges';
import type { PipelineExecution, PipelineStep, PipelineSummary, TuningChild, TuningJobDetail, TuningJobSummary } from '../shared/tuningPipelines';

export type { JobPage, JobPageQuery } from './jobs';
export type { EndpointGaugeValues } from './endpointGauges';

export interface ResourceCatalog {
  listEndpoints(signal?: AbortSignal): Promise<EndpointSummary[]>;
  describeEndpoint(endpointName: string, signal?: AbortSignal): Promise<EndpointDetail>;
  listEndpointInstances(endpointName: string, variantName: string, signal?: AbortSignal): Promise<EndpointInstance[]>;
  /** An endpoint's inference components, oldest first, each described (copies, compute per copy). */
  listInferenceComponents(endpointName: string, signal?: AbortSignal): Promise<InferenceComponentInfo[]>;
  describeInferenceComponent(inferenceComponentName: string, signal?: AbortSignal): Promise<InferenceComponentInfo>;
  /** The newest backlog (async) and loaded-model counts (multi-model) of a described endpoint; undefined when it has none. */
  endpointGauges(detail: EndpointDetail, signal?: AbortSignal): Promise<EndpointGaugeValues | undefined>;
  listTrainingJobs(query: TrainingJobQuery, signal?: AbortSignal): Promise<{ jobs: TrainingJobSummary[]; nextToken?: string }>;
  describeTrainingJob(trainingJobName: string, signal?: AbortSignal): Promise<TrainingJobDetail>;
  listTrainingHosts(trainingJobName: string, instanceCount: number, signal?: AbortSignal): Promise<TrainingHost[]>;
  listProcessingJobs(query: JobPageQuery<JobStatus>, signal?: AbortSignal): Promise<JobPage<ProcessingJobSummary>>;
  describeProcessingJob(processingJobName: string, signal?: AbortSignal): Promise<ProcessingJobDetail>;
  listProcessingHosts(processingJobName: string, instanceCount: number, signal?: AbortSignal): Promise<ProcessingHost[]>;
  listTransformJobs(query: JobPageQuery<JobStatus>, signal?: AbortSignal): Promise<JobPage<TransformJobSummary>>;
  describeTransformJob(transformJobName: string, signal?: AbortSignal): Promise<TransformJobDetail>;
  listTransformInstances(transformJobName: string, signal?: AbortSignal): Promise<TransformInstance[]>;
  listTuningJobs(query: JobPageQuery<JobStatus>, signal?: AbortSignal): Promise<JobPage<TuningJobSummary>>;
  describeTuningJob(tuningJobName: string, signal?: AbortSignal): Promise<TuningJobDetail>;
  /** A tuning job's training jobs, newest first (ranked by the caller). */
  listTuningChildren(tuningJobName: string, signal?: AbortSignal): Promise<TuningChild[]>;
  /** Pipelines newest first; `nameContains` is a name prefix. */
  listPipelines(query: JobPageQuery, signal?: AbortSignal): Promise<JobPage<PipelineSummary>>;
  listPipelineExecutions(pipelineName: string, query: { pageSize?: number; nextToken?: string }, signal?: AbortSignal): Promise<JobPage<PipelineExecution>>;
  describePipelineExecution(executionArn: string, signal?: AbortSignal): Promise<PipelineExecution>;
  listPipelineSteps(executionArn: string, signal?: AbortSignal): Promise<PipelineStep[]>;
  /**
   * The account's metric alarms indexed by the nodes they watch: one DescribeAlarms listing (paged) shared
   * by every node until `invalidate` or `invalidateAlarms` (shared, so no caller's signal aborts it).
   */
  alarmIndex(): Promise<AlarmIndex>;
  /** Forget the alarm listing (an alarm was created). */
  invalidateAlarms(): void;
  /** Forget anything shared between calls (a full refresh). */
  invalidate(): void;
}

const backend = loadBackend;

/** How long one listing of the `Host` dimension serves the variants expanded after it. */
const HOST_INDEX_TTL_MS = 30_000;

/** A catalogue over whatever clients the connection currently has (they change with the settings). */
export class AwsResourceCatalog implements ResourceCatalog {
  private hostIndex: { at: number; clients: AwsClients; value: Promise<Map<string, string[]>> } | undefined;
  private alarms: { clients: AwsClients; value: Promise<AlarmIndex> } | undefined;

  constructor(
    private readonly clients: () => Promise<AwsClients>,
    /** The service's time (metric windows are asked for in it). */
    private readonly now: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.hostIndex = undefined;
    this.alarms = undefined;
  }

  invalidateAlarms(): void {
    this.alarms = undefined;
  }

  async alarmIndex(): Promise<AlarmIndex> {
    const [b, clients] = await Promise.all([backend(), this.clients()]);
    if (!this.alarms || this.alarms.clients !== clients) {
      const value = b.describeAlarmsFor(clients.cloudwatch, () => true).then((alarms) => new AlarmIndex(alarms));
      const entry = { clients, value };
      this.alarms = entry;
      value.catch(() => this.alarms === entry && (this.alarms = undefined));
    }
    return this.alarms.value;
  }

  async listEndpoints(signal?: AbortSignal) {
    return (await backend()).listEndpoints((await this.clients()).sagemaker, signal);
  }

  async describeEndpoint(endpointName: string, signal?: AbortSignal) {
    return (await backend()).describeEndpoint((await this.clients()).sagemaker, endpointName, signal);
  }

  async listEndpointInstances(endpointName: string, variantName: string, signal?: AbortSignal) {
    const [b, clients] = await Promise.all([backend(), this.clients()]);
    const now = Date.now();
    if (!this.hostIndex || this.hostIndex.clients !== clients || now - this.hostIndex.at > HOST_INDEX_TTL_MS) {
      const value = b.hostDimensionIndex(clients.cloudwatch);
      this.hostIndex = { at: now, clients, value };
      // A failed listing is not kept: the next expansion asks again.
      value.catch(() => this.hostIndex?.value === value && (this.hostIndex = undefined));
    }
    return b.listEndpointInstances(clients, endpointName, variantName, this.hostIndex.value, signal);
  }

  async listInferenceComponents(endpointName: string, signal?: AbortSignal) {
    return (await backend()).listInferenceComponents((await this.clients()).sagemaker, endpointName, signal);
  }

  async describeInferenceComponent(inferenceComponentName: string, signal?: AbortSignal) {
    return (await backend()).describeInferenceComponent((await this.clients()).sagemaker, inferenceComponentName, signal);
  }

  async endpointGauges(detail: EndpointDetail, signal?: AbortSignal) {
    return (await backend()).endpointGauges((await this.clients()).cloudwatch, detail, this.now(), signal);
  }

  async listTrainingJobs(query: TrainingJobQuery, signal?: AbortSignal) {
    return (await backend()).listTrainingJobsPage((await this.clients()).sagemaker, query, signal);
  }

  async describeTrainingJob(trainingJobName: string, signal?: AbortSignal) {
    return (await backend()).describeTrainingJob((await this.clients()).sagemaker, trainingJobName, signal);
  }

  async listTrainingHosts(trainingJobName: string, instanceCount: number, signal?: AbortSignal) {
    return (await backend()).listTrainingHosts((await this.clients()).logs, trainingJobName, instanceCount, signal);
  }

  async listProcessingJobs(query: JobPageQuery<JobStatus>, signal?: AbortSignal) {
    return (await backend()).listProcessingJobsPage((await this.clients()).sagemaker, query, signal);
  }

  async describeProcessingJob(processingJobName: string, signal?: AbortSignal) {
    return (await backend()).describeProcessingJob((await this.clients()).sagemaker, processingJobName, signal);
  }

  async listProcessingHosts(processingJobName: string, instanceCount: number, signal?: AbortSignal) {
    return (await backend()).listProcessingHosts((await this.clients()).logs, processingJobName, instanceCount, signal);
  }

  async listTransformJobs(query: JobPageQuery<JobStatus>, signal?: AbortSignal) {
    return (await backend()).listTransformJobsPage((await this.clients()).sagemaker, query, signal);
  }

  async describeTransformJob(transformJobName: string, signal?: AbortSignal) {
    return (await backend()).describeTransformJob((await this.clients()).sagemaker, transformJobName, signal);
  }

  async listTransformInstances(transformJobName: string, signal?: AbortSignal) {
    return (await backend()).listTransformInstances((await this.clients()).logs, transformJobName, signal);
  }

  async listTuningJobs(query: JobPageQuery<JobStatus>, signal?: AbortSignal) {
    return (await backend()).listTuningJobsPage((await this.clients()).sagemaker, query, signal);
  }

  async describeTuningJob(tuningJobName: string, signal?: AbortSignal) {
    return (await backend()).describeTuningJob((await this.clients()).sagemaker, tuningJobName, signal);
  }

  async listTuningChildren(tuningJobName: string, signal?: AbortSignal) {
    return (await backend()).listTuningChildren((await this.clients()).sagemaker, tuningJobName, signal);
  }

  async listPipelines(query: JobPageQuery, signal?: AbortSignal) {
    return (await backend()).listPipelinesPage((await this.clients()).sagemaker, query, signal);
  }

  async listPipelineExecutions(pipelineName: string, query: { pageSize?: number; nextToken?: string }, signal?: AbortSignal) {
    return (await backend()).listPipelineExecutionsPage((await this.clients()).sagemaker, pipelineName, query, signal);
  }

  async describePipelineExecution(executionArn: string, signal?: AbortSignal) {
    return (await backend()).describePipelineExecution((await this.clients()).sagemaker, executionArn, signal);
  }

  async listPipelineSteps(executionArn: string, signal?: AbortSignal) {
    return (await backend()).listPipelineSteps((await this.clients()).sagemaker, executionArn, signal);
  }
}
