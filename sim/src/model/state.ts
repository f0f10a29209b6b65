/** The simulated account: SageMaker resources, log store, metric store and alarms of one region. */
import { InsightsStore } from './insights/queries';
import { LogStore } from './logStore';
import { type Dim, MetricStore } from './metrics';
import type { PendingLaunch, Pipeline, PipelineExecution, TuningJob } from './workflows';

export const ACCOUNT_ID = '123456789012';

export interface Variant {
  VariantName: string;
  /** absent on a variant that hosts inference components */
  ModelName?: string;
  /** absent on a serverless variant */
  InstanceType?: string;
  InitialInstanceCount: number;
  InitialVariantWeight: number;
  image: string;
  /** EC2-style instance ids (log streams `[variant]/[instance-id]`, metrics dimensions); none when serverless */
  instanceIds: string[];
  ServerlessConfig?: ServerlessConfig;
  ManagedInstanceScaling?: { Status: 'ENABLED' | 'DISABLED'; MinInstanceCount?: number; MaxInstanceCount?: number };
}

/** ProductionVariantServerlessConfig */
export interface ServerlessConfig {
  MemorySizeInMB: number;
  MaxConcurrency: number;
  ProvisionedConcurrency?: number;
}

/** AsyncInferenceConfig (the SDK's shape) */
export interface AsyncConfig {
  ClientConfig?: { MaxConcurrentInvocationsPerInstance?: number };
  OutputConfig: { S3OutputPath?: string; S3FailurePath?: string; KmsKeyId?: string; NotificationConfig?: { SuccessTopic?: string; ErrorTopic?: string } };
}

/** MetricsConfig (the SDK's shape) */
export interface MetricsConfig {
  EnableEnhancedMetrics?: boolean;
  MetricPublishFrequencyInSeconds?: number;
}

/** Endpoint-level settings shared by an endpoint config and the endpoints made from it. */
export interface EndpointExtras {
  asyncConfig?: AsyncConfig;
  metricsConfig?: MetricsConfig;
}

/** A SageMaker model (DescribeModel): one primary container. */
export interface Model {
  name: string;
  creationTime: number;
  image: string;
  modelDataUrl?: string;
  mode: 'SingleModel' | 'MultiModel';
  executionRoleArn: string;
  environment?: Record<string, string>;
}

/** One copy of an inference component: where it runs and from when (epoch ms). */
export interface ComponentCopy {
  instanceId: string;
  /** per-copy container id (enhanced metrics ContainerId, log stream `[instance-id]/[container-id]`) */
  containerId: string;
  start: number;
}

export interface InferenceComponent {
  name: string;
  endpointName: string;
  variantName: string;
  creationTime: number;
  modelName: string;
  image: string;
  artifactUrl?: string;
  environment?: Record<string, string>;
  compute: { NumberOfAcceleratorDevicesRequired?: number; NumberOfCpuCoresRequired?: number; MinMemoryRequiredInMb: number; MaxMemoryRequiredInMb?: number };
  /** status and desired copy count over time (last with at <= now wins); the current count is the copies started */
  steps: { status: string; at: number; desiredCopies: number }[];
  copies: ComponentCopy[];
  failureReason?: string;
  /** rolling update policy of the last deployment (LastDeploymentConfig), when one ran */
  rollingBatch?: number;
}

export interface StatusStep {
  status: string;
  /** epoch ms */
  at: number;
  message?: string;
}

export interface Endpoint extends EndpointExtras {
  name: string;
  configName: string;
  creationTime: number;
  variants: Variant[];
  /** statuses over time (last with at <= now wins) */
  steps: StatusStep[];
  failureReason?: string;
}

export interface EndpointConfig extends EndpointExtras {
  name: string;
  creationTime: number;
  variants: Variant[];
}

export interface MetricDefinition {
  Name: string;
  Regex: string;
}

export interface TrainingJob {
  name: string;
  creationTime: number;
  /** secondary status steps over time */
  steps: StatusStep[];
  failureReason?: string;
  instanceType: string;
  instanceCount: number;
  volumeSizeInGB: number;
  image: string;
  hyperParameters: Record<string, string>;
  metricDefinitions: MetricDefinition[];
  roleArn: string;
  outputPath: string;
  maxRuntimeInSeconds: number;
  inputChannels: string[];
  spot?: boolean;
  finalMetrics?: { MetricName: string; Value: number }[];
  /** the hyperparameter tuning job that launched it (DescribeTrainingJob TuningJobArn) */
  tuningJobName?: string;
}

/** S3 channel of a processing job (ProcessingInputs / ProcessingOutputConfig.Outputs). */
export interface ProcessingChannel {
  name: string;
  s3Uri: string;
  localPath: string;
}

export interface ProcessingJob {
  name: string;
  creationTime: number;
  /** primary statuses over time (InProgress, Completed, Failed, Stopping, Stopped) */
  steps: StatusStep[];
  /** the hosts start (ProcessingStartTime) */
  startTime: number;
  failureReason?: string;
  exitMessage?: string;
  instanceType: string;
  instanceCount: number;
  volumeSizeInGB: number;
  imageUri: string;
  entrypoint: string[];
  arguments: string[];
  environment: Record<string, string>;
  roleArn: string;
  inputs: ProcessingChannel[];
  outputs: ProcessingChannel[];
  maxRuntimeInSeconds: number;
}

export interface TransformJob {
  name: string;
  creationTime: number;
  /** primary statuses over time (InProgress, Completed, Failed, Stopping, Stopped) */
  steps: StatusStep[];
  /** the instances start (TransformStartTime) */
  startTime: number;
  failureReason?: string;
  modelName: string;
  instanceType: string;
  instanceCount: number;
  /** EC2-style ids: log streams `[job]/[instance-id]-[epoch]`, metrics Host `[job]/[instance-id]` */
  instanceIds: string[];
  inputUri: string;
  contentType: string;
  splitType: string;
  outputPath: string;
  batchStrategy: string;
  maxConcurrentTransforms: number;
  maxPayloadInMB: number;
  environment: Record<string, string>;
}

/** Primary status of a processing or transform job at `now`, when it last changed and when it ended. */
export function jobStatusAt(job: { steps: StatusStep[]; creationTime: number }, now: number): { status: string; lastModified: number; end: number | undefined } {
  const { current } = stepsAt(job.steps, now);
  const status = current?.status ?? 'InProgress';
  return { status, lastModified: current?.at ?? job.creationTime, end: ['Completed', 'Failed', 'Stopped'].includes(status) ? current?.at : undefined };
}

export interface Alarm {
  AlarmName: string;
  AlarmDescription?: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Dim[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  ActionsEnabled: boolean;
  AlarmActions: string[];
  OKActions: string[];
  InsufficientDataActions: string[];
  Unit?: string;
  updated: number;
}

export class Account {
  readonly endpoints = new Map<string, Endpoint>();
  readonly endpointConfigs = new Map<string, EndpointConfig>();
  readonly trainingJobs = new Map<string, TrainingJob>();
  readonly processingJobs = new Map<string, ProcessingJob>();
  readonly transformJobs = new Map<string, TransformJob>();
  readonly tuningJobs = new Map<string, TuningJob>();
  readonly pipelines = new Map<string, Pipeline>();
  /** by execution id (the last part of its ARN) */
  readonly pipelineExecutions = new Map<string, PipelineExecution>();
  /** executions whose metrics are not all published yet */
  readonly activeExecutions = new Set<PipelineExecution>();
  /** jobs to create when the clock reaches them (workflows.ts: later pipeline steps, later tuning children) */
  readonly pending: PendingLaunch[] = [];
  readonly logs = new LogStore();
  readonly metrics = new MetricStore();
  readonly alarms = new Map<string, Alarm>();
  readonly models = new Map<string, Model>();
  readonly inferenceComponents = new Map<string, InferenceComponent>();
  /** Logs Insights queries and saved query definitions */
  readonly insights = new InsightsStore();
  constructor(readonly region: string) {}

  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${ACCOUNT_ID}:${resource}`;
  }
}

/** The step in force at `now` and the visible steps. */
export function stepsAt<S extends { at: number } = StatusStep>(steps: S[], now: number): { current: S | undefined; visible: S[] } {
  const visible = steps.filter((s) => s.at <= now);
  return { current: visible[visible.length - 1], visible };
}

const PRIMARY: Record<string, string> = {
  Starting: 'InProgress',
  Pending: 'InProgress',
  LaunchingMLInstances: 'InProgress',
  PreparingTrainingStack: 'InProgress',
  Downloading: 'InProgress',
  DownloadingTrainingImage: 'InProgress',
  Training: 'InProgress',
  Uploading: 'InProgress',
  Interrupted: 'InProgress',
  Restarting: 'InProgress',
  Updating: 'InProgress',
  Stopping: 'Stopping',
  Stopped: 'Stopped',
  MaxRuntimeExceeded: 'Stopped',
  MaxWaitTimeExceeded: 'Stopped',
  Completed: 'Completed',
  Failed: 'Failed',
};

export function primaryStatus(secondary: string): string {
  return PRIMARY[secondary] ?? 'InProgress';
}

/** A training job at `now`: secondary and primary status, visible transitions, when training started and when it ended. */
export function trainingState(job: TrainingJob, now: number) {
  const { current, visible } = stepsAt(job.steps, now);
  const secondary = current?.status ?? 'Starting';
  const status = primaryStatus(secondary);
  const trainingStep = visible.find((s) => s.status === 'Training' || s.status === 'Downloading');
  const terminal = ['Completed', 'Failed', 'Stopped', 'MaxRuntimeExceeded'].includes(secondary) ? current : undefined;
  return { secondary, status, visible, lastModified: current?.at ?? job.creationTime, trainingStart: trainingStep?.at, end: terminal?.at };
}

export const SECONDARY_MESSAGES: Record<string, string> = {
  Starting: 'Launching requested ML instances',
  Downloading: 'Downloading input data',
  Training: 'Training image download completed. Training in progress.',
  Uploading: 'Uploading generated training model',
  Completed: 'Training job completed',
  Failed: 'Training job failed',
  Stopping: 'Stopping the training job',
  Stopped: 'Training job stopped',
  Interrupted: 'Training job interrupted (Spot interruption)',
  Restarting: 'Restarting the training job',
};
