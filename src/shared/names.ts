/**
 * Name formats of SageMaker's CloudWatch log groups, log streams and metric dimensions, as documented in
 * the seed document and DESIGN §3. Parsing is strict: a name that does not match returns undefined.
 */

export const TRAINING_JOBS_LOG_GROUP = '/aws/sagemaker/TrainingJobs';
export const PROCESSING_JOBS_LOG_GROUP = '/aws/sagemaker/ProcessingJobs';
export const TRANSFORM_JOBS_LOG_GROUP = '/aws/sagemaker/TransformJobs';
export const ENDPOINTS_LOG_GROUP_PREFIX = '/aws/sagemaker/Endpoints/';
export const INFERENCE_COMPONENTS_LOG_GROUP_PREFIX = '/aws/sagemaker/InferenceComponents/';

export const INVOCATION_NAMESPACE = 'AWS/SageMaker';
export const ENDPOINT_INSTANCE_NAMESPACE = '/aws/sagemaker/Endpoints';
export const TRAINING_INSTANCE_NAMESPACE = '/aws/sagemaker/TrainingJobs';
export const PROCESSING_INSTANCE_NAMESPACE = '/aws/sagemaker/ProcessingJobs';
export const TRANSFORM_INSTANCE_NAMESPACE = '/aws/sagemaker/TransformJobs';
/** SageMaker Pipelines' metrics (AWS writes "Sagemaker" here). */
/** Inference components' normalized utilization (CPUUtilizationNormalized, …) by InferenceComponentName. */
export const INFERENCE_COMPONENT_NAMESPACE = '/aws/sagemaker/InferenceComponents';
export const PIPELINE_NAMESPACE = 'AWS/Sagemaker/ModelBuildingPipeline';

/** SageMaker resource names: 1–63 alphanumerics and hyphens, not starting or ending with a hyphen. */
const RESOURCE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export function isResourceName(value: string): boolean {
  return RESOURCE_NAME.test(value);
}

export function endpointLogGroup(endpointName: string): string {
  return ENDPOINTS_LOG_GROUP_PREFIX + endpointName;
}

export function inferenceComponentLogGroup(inferenceComponentName: string): string {
  return INFERENCE_COMPONENTS_LOG_GROUP_PREFIX + inferenceComponentName;
}

export function endpointNameOfLogGroup(logGroupName: string): string | undefined {
  if (!logGroupName.startsWith(ENDPOINTS_LOG_GROUP_PREFIX)) {
    return undefined;
  }
  const name = logGroupName.slice(ENDPOINTS_LOG_GROUP_PREFIX.length);
  return isResourceName(name) ? name : undefined;
}

/** Host number of a training instance: `algo-3` → 3. */
export function algoHostName(instanceNumber: number): string {
  return `algo-${instanceNumber}`;
}

export interface TrainingStream {
  readonly trainingJobName: string;
  /** `algo-N` */
  readonly host: string;
  readonly instanceNumber: number;
  /** Epoch seconds at which the container started; a restarted host writes a new stream. */
  readonly startedAt: number;
}

const TRAINING_STREAM = /^([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})\/algo-([1-9]\d*)-(\d{9,11})$/;

/** `[training-job-name]/algo-[n]-[epoch_timestamp]` */
export function parseTrainingStream(logStreamName: string): TrainingStream | undefined {
  const m = TRAINING_STREAM.exec(logStreamName);
  if (!m) {
    return undefined;
  }
  const instanceNumber = Number(m[2]);
  return { trainingJobName: m[1], host: algoHostName(instanceNumber), instanceNumber, startedAt: Number(m[3]) };
}

/** Processing jobs name their streams like training jobs: `[processing-job-name]/algo-[n]-[epoch_timestamp]`. */
export const parseProcessingStream = parseTrainingStream;

export interface TransformStream {
  readonly transformJobName: string;
  readonly instanceId: string;
  /** Epoch seconds at which the instance started. */
  readonly startedAt: number;
  /** The `…/data-log` stream of the instance (what each input object came to), not the model server's. */
  readonly dataLog: boolean;
}

const TRANSFORM_STREAM = /^([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})\/([^/]+)-(\d{9,11})(\/data-log)?$/;

/** `[transform-job-name]/[instance-id]-[epoch_timestamp]`, optionally followed by `/data-log`. */
export function parseTransformStream(logStreamName: string): TransformStream | undefined {
  const m = TRANSFORM_STREAM.exec(logStreamName);
  return m ? { transformJobName: m[1], instanceId: m[2], startedAt: Number(m[3]), dataLog: m[4] !== undefined } : undefined;
}

/** Prefix that selects every stream of a job (or of one instance of it) in DescribeLogStreams. */
export function jobStreamPrefix(jobName: string, hostOrInstance?: string): string {
  return hostOrInstance ? `${jobName}/${hostOrInstance}-` : `${jobName}/`;
}

/** Prefix that selects every stream of a training job (or of one host of it) in DescribeLogStreams. */
export function trainingStreamPrefix(trainingJobName: string, host?: string): string {
  return host ? `${trainingJobName}/${host}-` : `${trainingJobName}/`;
}

export interface EndpointStream {
  readonly variantName: string;
  readonly instanceId: string;
  /** Extra path after the instance: `data-log` for async inference, a container name for pipelines. */
  readonly suffix?: string;
}

const ENDPOINT_STREAM = /^([a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62})\/([^/]+)(?:\/(.+))?$/;

/** `[production-variant-name]/[instance-id]`, optionally followed by `/data-log` or `/[container]`. */
export function parseEndpointStream(logStreamName: string): EndpointStream | undefined {
  const m = ENDPOINT_STREAM.exec(logStreamName);
  if (!m) {
    return undefined;
  }
  return m[3] === undefined ? { variantName: m[1], instanceId: m[2] } : { variantName: m[1], instanceId: m[2], suffix: m[3] };
}

/** The seed's `Host` dimension for endpoint instances: `[endpoint-name]/[variant-name]/[instance-id]`. */
export function endpointHostDimension(endpointName: string, variantName: string, instanceId: string): string {
  return `${endpointName}/${variantName}/${instanceId}`;
}

/** The seed's `Host` dimension for training instances: `[training-job-name]/algo-[n]`. */
export function trainingHostDimension(trainingJobName: string, instanceNumber: number): string {
  return `${trainingJobName}/${algoHostName(instanceNumber)}`;
}

export type HostDimension =
  | { readonly kind: 'endpoint'; readonly endpointName: string; readonly variantName: string; readonly instanceId: string }
  | { readonly kind: 'training'; readonly trainingJobName: string; readonly host: string; readonly instanceNumber: number };

/** Parses a `Host` dimension value; the namespace decides which of the two formats applies. */
export function parseHostDimension(namespace: string, value: string): HostDimension | undefined {
  const parts = value.split('/');
  if (namespace === ENDPOINT_INSTANCE_NAMESPACE && parts.length === 3 && parts.every((p) => p.length > 0)) {
    const [endpointName, variantName, instanceId] = parts;
    return isResourceName(endpointName) ? { kind: 'endpoint', endpointName, variantName, instanceId } : undefined;
  }
  if (namespace === TRAINING_INSTANCE_NAMESPACE && parts.length === 2) {
    const m = /^algo-([1-9]\d*)$/.exec(parts[1]);
    if (m && isResourceName(parts[0])) {
      const instanceNumber = Number(m[1]);
      return { kind: 'training', trainingJobName: parts[0], host: algoHostName(instanceNumber), instanceNumber };
    }
  }
  return undefined;
}
