/** The simulated account: SageMaker resources, log store, metric store and alarms of one region. */
import { LogStore } from './logStore';
import { type Dim, MetricStore } from './metrics';

export const ACCOUNT_ID = '123456789012';

export interface Variant {
  VariantName: string;
  ModelName: string;
  InstanceType: string;
  InitialInstanceCount: number;
  InitialVariantWeight: number;
  image: string;
  /** EC2-style instance ids (log streams `[variant]/[instance-id]`, metrics dimensions) */
  instanceIds: string[];
}

export interface StatusStep {
  status: string;
  /** epoch ms */
  at: number;
  message?: string;
}

export interface Endpoint {
  name: string;
  configName: string;
  creationTime: number;
  variants: Variant[];
  /** statuses over time (last with at <= now wins) */
  steps: StatusStep[];
  failureReason?: string;
}

export interface EndpointConfig {
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
  readonly logs = new LogStore();
  readonly metrics = new MetricStore();
  readonly alarms = new Map<string, Alarm>();
  constructor(readonly region: string) {}

  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${ACCOUNT_ID}:${resource}`;
  }
}

/** The step in force at `now` and the visible steps. */
export function stepsAt(steps: StatusStep[], now: number): { current: StatusStep | undefined; visible: StatusStep[] } {
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
