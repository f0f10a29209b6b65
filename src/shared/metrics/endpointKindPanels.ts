/**
 * Charts of endpoints as they are deployed today (DESIGN §3): an async endpoint's queue, a serverless
 * endpoint's cold starts and concurrency, a multi-model endpoint's model loading, an inference-component
 * endpoint's reservations; and an inference component's own panel.
 */
import { ENDPOINT_INSTANCE_NAMESPACE, INFERENCE_COMPONENT_NAMESPACE, INVOCATION_NAMESPACE } from '../names';
import type { Statistic } from './catalogue';
import { SeriesIds, known, series, type ChartSpec, type Dimension, type PanelSpec, type SeriesSpec, type VariantMetricsInfo } from './panels';
import type { MetricsTarget } from '../targets';

/** What the endpoint panel lends the per-kind charts: its series ids, variants and per-variant series. */
export interface KindCharts {
  readonly ids: SeriesIds;
  readonly endpointName: string;
  readonly variants: readonly VariantMetricsInfo[];
  readonly perVariant: (namespace: string, name: string, stats: readonly Statistic[], factor?: number) => SeriesSpec[];
}

const NO_QUEUE = 'No datapoints in this range: the queue metrics are published while the endpoint has requests.';

function chart(id: string, title: string, description: string, unit: string, s: readonly SeriesSpec[], emptyHint: string): ChartSpec {
  return { id, title, description, unit, series: s, emptyHint };
}

/** Async: the queue (by EndpointName) and what became of the requests (by variant). */
export function asyncCharts(k: KindCharts): ChartSpec[] {
  const endpoint: Dimension[] = [{ Name: 'EndpointName', Value: k.endpointName }];
  const queue = (name: string, stats: readonly Statistic[]) => stats.map((s) => series(k.ids, known(INVOCATION_NAMESPACE, name), endpoint, s, ''));
  const m = (name: string) => known(INVOCATION_NAMESPACE, name);
  return [
    chart('backlog', 'Backlog', m('ApproximateBacklogSize').description, '', queue('ApproximateBacklogSize', ['Maximum', 'Average']), NO_QUEUE),
    chart('backlogPerInstance', 'Backlog per instance', m('ApproximateBacklogSizePerInstance').description, '', queue('ApproximateBacklogSizePerInstance', ['Maximum']), NO_QUEUE),
    chart('oldestRequest', 'Age of the oldest request', m('ApproximateAgeOfOldestRequest').description, 's', queue('ApproximateAgeOfOldestRequest', ['Maximum']), NO_QUEUE),
    chart('backlogWithoutCapacity', 'Backlog without capacity', m('HasBacklogWithoutCapacity').description, '', queue('HasBacklogWithoutCapacity', ['Maximum', 'Average']), NO_QUEUE),
    chart('timeInBacklog', 'Time in backlog', m('TimeInBacklog').description, 'ms', k.perVariant(INVOCATION_NAMESPACE, 'TimeInBacklog', ['Average', 'Maximum']), NO_QUEUE),
    chart('totalProcessingTime', 'Total processing time', m('TotalProcessingTime').description, 'ms', k.perVariant(INVOCATION_NAMESPACE, 'TotalProcessingTime', ['Average', 'Maximum']), NO_QUEUE),
    chart(
      'asyncOutcomes',
      'Processed, failed and expired requests',
      'Requests processed (InvocationsProcesssed), failed (InvocationFailures) and expired in the queue (ExpiredRequests), Sum.',
      '',
      [...k.perVariant(INVOCATION_NAMESPACE, 'InvocationsProcesssed', ['Sum']), ...k.perVariant(INVOCATION_NAMESPACE, 'InvocationFailures', ['Sum']), ...k.perVariant(INVOCATION_NAMESPACE, 'ExpiredRequests', ['Sum'])],
      NO_QUEUE,
    ),
  ];
}

/** Serverless: cold starts, concurrency, and provisioned concurrency where a variant has it. */
export function serverlessCharts(k: KindCharts): ChartSpec[] {
  const m = (name: string) => known(INVOCATION_NAMESPACE, name);
  const noTraffic = 'No datapoints in this range: a serverless endpoint publishes only while it gets requests.';
  const charts = [
    chart(
      'coldStarts',
      'Cold starts',
      'Time to launch new compute (ModelSetupTime) and the latency SageMaker added, cold starts included (OverheadLatency).',
      'ms',
      [...k.perVariant(INVOCATION_NAMESPACE, 'ModelSetupTime', ['Average', 'Maximum']), ...k.perVariant(INVOCATION_NAMESPACE, 'OverheadLatency', ['Average', 'Maximum'])],
      noTraffic,
    ),
    chart('concurrency', 'Concurrency utilization', m('ServerlessConcurrentExecutionsUtilization').description, '%', k.perVariant(INVOCATION_NAMESPACE, 'ServerlessConcurrentExecutionsUtilization', ['Maximum', 'Average'], 100), noTraffic),
  ];
  const provisioned = k.variants.filter((v) => (v.serverless?.provisionedConcurrency ?? 0) > 0);
  if (provisioned.length > 0) {
    const only = (name: string, stats: readonly Statistic[], factor?: number) => provisioned.flatMap((v) => stats.map((s) => series(k.ids, m(name), variantDims(k.endpointName, v), s, v.variantName, factor)));
    charts.push(
      chart('provisionedExecutions', 'Provisioned concurrency: executions', m('ServerlessProvisionedConcurrencyExecutions').description, '', only('ServerlessProvisionedConcurrencyExecutions', ['Maximum']), noTraffic),
      chart('provisionedUtilization', 'Provisioned concurrency: utilization', m('ServerlessProvisionedConcurrencyUtilization').description, '%', only('ServerlessProvisionedConcurrencyUtilization', ['Maximum'], 100), noTraffic),
      chart(
        'provisionedInvocations',
        'Provisioned concurrency: invocations and spillover',
        'Requests served by provisioned concurrency and those that spilled over to on-demand compute (Maximum, the documented statistics being Average, Minimum and Maximum).',
        '',
        [...only('ServerlessProvisionedConcurrencyInvocations', ['Maximum']), ...only('ServerlessProvisionedConcurrencySpilloverInvocations', ['Maximum'])],
        noTraffic,
      ),
    );
  }
  return charts;
}

/** Multi-model: how long requests wait for models, the load phases, the cache hit rate, the models loaded. */
export function multiModelCharts(k: KindCharts): ChartSpec[] {
  const m = (name: string) => known(INVOCATION_NAMESPACE, name);
  const noTraffic = 'No datapoints in this range: model loading metrics are published while the endpoint gets requests.';
  return [
    chart('modelLoadingWait', 'Model loading wait', m('ModelLoadingWaitTime').description, 'ms', k.perVariant(INVOCATION_NAMESPACE, 'ModelLoadingWaitTime', ['Average', 'Maximum']), noTraffic),
    chart(
      'modelLoadPhases',
      'Downloading, loading and unloading models',
      'Average time to download a model from S3, load it and unload it.',
      'ms',
      ['ModelDownloadingTime', 'ModelLoadingTime', 'ModelUnloadingTime'].flatMap((name) => k.perVariant(INVOCATION_NAMESPACE, name, ['Average'])),
      noTraffic,
    ),
    chart('modelCacheHit', 'Model cache hit rate', m('ModelCacheHit').description, '%', k.perVariant(INVOCATION_NAMESPACE, 'ModelCacheHit', ['Average'], 100), noTraffic),
    chart('loadedModels', 'Loaded models', known(ENDPOINT_INSTANCE_NAMESPACE, 'LoadedModelCount').description, '', k.perVariant(ENDPOINT_INSTANCE_NAMESPACE, 'LoadedModelCount', ['Average', 'Maximum']), 'No datapoints in this range.'),
  ];
}

/** Inference-component endpoints: what the copies reserve of the instances (GPU only where published). */
export function reservationCharts(k: KindCharts): ChartSpec[] {
  const present = new Set(k.variants.flatMap((v) => v.instanceMetrics));
  const titles: Record<string, string> = { CPUReservation: 'CPU reserved', GPUReservation: 'GPUs reserved', MemoryReservation: 'Memory reserved' };
  return Object.keys(titles)
    .filter((name) => name !== 'GPUReservation' || present.has(name))
    .map((name) =>
      chart(name, titles[name], known(ENDPOINT_INSTANCE_NAMESPACE, name).description, '%', k.perVariant(ENDPOINT_INSTANCE_NAMESPACE, name, ['Maximum']), 'No datapoints in this range: reservations are published while components are deployed.'),
    );
}

function variantDims(endpointName: string, v: VariantMetricsInfo): Dimension[] {
  return [
    { Name: 'EndpointName', Value: endpointName },
    { Name: 'VariantName', Value: v.variantName },
  ];
}

export interface InferenceComponentMetricsContext {
  readonly inferenceComponentName: string;
  readonly endpointName: string;
  /** `/aws/sagemaker/InferenceComponents` metric names ListMetrics shows (GPU ones only on accelerators). */
  readonly utilizationMetrics: readonly string[];
  /** The copies (enhanced metrics' InstanceId and ContainerId) that publish utilization, when listed. */
  readonly copies?: readonly { readonly instanceId?: string; readonly containerId: string }[];
}

const UTILIZATION_TITLES: Record<string, string> = {
  CPUUtilizationNormalized: 'CPU utilization (normalized)',
  MemoryUtilizationNormalized: 'Memory utilization (normalized)',
  GPUUtilizationNormalized: 'GPU utilization (normalized)',
  GPUMemoryUtilizationNormalized: 'GPU memory utilization (normalized)',
};

/** An inference component: its requests by InferenceComponentName and its copies' utilization. */
export function inferenceComponentPanel(target: Extract<MetricsTarget, { kind: 'inferenceComponent' }>, context: InferenceComponentMetricsContext): PanelSpec {
  const ids = new SeriesIds();
  const ic: Dimension[] = [{ Name: 'InferenceComponentName', Value: context.inferenceComponentName }];
  const inv = (name: string, stats: readonly Statistic[], factor?: number) => stats.map((s) => series(ids, known(INVOCATION_NAMESPACE, name), ic, s, '', factor));
  const noTraffic = 'No datapoints in this range: CloudWatch publishes invocation metrics only while the component gets requests.';
  const charts: ChartSpec[] = [
    chart('invocations', 'Invocations', known(INVOCATION_NAMESPACE, 'Invocations').description, '', inv('Invocations', ['Sum']), noTraffic),
    chart('errors', '4XX and 5XX errors', 'Requests answered with a 4xx or 5xx code (Sum).', '', [...inv('Invocation4XXErrors', ['Sum']), ...inv('Invocation5XXErrors', ['Sum'])], noTraffic),
    chart('errorRate', 'Error rate', 'Share of requests answered with a 4xx or 5xx code (Average of 0/1 per request).', '%', [...inv('Invocation4XXErrors', ['Average'], 100), ...inv('Invocation5XXErrors', ['Average'], 100)], noTraffic),
    chart('latency', 'Model latency', known(INVOCATION_NAMESPACE, 'ModelLatency').description, 'ms', inv('ModelLatency', ['Average', 'p50', 'p90', 'p99']), noTraffic),
    chart('invocationsPerCopy', 'Invocations per copy', known(INVOCATION_NAMESPACE, 'InvocationsPerCopy').description, '', inv('InvocationsPerCopy', ['Sum']), noTraffic),
    chart('concurrentRequestsPerCopy', 'Concurrent requests per copy', known(INVOCATION_NAMESPACE, 'ConcurrentRequestsPerCopy').description, '', inv('ConcurrentRequestsPerCopy', ['Maximum']), noTraffic),
  ];
  const present = new Set(context.utilizationMetrics);
  for (const name of Object.keys(UTILIZATION_TITLES)) {
    // CPU and memory are charted even before ListMetrics knows them; GPU ones only where the copies have GPUs.
    if (name.startsWith('GPU') && !present.has(name)) {
      continue;
    }
    const info = known(INFERENCE_COMPONENT_NAMESPACE, name);
    const perCopy = (context.copies ?? []).map((c) =>
      series(ids, info, [...ic, ...(c.instanceId ? [{ Name: 'InstanceId', Value: c.instanceId }] : []), { Name: 'ContainerId', Value: c.containerId }], 'Maximum', c.instanceId ? `${c.instanceId}/${c.containerId}` : c.containerId),
    );
    charts.push(chart(name, UTILIZATION_TITLES[name], info.description, '%', [series(ids, info, ic, 'Maximum', ''), ...perCopy], 'No datapoints in this range: the copies publish utilization while they run.'));
  }
  const notes = present.size === 0 ? ['No utilization metrics found for this component in the last two weeks: it may have no copies yet.'] : [];
  return { target, title: `Metrics: ${context.inferenceComponentName} (on ${context.endpointName})`, charts, notes };
}
