/**
 * The SageMaker CloudWatch metrics the panels know (the seed's tables plus DESIGN §3's newer ones):
 * where each lives, what it measures, which statistics CloudWatch accepts for it and how it is shown.
 */
import { ENDPOINT_KIND_METRICS, IC_CONTAINER_DIMENSIONS, IC_DIMENSIONS } from './catalogueEndpoints';
import { ENDPOINT_INSTANCE_NAMESPACE, INVOCATION_NAMESPACE, PIPELINE_NAMESPACE, PROCESSING_INSTANCE_NAMESPACE, TRAINING_INSTANCE_NAMESPACE, TRANSFORM_INSTANCE_NAMESPACE } from '../names';

export type CloudWatchUnit = 'Count' | 'Microseconds' | 'Milliseconds' | 'Seconds' | 'Percent' | 'None';

export type BasicStatistic = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount';
export type Percentile = 'p50' | 'p90' | 'p99';
export type Statistic = BasicStatistic | Percentile;

export const PERCENTILES: readonly Percentile[] = ['p50', 'p90', 'p99'];

export interface DisplayUnit {
  /** Shown next to values and on axes. */
  readonly label: string;
  /** Display value = CloudWatch value × factor (µs → ms is 0.001). */
  readonly factor: number;
}

export interface MetricInfo {
  readonly namespace: string;
  readonly metricName: string;
  /** The dimension sets the metric is published with. */
  readonly dimensions: readonly (readonly string[])[];
  readonly unit: CloudWatchUnit;
  readonly statistics: readonly Statistic[];
  readonly defaultStatistic: Statistic;
  readonly display: DisplayUnit;
  readonly description: string;
  /** Summed over cores or GPUs (400 % on 4 CPUs). */
  readonly summedOverCores?: 'cpu' | 'gpu';
  /** In DESIGN §3's "newer" list rather than the seed. */
  readonly newer?: boolean;
}

const COUNT: DisplayUnit = { label: '', factor: 1 };
const MS_FROM_US: DisplayUnit = { label: 'ms', factor: 0.001 };
const MS: DisplayUnit = { label: 'ms', factor: 1 };
const PERCENT: DisplayUnit = { label: '%', factor: 1 };
const NONE: DisplayUnit = { label: '', factor: 1 };

const VARIANT = ['EndpointName', 'VariantName'] as const;
const LATENCY_STATS: readonly Statistic[] = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', ...PERCENTILES];

function invocation(metricName: string, unit: CloudWatchUnit, statistics: readonly Statistic[], defaultStatistic: Statistic, display: DisplayUnit, description: string, newer = false, dimensions: readonly (readonly string[])[] = [VARIANT]): MetricInfo {
  return { namespace: INVOCATION_NAMESPACE, metricName, dimensions, unit, statistics, defaultStatistic, display, description, ...(newer ? { newer } : {}) };
}

/** Published per variant and, on endpoints hosting inference components, per component (and its containers). */
const VARIANT_OR_IC = [VARIANT, IC_DIMENSIONS, IC_CONTAINER_DIMENSIONS] as const;

function instance(namespace: string, metricName: string, description: string, dimensions: readonly (readonly string[])[], summedOverCores?: 'cpu' | 'gpu'): MetricInfo {
  return {
    namespace,
    metricName,
    dimensions,
    unit: 'Percent',
    // The seed lists Max only; CloudWatch accepts the others, but the panels offer what is documented.
    statistics: ['Maximum'],
    defaultStatistic: 'Maximum',
    display: PERCENT,
    description,
    ...(summedOverCores ? { summedOverCores } : {}),
  };
}

const ENDPOINT_INSTANCE_DIMENSIONS = [['Host'], VARIANT, [...VARIANT, 'InstanceId']] as const;
/** Enhanced metrics add a per-GPU level (AcceleratorId) to the GPU metrics of an instance. */
const ENDPOINT_GPU_DIMENSIONS = [...ENDPOINT_INSTANCE_DIMENSIONS, [...VARIANT, 'InstanceId', 'AcceleratorId']] as const;
const TRAINING_INSTANCE_DIMENSIONS = [['Host']] as const;

export const INSTANCE_METRIC_NAMES = ['CPUUtilization', 'MemoryUtilization', 'GPUUtilization', 'GPUMemoryUtilization', 'DiskUtilization'] as const;
export type InstanceMetricName = (typeof INSTANCE_METRIC_NAMES)[number];

const INSTANCE_DESCRIPTIONS: Record<InstanceMetricName, { text: string; summed?: 'cpu' | 'gpu' }> = {
  CPUUtilization: { text: 'CPU used by the containers, summed over CPUs (0–400 % on 4 CPUs).', summed: 'cpu' },
  MemoryUtilization: { text: 'Memory used by the containers on the instance (0–100 %).' },
  GPUUtilization: { text: 'GPU used by the containers, summed over GPUs (0–400 % on 4 GPUs).', summed: 'gpu' },
  GPUMemoryUtilization: { text: 'GPU memory used by the containers, summed over GPUs.', summed: 'gpu' },
  DiskUtilization: { text: 'Disk space used by the containers on the instance (0–100 %).' },
};

export const METRIC_CATALOGUE: readonly MetricInfo[] = [
  invocation('Invocations', 'Count', ['Sum', 'SampleCount'], 'Sum', COUNT, 'InvokeEndpoint requests sent to the variant or inference component (use Sum for the total).', false, VARIANT_OR_IC),
  invocation('Invocation4XXErrors', 'Count', ['Average', 'Sum'], 'Sum', COUNT, 'Requests answered with a 4xx code (1 per such request, else 0): Sum = count, Average = rate.', false, VARIANT_OR_IC),
  invocation('Invocation5XXErrors', 'Count', ['Average', 'Sum'], 'Sum', COUNT, 'Requests answered with a 5xx code (1 per such request, else 0): Sum = count, Average = rate.', false, VARIANT_OR_IC),
  invocation('InvocationsPerInstance', 'Count', ['Sum'], 'Sum', COUNT, 'Invocations normalised by the variant\'s instance count (1/instances per request).'),
  invocation('ModelLatency', 'Microseconds', LATENCY_STATS, 'Average', MS_FROM_US, 'Time the model took to respond, as seen from SageMaker (µs, shown in ms).', false, VARIANT_OR_IC),
  invocation('OverheadLatency', 'Microseconds', LATENCY_STATS, 'Average', MS_FROM_US, 'Time SageMaker added on top of the model\'s latency (µs, shown in ms).'),
  invocation('InvocationModelErrors', 'Count', ['Average', 'Sum'], 'Sum', COUNT, 'Requests that did not get a 2xx answer from the model.', true),
  invocation('InvocationsPerCopy', 'Count', ['Sum'], 'Sum', COUNT, 'Invocations normalised by the number of copies of an inference component.', true, [IC_DIMENSIONS, IC_CONTAINER_DIMENSIONS]),
  ...INSTANCE_METRIC_NAMES.map((n) => ({ ...instance(ENDPOINT_INSTANCE_NAMESPACE, n, INSTANCE_DESCRIPTIONS[n].text, n.startsWith('GPU') ? ENDPOINT_GPU_DIMENSIONS : ENDPOINT_INSTANCE_DIMENSIONS, INSTANCE_DESCRIPTIONS[n].summed), ...(n.startsWith('GPUMem') || n.startsWith('Disk') ? { newer: true } : {}) })),
  // Training, processing and transform jobs publish per Host (`job/algo-N`; `job/instance-id` for transform).
  ...[TRAINING_INSTANCE_NAMESPACE, PROCESSING_INSTANCE_NAMESPACE, TRANSFORM_INSTANCE_NAMESPACE].flatMap((ns) =>
    INSTANCE_METRIC_NAMES.map((n) => ({ ...instance(ns, n, INSTANCE_DESCRIPTIONS[n].text, TRAINING_INSTANCE_DIMENSIONS, INSTANCE_DESCRIPTIONS[n].summed), ...(n.startsWith('GPUMem') || n.startsWith('Disk') ? { newer: true } : {}) })),
  ),
  ...ENDPOINT_KIND_METRICS,
  ...pipelineMetrics(),
];

/** SageMaker Pipelines: executions by PipelineName, steps by PipelineName and StepName. */
function pipelineMetrics(): MetricInfo[] {
  const counts: [string, string][] = [
    ['Started', 'started'],
    ['Succeeded', 'succeeded'],
    ['Failed', 'failed'],
    ['Stopped', 'stopped'],
  ];
  const pipeline = (metricName: string, dimensions: readonly string[], unit: CloudWatchUnit, description: string): MetricInfo => ({
    namespace: PIPELINE_NAMESPACE,
    metricName,
    dimensions: [dimensions],
    unit,
    statistics: unit === 'Count' ? ['Sum', 'SampleCount'] : ['Average', 'Minimum', 'Maximum', 'SampleCount'],
    defaultStatistic: unit === 'Count' ? 'Sum' : 'Average',
    display: unit === 'Count' ? COUNT : MS,
    description,
    newer: true,
  });
  return [
    ...counts.map(([s, w]) => pipeline(`Execution${s}`, ['PipelineName'], 'Count', `Executions of the pipeline that ${w}.`)),
    pipeline('ExecutionDuration', ['PipelineName'], 'Milliseconds', 'How long an execution ran.'),
    ...counts.map(([s, w]) => pipeline(`Step${s}`, ['PipelineName', 'StepName'], 'Count', `Runs of the step that ${w}.`)),
    pipeline('StepDuration', ['PipelineName', 'StepName'], 'Milliseconds', 'How long a run of the step took.'),
  ];
}

/** The catalogue entry of a metric, if it is one we know. */
export function metricInfo(namespace: string, metricName: string): MetricInfo | undefined {
  return METRIC_CATALOGUE.find((m) => m.namespace === namespace && m.metricName === metricName);
}

/** Algorithm metrics of a training job (names from its MetricDefinitions): unit None, any statistic. */
export function algorithmMetricInfo(metricName: string): MetricInfo {
  return {
    namespace: TRAINING_INSTANCE_NAMESPACE,
    metricName,
    dimensions: [['TrainingJobName']],
    unit: 'None',
    statistics: ['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount'],
    defaultStatistic: 'Average',
    display: NONE,
    description: `Parsed from the job's log lines by its MetricDefinition "${metricName}".`,
  };
}

export function isValidStatistic(info: MetricInfo, stat: string): stat is Statistic {
  return (info.statistics as readonly string[]).includes(stat);
}

export { MS as MILLISECONDS };
