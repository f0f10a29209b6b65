/**
 * Domain types of what the explorer shows, independent of the SDK's shapes. Times are epoch milliseconds,
 * except a log stream's `startedAt` (TrainingHost.streams), which is the epoch seconds in its name.
 */

export type EndpointStatus = 'OutOfService' | 'Creating' | 'Updating' | 'SystemUpdating' | 'RollingBack' | 'InService' | 'Deleting' | 'Failed' | 'UpdateRollbackFailed';

export interface EndpointSummary {
  readonly name: string;
  readonly arn: string;
  readonly status: EndpointStatus | string;
  readonly createdAt?: number;
  readonly modifiedAt?: number;
}

export interface VariantInfo {
  readonly name: string;
  readonly currentInstanceCount?: number;
  readonly desiredInstanceCount?: number;
  readonly currentWeight?: number;
  readonly instanceType?: string;
  /** Serverless variants have no instances to list. */
  readonly serverless: boolean;
  /** A serverless variant's memory and concurrency (instead of instances). */
  readonly serverlessConfig?: ServerlessVariantConfig;
  /** The variant's model; absent on a variant that hosts inference components. */
  readonly modelName?: string;
  /** The model's container serves many models (Mode MultiModel); undefined when the model could not be read. */
  readonly multiModel?: boolean;
  /** The variant hosts inference components (a model-less, instance-backed variant). */
  readonly inferenceComponents?: boolean;
}

export interface ServerlessVariantConfig {
  readonly memorySizeInMB?: number;
  readonly maxConcurrency?: number;
  readonly provisionedConcurrency?: number;
}

export interface EndpointDetail extends EndpointSummary {
  readonly configName?: string;
  readonly failureReason?: string;
  readonly variants: readonly VariantInfo[];
  /** Set on an asynchronous endpoint (AsyncInferenceConfig). */
  readonly asyncInference?: { readonly outputPath?: string; readonly failurePath?: string };
  /** MetricsConfig.EnableEnhancedMetrics: instance metrics by InstanceId, ContainerId and AcceleratorId too. */
  readonly enhancedMetrics?: boolean;
}

export type EndpointKind = 'realtime' | 'inferenceComponents' | 'async' | 'serverless' | 'multiModel';

/** What an endpoint is, from its description; an endpoint of no known kind is 'realtime' (the generic view). */
export function endpointKinds(detail: Pick<EndpointDetail, 'variants' | 'asyncInference'>): Set<EndpointKind> {
  const kinds = new Set<EndpointKind>();
  if (detail.asyncInference) {
    kinds.add('async');
  }
  for (const v of detail.variants) {
    if (v.serverless) {
      kinds.add('serverless');
    }
    if (v.inferenceComponents) {
      kinds.add('inferenceComponents');
    }
    if (v.multiModel) {
      kinds.add('multiModel');
    }
  }
  if (kinds.size === 0) {
    kinds.add('realtime');
  }
  return kinds;
}

export type InferenceComponentStatus = 'InService' | 'Creating' | 'Updating' | 'Failed' | 'Deleting';

/** An inference component: a model with its own copies on an endpoint's variant. */
export interface InferenceComponentInfo {
  readonly name: string;
  readonly arn: string;
  readonly endpointName: string;
  readonly variantName: string;
  readonly status: InferenceComponentStatus | string;
  readonly createdAt?: number;
  readonly modifiedAt?: number;
  readonly failureReason?: string;
  readonly modelName?: string;
  readonly currentCopyCount?: number;
  readonly desiredCopyCount?: number;
  readonly acceleratorsPerCopy?: number;
  readonly cpuCoresPerCopy?: number;
  readonly memoryPerCopyMb?: number;
}

/** Where we learnt that an endpoint instance exists. */
export type InstanceSource = 'logStream' | 'hostDimension' | 'instanceIdDimension';

export interface EndpointInstance {
  readonly endpointName: string;
  readonly variantName: string;
  readonly instanceId: string;
  readonly sources: readonly InstanceSource[];
  /** The log stream `[variant]/[instance-id]`, when it exists. */
  readonly logStreamName?: string;
  /** An async endpoint's `[variant]/[instance-id]/data-log` stream, when it exists. */
  readonly dataLogStreamName?: string;
  /** Enhanced metrics: the instance's `ContainerId` and `AcceleratorId` values, where ListMetrics shows them. */
  readonly containers?: readonly string[];
  readonly accelerators?: readonly string[];
  readonly lastEventAt?: number;
}

export type TrainingJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';

export interface TrainingJobSummary {
  readonly name: string;
  readonly arn: string;
  readonly status: TrainingJobStatus | string;
  readonly secondaryStatus?: string;
  readonly createdAt?: number;
  readonly endedAt?: number;
  readonly modifiedAt?: number;
}

export interface SecondaryStatusTransition {
  readonly status: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly message?: string;
}

export interface TrainingJobDetail extends TrainingJobSummary {
  readonly failureReason?: string;
  readonly instanceCount: number;
  readonly instanceType?: string;
  readonly startedAt?: number;
  readonly transitions: readonly SecondaryStatusTransition[];
  readonly metricDefinitions: readonly { readonly name: string; readonly regex: string }[];
  readonly hyperParameters: Readonly<Record<string, string>>;
  /** TrainingTimeInSeconds, BillableTimeInSeconds (per instance; AWS sets them once the job has ended). */
  readonly trainingSeconds?: number;
  readonly billableSeconds?: number;
  /** EnableManagedSpotTraining. */
  readonly managedSpot?: boolean;
}

export interface TrainingHost {
  readonly trainingJobName: string;
  /** `algo-N` */
  readonly host: string;
  readonly instanceNumber: number;
  /**
   * Log streams of this host, oldest first: more than one after a restart. `startedAt`: epoch seconds (from
   * the stream's name); `lastEventAt`: epoch ms.
   */
  readonly streams: readonly { readonly logStreamName: string; readonly startedAt: number; readonly lastEventAt?: number }[];
}

export function isTerminalTrainingStatus(status: string): boolean {
  return status === 'Completed' || status === 'Failed' || status === 'Stopped';
}

/** Processing and transform jobs share the training jobs' five statuses. */
export type JobStatus = TrainingJobStatus;

export interface ProcessingJobSummary {
  readonly name: string;
  readonly arn: string;
  readonly status: JobStatus | string;
  readonly createdAt?: number;
  readonly endedAt?: number;
  readonly modifiedAt?: number;
  /** ListProcessingJobs returns these already, so a failed job's tooltip needs no Describe call. */
  readonly failureReason?: string;
  readonly exitMessage?: string;
}

export interface ProcessingJobDetail extends ProcessingJobSummary {
  readonly startedAt?: number;
  readonly instanceCount: number;
  readonly instanceType?: string;
  readonly containerEntrypoint: readonly string[];
  readonly containerArguments: readonly string[];
  /** ProcessingInputs: where each is in the container (`localPath`; the SDK's processors put the code in /opt/ml/processing/input/code). */
  readonly inputs: readonly ProcessingInputInfo[];
}

export interface ProcessingInputInfo {
  readonly name: string;
  readonly localPath?: string;
  readonly s3Uri?: string;
}

export interface TransformJobSummary {
  readonly name: string;
  readonly arn: string;
  readonly status: JobStatus | string;
  readonly createdAt?: number;
  readonly endedAt?: number;
  readonly modifiedAt?: number;
  readonly failureReason?: string;
}

export interface TransformJobDetail extends TransformJobSummary {
  readonly startedAt?: number;
  readonly instanceCount: number;
  readonly instanceType?: string;
  readonly modelName?: string;
}

/** A log stream as the tree shows it: `startedAt` is the epoch seconds in its name, `lastEventAt` epoch ms. */
export interface JobStream {
  readonly logStreamName: string;
  readonly startedAt: number;
  readonly lastEventAt?: number;
}

/** A host `algo-N` of a processing job, with its log streams oldest first (several after a restart). */
export interface ProcessingHost {
  readonly processingJobName: string;
  readonly host: string;
  readonly instanceNumber: number;
  readonly streams: readonly JobStream[];
}

/** An instance of a transform job: its model-server streams and its `/data-log` streams, oldest first. */
export interface TransformInstance {
  readonly transformJobName: string;
  readonly instanceId: string;
  readonly streams: readonly JobStream[];
  readonly dataLogStreams: readonly JobStream[];
}
