/**
 * What a metrics panel shows for a target: charts of series, each series one GetMetricData query. Built from
 * what discovery found (variants, which instance dimension exists, training hosts, MetricDefinitions).
 */
import { PROCESSING_INSTANCE_NAMESPACE, TRAINING_INSTANCE_NAMESPACE, TRANSFORM_INSTANCE_NAMESPACE, trainingHostDimension } from '../names';
import type { MetricsTarget } from '../targets';
import { algorithmMetricInfo, metricInfo, INSTANCE_METRIC_NAMES, type InstanceMetricName, type MetricInfo, type Statistic } from './catalogue';

export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

export interface SeriesSpec {
  /** The GetMetricData query id: unique in the panel, starts with a lowercase letter. */
  readonly id: string;
  /** Legend label: the documented metric name, the statistic and whose series it is. */
  readonly label: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly Dimension[];
  readonly stat: Statistic;
  /** Display value = value × factor. */
  readonly factor: number;
  /** Cores (or GPUs) the value is summed over, for the per-core view; absent when unknown. */
  readonly cores?: number;
}

export type ChartId = string;

export interface ChartSpec {
  readonly id: ChartId;
  readonly title: string;
  readonly description: string;
  /** Axis and tooltip unit ('ms', '%', '' for counts). */
  readonly unit: string;
  readonly series: readonly SeriesSpec[];
  /** A line of context under the chart (e.g. summed over cores). */
  readonly note?: string;
  /** Offer the per-core toggle (CPU and GPU are summed over cores). */
  readonly perCore?: 'cpu' | 'gpu';
  /** Why the chart may be empty, shown when it is. */
  readonly emptyHint?: string;
}

export interface PanelSpec {
  readonly target: MetricsTarget;
  readonly title: string;
  readonly charts: readonly ChartSpec[];
  /** Panel-level notes (e.g. per-variant instance metrics). */
  readonly notes: readonly string[];
}

/** How a variant publishes its instance metrics (found with ListMetrics). */
export type InstanceDimensionForm = 'Host' | 'InstanceId' | 'Variant' | 'none';

export interface VariantMetricsInfo {
  readonly variantName: string;
  readonly instanceType?: string;
  readonly form: InstanceDimensionForm;
  /** Instance ids, for the Host and InstanceId forms. */
  readonly instances: readonly string[];
  /** Instance metric names that exist for the variant (GPU ones only on GPU instances). */
  readonly instanceMetrics: readonly string[];
  /** Enhanced metrics' per-GPU level: the GPUs (AcceleratorId) of each instance that publish GPU metrics. */
  readonly accelerators?: readonly { readonly instanceId: string; readonly acceleratorId: string }[];
  /** A serverless variant: its provisioned concurrency, when configured (its own charts). */
  readonly serverless?: { readonly provisionedConcurrency?: number };
}

export interface EndpointMetricsContext {
  readonly endpointName: string;
  readonly variants: readonly VariantMetricsInfo[];
  /**
   * What the endpoint is (`endpointKinds` of its description): 'inferenceComponents', 'async', 'serverless',
   * 'multiModel' add their charts; anything else (or nothing) gets the generic real-time charts.
   */
  readonly kinds?: readonly string[];
  /** An inference-component endpoint's components (ListInferenceComponents): its requests are charted per component. */
  readonly inferenceComponents?: readonly { readonly name: string; readonly variantName: string }[];
}

export interface TrainingMetricsContext {
  readonly trainingJobName: string;
  /** `algo-1 …`; only the chosen host when the target names one. */
  readonly hosts: readonly string[];
  readonly instanceType?: string;
  readonly algorithmMetrics: readonly string[];
  /** Instance metric names that exist for the job's hosts. */
  readonly instanceMetrics: readonly string[];
}

export const INSTANCE_TITLES: Record<InstanceMetricName, string> = {
  CPUUtilization: 'CPU utilization',
  MemoryUtilization: 'Memory utilization',
  GPUUtilization: 'GPU utilization',
  GPUMemoryUtilization: 'GPU memory utilization',
  DiskUtilization: 'Disk utilization',
};

/** vCPUs and GPUs of an ML instance type, from its size; unknown types give undefined (no per-core view). */
export function instanceCores(instanceType: string | undefined): { cpus?: number; gpus?: number } {
  const m = /^ml\.([a-z0-9-]+)\.(\d*)(x?large|medium|small)$/.exec(instanceType ?? '');
  if (!m) {
    return {};
  }
  const [, family, mult, size] = m;
  const cpus = size === 'large' ? 2 : size === 'xlarge' ? 4 * Number(mult || 1) : size === 'medium' ? 1 : 1;
  const gpuTable: Record<string, Record<string, number>> = {
    p3: { '2xlarge': 1, '8xlarge': 4, '16xlarge': 8 },
    p4d: { '24xlarge': 8 },
    p5: { '48xlarge': 8 },
    g4dn: { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4 },
    g5: { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 },
  };
  const gpus = gpuTable[family]?.[`${mult}${size}`];
  return { cpus, ...(gpus ? { gpus } : {}) };
}

export class SeriesIds {
  private n = 0;
  next(): string {
    return `m${this.n++}`;
  }
}

function statLabel(stat: Statistic): string {
  return stat;
}

export function series(ids: SeriesIds, info: MetricInfo, dims: readonly Dimension[], stat: Statistic, whose: string, factor = info.display.factor, cores?: number): SeriesSpec {
  return {
    id: ids.next(),
    label: `${info.metricName} (${statLabel(stat)})${whose ? ` · ${whose}` : ''}`,
    namespace: info.namespace,
    metricName: info.metricName,
    dimensions: dims,
    stat,
    factor,
    ...(cores ? { cores } : {}),
  };
}

export function known(namespace: string, name: string): MetricInfo {
  const info = metricInfo(namespace, name);
  if (!info) {
    throw new Error(`${namespace} ${name} is not in the metric catalogue`);
  }
  return info;
}

/**
 * What 100 % means on a chart summed over cores: the ceiling of the instance type when every series shares
 * it ("up to 800 % on 8 CPUs (ml.p3.2xlarge)"), else the rule with an example.
 */
export function summedNote(kind: 'cpu' | 'gpu', series: readonly { readonly cores?: number }[], instanceTypes: readonly (string | undefined)[]): string {
  const what = kind === 'cpu' ? 'CPUs' : 'GPUs';
  const counts = new Set(series.map((x) => x.cores));
  const types = new Set(instanceTypes.filter((t) => t !== undefined));
  const [n] = [...counts];
  if (counts.size === 1 && n !== undefined) {
    return `Summed over ${what}: up to ${n * 100} % on ${n} ${n === 1 ? what.slice(0, -1) : what}${types.size === 1 ? ` (${[...types][0]})` : ''}.`;
  }
  return `Summed over ${what}: 400 % on 4 ${what}, for example.`;
}

/** A host of a job as the panels chart it: its label and its `Host` dimension value. */
interface ChartedHost {
  readonly label: string;
  readonly dimension: string;
}

/** One chart per instance metric (GPU ones only where published), a series per host. */
function hostCharts(ids: SeriesIds, namespace: string, hosts: readonly ChartedHost[], instanceType: string | undefined, instanceMetrics: readonly string[]): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const cores = instanceCores(instanceType);
  const present = new Set(instanceMetrics);
  for (const name of INSTANCE_METRIC_NAMES) {
    if (name.startsWith('GPU') && !present.has(name)) {
      continue;
    }
    const info = known(namespace, name);
    const coresFor = info.summedOverCores ? cores[info.summedOverCores === 'gpu' ? 'gpus' : 'cpus'] : undefined;
    charts.push({
      id: name,
      title: INSTANCE_TITLES[name],
      description: info.description,
      unit: '%',
      series: hosts.map((h) => series(ids, info, [{ Name: 'Host', Value: h.dimension }], 'Maximum', h.label, undefined, coresFor)),
      ...(info.summedOverCores ? { perCore: info.summedOverCores, note: summedNote(info.summedOverCores, [{ cores: coresFor }], [instanceType]) } : {}),
      emptyHint: 'No datapoints in this range: hosts publish instance metrics only while the job runs.',
    });
  }
  return charts;
}

export function trainingPanel(target: Extract<MetricsTarget, { kind: 'trainingJob' }>, context: TrainingMetricsContext): PanelSpec {
  const ids = new SeriesIds();
  const hosts = target.host ? context.hosts.filter((h) => h === target.host) : context.hosts;
  const charts = hostCharts(
    ids,
    TRAINING_INSTANCE_NAMESPACE,
    hosts.map((h) => ({ label: h, dimension: trainingHostDimension(context.trainingJobName, Number(h.replace('algo-', ''))) })),
    context.instanceType,
    context.instanceMetrics,
  );
  if (context.algorithmMetrics.length > 0) {
    charts.push({
      id: 'algorithm',
      title: 'Algorithm metrics',
      description: 'The job\'s MetricDefinitions, parsed from its log lines (TrainingJobName dimension).',
      unit: '',
      series: context.algorithmMetrics.map((name) => {
        const info = algorithmMetricInfo(name);
        return series(ids, info, [{ Name: 'TrainingJobName', Value: context.trainingJobName }], info.defaultStatistic, '');
      }),
      emptyHint: 'No datapoints in this range: algorithm metrics appear once the job logs lines that match its MetricDefinitions.',
    });
  }
  const notes = context.algorithmMetrics.length === 0 ? ['The job has no MetricDefinitions, so there are no algorithm metrics to chart.'] : [];
  return { target, title: `Metrics: ${context.trainingJobName}${target.host ? ` / ${target.host}` : ''}`, charts, notes };
}

export interface JobHostsMetricsContext {
  readonly jobName: string;
  /** `algo-1 …` of a processing job, the instance ids of a transform job. */
  readonly hosts: readonly string[];
  readonly instanceType?: string;
  /** Instance metric names that exist for the job's hosts. */
  readonly instanceMetrics: readonly string[];
}

/** A processing or transform job: CPU, memory, disk (GPU where published) per `Host = job/host` in its kind's namespace. */
export function jobHostsPanel(target: Extract<MetricsTarget, { kind: 'processingJob' | 'transformJob' }>, context: JobHostsMetricsContext): PanelSpec {
  const namespace = target.kind === 'processingJob' ? PROCESSING_INSTANCE_NAMESPACE : TRANSFORM_INSTANCE_NAMESPACE;
  const hosts = target.host ? context.hosts.filter((h) => h === target.host) : context.hosts;
  const charts = hostCharts(new SeriesIds(), namespace, hosts.map((h) => ({ label: h, dimension: `${context.jobName}/${h}` })), context.instanceType, context.instanceMetrics);
  const notes = hosts.length === 0 ? [target.kind === 'transformJob' ? 'No instance of the job has logged yet, so there is no host to chart.' : 'The job has no hosts yet.'] : [];
  return { target, title: `Metrics: ${context.jobName}${target.host ? ` / ${target.host}` : ''}`, charts, notes };
}

export function panelSeries(panel: PanelSpec): SeriesSpec[] {
  return panel.charts.flatMap((c) => c.series);
}
