/**
 * The metrics of endpoints as they are deployed today (DESIGN §3, the SageMaker "Monitoring with CloudWatch",
 * async and serverless pages): inference components, asynchronous, serverless and multi-model endpoints.
 * Units and statistics are the documented ones; where a page lists no statistics (the normalized and
 * reservation percentages), the ones of a gauge: Average, Minimum, Maximum.
 */
import { ENDPOINT_INSTANCE_NAMESPACE, INFERENCE_COMPONENT_NAMESPACE, INVOCATION_NAMESPACE } from '../names';
import type { CloudWatchUnit, DisplayUnit, MetricInfo, Statistic } from './catalogue';

const COUNT: DisplayUnit = { label: '', factor: 1 };
const MS_FROM_US: DisplayUnit = { label: 'ms', factor: 0.001 };
const MS: DisplayUnit = { label: 'ms', factor: 1 };
const SECONDS: DisplayUnit = { label: 's', factor: 1 };
const PERCENT: DisplayUnit = { label: '%', factor: 1 };

const ENDPOINT = ['EndpointName'] as const;
const VARIANT = ['EndpointName', 'VariantName'] as const;
export const IC_DIMENSIONS = ['InferenceComponentName'] as const;
/** Enhanced metrics add each copy: the instance and the container it runs in. */
export const IC_CONTAINER_DIMENSIONS = ['InferenceComponentName', 'InstanceId', 'ContainerId'] as const;
const IC = IC_DIMENSIONS;
const IC_CONTAINER = IC_CONTAINER_DIMENSIONS;

const TIMING: readonly Statistic[] = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'];
const GAUGE: readonly Statistic[] = ['Average', 'Minimum', 'Maximum'];

function metric(
  namespace: string,
  metricName: string,
  dimensions: readonly (readonly string[])[],
  unit: CloudWatchUnit,
  statistics: readonly Statistic[],
  defaultStatistic: Statistic,
  display: DisplayUnit,
  description: string,
): MetricInfo {
  return { namespace, metricName, dimensions, unit, statistics, defaultStatistic, display, description, newer: true };
}

/** `AWS/SageMaker` by InferenceComponentName (and ContainerId with enhanced metrics). */
const inferenceComponentInvocations: MetricInfo[] = [
  metric(INVOCATION_NAMESPACE, 'ConcurrentRequestsPerCopy', [IC, IC_CONTAINER], 'None', ['Minimum', 'Maximum'], 'Maximum', COUNT, 'Concurrent requests the inference component receives, per copy.'),
];

/** `/aws/sagemaker/InferenceComponents`: each copy's use of what it reserved (or of its limit), 0–100 %. */
const inferenceComponentUtilization: MetricInfo[] = (
  [
    ['CPUUtilizationNormalized', 'CPU used by the copies, over the cores they reserve (0–100 %).'],
    ['MemoryUtilizationNormalized', 'Memory used by the copies, over the memory they reserve (0–100 %).'],
    ['GPUUtilizationNormalized', 'GPU used by the copies, over the accelerators they reserve (0–100 %).'],
    ['GPUMemoryUtilizationNormalized', 'GPU memory used by the copies, over the accelerators they reserve (0–100 %).'],
  ] as const
).map(([name, text]) => metric(INFERENCE_COMPONENT_NAMESPACE, name, [IC, IC_CONTAINER], 'Percent', GAUGE, 'Maximum', PERCENT, text));

/** `/aws/sagemaker/Endpoints` on endpoints hosting inference components: what the copies reserve of an instance. */
const reservations: MetricInfo[] = (
  [
    ['CPUReservation', 'CPU cores reserved by inference component copies on the instances (0–100 %).'],
    ['GPUReservation', 'Accelerators reserved by inference component copies on the instances (0–100 %).'],
    ['MemoryReservation', 'Memory reserved by inference component copies on the instances (0–100 %).'],
  ] as const
).map(([name, text]) => metric(ENDPOINT_INSTANCE_NAMESPACE, name, [VARIANT, [...VARIANT, 'InstanceId']], 'Percent', GAUGE, 'Maximum', PERCENT, text));

/** Asynchronous endpoints (`AWS/SageMaker`): the queue by EndpointName, the requests by EndpointName+VariantName. */
const asyncMetrics: MetricInfo[] = [
  metric(INVOCATION_NAMESPACE, 'ApproximateBacklogSize', [ENDPOINT], 'Count', GAUGE, 'Maximum', COUNT, 'Async: requests queued or being processed.'),
  metric(INVOCATION_NAMESPACE, 'ApproximateBacklogSizePerInstance', [ENDPOINT], 'Count', GAUGE, 'Maximum', COUNT, 'Async: the backlog divided by the instances behind the endpoint (what autoscaling tracks).'),
  metric(INVOCATION_NAMESPACE, 'ApproximateAgeOfOldestRequest', [ENDPOINT], 'Seconds', GAUGE, 'Maximum', SECONDS, 'Async: age of the oldest request in the queue.'),
  metric(INVOCATION_NAMESPACE, 'HasBacklogWithoutCapacity', [ENDPOINT], 'Count', GAUGE, 'Maximum', COUNT, 'Async: 1 while requests wait and the endpoint has no instance (scale-from-zero signal).'),
  metric(INVOCATION_NAMESPACE, 'TimeInBacklog', [VARIANT], 'Microseconds', TIMING, 'Average', MS_FROM_US, 'Async: time a request waited in the queue before processing (µs, shown in ms).'),
  metric(INVOCATION_NAMESPACE, 'TotalProcessingTime', [VARIANT], 'Milliseconds', TIMING, 'Average', MS, 'Async: from receipt to the end of processing, backlog and upload included.'),
  metric(INVOCATION_NAMESPACE, 'InvocationsProcesssed', [VARIANT], 'Count', ['Sum'], 'Sum', COUNT, 'Async: requests processed (AWS spells the metric with three s).'),
  metric(INVOCATION_NAMESPACE, 'InvocationFailures', [VARIANT], 'Count', ['Sum'], 'Sum', COUNT, 'Async: requests whose invocation failed, for any reason.'),
  metric(INVOCATION_NAMESPACE, 'ExpiredRequests', [VARIANT], 'Count', ['Sum'], 'Sum', COUNT, 'Async: queued requests that reached their time to live.'),
  metric(INVOCATION_NAMESPACE, 'RequestDownloadFailures', [VARIANT], 'Count', ['Sum'], 'Sum', COUNT, 'Async: requests that failed downloading their payload from S3.'),
  metric(INVOCATION_NAMESPACE, 'ResponseUploadFailures', [VARIANT], 'Count', ['Sum'], 'Sum', COUNT, 'Async: requests that failed uploading their response to S3.'),
];

/** Serverless endpoints (`AWS/SageMaker`, EndpointName+VariantName). */
const serverlessMetrics: MetricInfo[] = [
  metric(INVOCATION_NAMESPACE, 'ModelSetupTime', [VARIANT], 'Microseconds', ['Average', 'Minimum', 'Maximum', 'SampleCount', 'p50', 'p90', 'p99'], 'Average', MS_FROM_US, 'Serverless: time to launch new compute (a cold start), µs shown in ms.'),
  metric(INVOCATION_NAMESPACE, 'ServerlessConcurrentExecutionsUtilization', [VARIANT], 'None', GAUGE, 'Maximum', PERCENT, 'Serverless: concurrent executions divided by the maximum concurrency.'),
  metric(INVOCATION_NAMESPACE, 'ServerlessProvisionedConcurrencyExecutions', [VARIANT], 'Count', GAUGE, 'Maximum', COUNT, 'Serverless: concurrent executions handled by provisioned concurrency.'),
  metric(INVOCATION_NAMESPACE, 'ServerlessProvisionedConcurrencyUtilization', [VARIANT], 'None', GAUGE, 'Maximum', PERCENT, 'Serverless: concurrent executions divided by the provisioned concurrency.'),
  metric(INVOCATION_NAMESPACE, 'ServerlessProvisionedConcurrencyInvocations', [VARIANT], 'Count', GAUGE, 'Maximum', COUNT, 'Serverless: requests handled by provisioned concurrency.'),
  metric(INVOCATION_NAMESPACE, 'ServerlessProvisionedConcurrencySpilloverInvocations', [VARIANT], 'Count', GAUGE, 'Maximum', COUNT, 'Serverless: requests beyond provisioned concurrency, served on demand.'),
];

/** Multi-model endpoints: loading metrics in `AWS/SageMaker`, loaded models per instance in `/aws/sagemaker/Endpoints`. */
const multiModelMetrics: MetricInfo[] = [
  metric(INVOCATION_NAMESPACE, 'ModelLoadingWaitTime', [VARIANT], 'Microseconds', TIMING, 'Average', MS_FROM_US, 'Multi-model endpoints: time a request waited for its model to download or load.'),
  metric(INVOCATION_NAMESPACE, 'ModelLoadingTime', [VARIANT], 'Microseconds', TIMING, 'Average', MS_FROM_US, 'Multi-model endpoints: time to load a model (the container\'s LoadModel).'),
  metric(INVOCATION_NAMESPACE, 'ModelDownloadingTime', [VARIANT], 'Microseconds', TIMING, 'Average', MS_FROM_US, 'Multi-model endpoints: time to download a model from S3.'),
  metric(INVOCATION_NAMESPACE, 'ModelUnloadingTime', [VARIANT], 'Microseconds', TIMING, 'Average', MS_FROM_US, 'Multi-model endpoints: time to unload a model (the container\'s UnloadModel).'),
  metric(INVOCATION_NAMESPACE, 'ModelCacheHit', [VARIANT], 'None', ['Average', 'Sum', 'SampleCount'], 'Average', COUNT, 'Multi-model endpoints: requests whose model was already loaded (Average = hit rate).'),
  metric(ENDPOINT_INSTANCE_NAMESPACE, 'LoadedModelCount', [VARIANT], 'None', TIMING, 'Average', COUNT, 'Multi-model endpoints: models loaded in the containers, per instance (Sum = across instances).'),
];

export const ENDPOINT_KIND_METRICS: readonly MetricInfo[] = [
  ...inferenceComponentInvocations,
  ...inferenceComponentUtilization,
  ...reservations,
  ...asyncMetrics,
  ...serverlessMetrics,
  ...multiModelMetrics,
];
