/**
 * An endpoint's panel: invocations, errors, latency and instance utilization per variant (the generic
 * real-time charts), adjusted to what the endpoint is: async endpoints have no Invocations, serverless ones
 * no instances; inference-component, async, serverless and multi-model endpoints add their own charts.
 */
import { ENDPOINT_INSTANCE_NAMESPACE, INVOCATION_NAMESPACE, endpointHostDimension } from '../names';
import type { MetricsTarget } from '../targets';
import { INSTANCE_METRIC_NAMES, type Statistic } from './catalogue';
import { asyncCharts, multiModelCharts, reservationCharts, serverlessCharts, type KindCharts } from './endpointKindPanels';
import { INSTANCE_TITLES, SeriesIds, instanceCores, known, series, summedNote, type ChartSpec, type Dimension, type EndpointMetricsContext, type PanelSpec, type SeriesSpec, type VariantMetricsInfo } from './panels';

const NEEDS_ENHANCED = 'Per-instance metrics need enhanced metrics on the endpoint (the InstanceId dimension) or the Host dimension; shown per variant.';
const NO_TRAFFIC = 'No datapoints in this range: CloudWatch publishes invocation metrics only while the endpoint gets requests.';

export function endpointPanel(target: Extract<MetricsTarget, { kind: 'endpoint' }>, context: EndpointMetricsContext): PanelSpec {
  const ids = new SeriesIds();
  const kinds = new Set(context.kinds ?? []);
  const variants = context.variants.filter((v) => !target.variantName || v.variantName === target.variantName);
  const variantDims = (v: VariantMetricsInfo): Dimension[] => [
    { Name: 'EndpointName', Value: context.endpointName },
    { Name: 'VariantName', Value: v.variantName },
  ];
  const perVariant = (namespace: string, name: string, stats: readonly Statistic[], factor?: number) =>
    variants.flatMap((v) => stats.map((s) => series(ids, known(namespace, name), variantDims(v), s, v.variantName, factor)));
  const kindCharts: KindCharts = { ids, endpointName: context.endpointName, variants, perVariant };
  const isAsync = kinds.has('async');
  const isServerless = kinds.has('serverless');
  const inv = (name: string) => known(INVOCATION_NAMESPACE, name);
  // An endpoint of inference components publishes its requests per component (InferenceComponentName).
  const components = kinds.has('inferenceComponents') ? (context.inferenceComponents ?? []).filter((c) => !target.variantName || c.variantName === target.variantName) : [];
  const perSource = (name: string, stats: readonly Statistic[], factor?: number) =>
    components.length > 0
      ? components.flatMap((c) => stats.map((s) => series(ids, inv(name), [{ Name: 'InferenceComponentName', Value: c.name }], s, c.name, factor)))
      : perVariant(INVOCATION_NAMESPACE, name, stats, factor);
  const charts: ChartSpec[] = [];
  // Async endpoints publish no Invocations, InvocationsPerInstance or OverheadLatency: their traffic is the queue's.
  if (!isAsync) {
    charts.push({ id: 'invocations', title: 'Invocations', description: inv('Invocations').description, unit: '', series: perSource('Invocations', ['Sum']), emptyHint: NO_TRAFFIC });
  }
  charts.push(
    {
      id: 'errors',
      title: '4XX and 5XX errors',
      description: 'Requests answered with a 4xx or 5xx code (Sum).',
      unit: '',
      series: [...perSource('Invocation4XXErrors', ['Sum']), ...perSource('Invocation5XXErrors', ['Sum'])],
      emptyHint: NO_TRAFFIC,
    },
    {
      id: 'errorRate',
      title: 'Error rate',
      description: 'Share of requests answered with a 4xx or 5xx code (Average of 0/1 per request).',
      unit: '%',
      series: [...perSource('Invocation4XXErrors', ['Average'], 100), ...perSource('Invocation5XXErrors', ['Average'], 100)],
      emptyHint: NO_TRAFFIC,
    },
    {
      id: 'latency',
      title: 'Model latency',
      description: inv('ModelLatency').description,
      unit: 'ms',
      // The async page documents Average, Sum, Min, Max and SampleCount only.
      series: perSource('ModelLatency', isAsync ? ['Average', 'Maximum'] : ['Average', 'Maximum', 'p50', 'p90', 'p99']),
      emptyHint: NO_TRAFFIC,
    },
  );
  if (components.length > 0) {
    charts.push({ id: 'invocationsPerCopy', title: 'Invocations per copy', description: inv('InvocationsPerCopy').description, unit: '', series: perSource('InvocationsPerCopy', ['Sum']), emptyHint: NO_TRAFFIC });
  } else if (!isAsync && !isServerless) {
    charts.push({ id: 'invocationsPerInstance', title: 'Invocations per instance', description: inv('InvocationsPerInstance').description, unit: '', series: perVariant(INVOCATION_NAMESPACE, 'InvocationsPerInstance', ['Sum']), emptyHint: NO_TRAFFIC });
  }
  if (isAsync) {
    charts.push(...asyncCharts(kindCharts));
  }
  if (isServerless) {
    charts.push(...serverlessCharts(kindCharts));
  }
  if (kinds.has('multiModel')) {
    charts.push(...multiModelCharts(kindCharts));
  }
  if (kinds.has('inferenceComponents')) {
    charts.push(...reservationCharts(kindCharts));
  }
  const notes: string[] = [];
  // A serverless endpoint has no instances of its own: no per-instance utilization to chart.
  if (isServerless) {
    // Only memory, per variant, where ListMetrics shows it.
    const memory = variants.filter((v) => v.instanceMetrics.includes('MemoryUtilization')).map((v) => ({ ...v, form: 'Variant' as const }));
    charts.push(...instanceCharts(ids, context.endpointName, memory, variantDims, new Set(['MemoryUtilization'])));
    notes.push('Serverless: SageMaker manages the compute, so there are no per-instance metrics; cold starts show as model setup time.');
  } else {
    charts.push(...instanceCharts(ids, context.endpointName, variants, variantDims));
    if (variants.some((v) => v.form === 'Variant')) {
      notes.push(NEEDS_ENHANCED);
    }
  }
  return { target, title: `Metrics: ${context.endpointName}${target.variantName ? ` / ${target.variantName}` : ''}`, charts, notes };
}

/** One chart per instance metric (GPU ones where published) in the variant's dimension form; per GPU where listed. */
function instanceCharts(ids: SeriesIds, endpointName: string, variants: readonly VariantMetricsInfo[], variantDims: (v: VariantMetricsInfo) => Dimension[], only?: ReadonlySet<string>): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const present = new Set(variants.flatMap((v) => v.instanceMetrics));
  for (const name of INSTANCE_METRIC_NAMES) {
    if ((name.startsWith('GPU') && !present.has(name)) || (only && (!only.has(name) || variants.length === 0))) {
      continue;
    }
    const info = known(ENDPOINT_INSTANCE_NAMESPACE, name);
    const s: SeriesSpec[] = [];
    for (const v of variants) {
      const cores = instanceCores(v.instanceType)[info.summedOverCores === 'gpu' ? 'gpus' : 'cpus'];
      const coresFor = info.summedOverCores ? cores : undefined;
      if (v.form === 'Host') {
        v.instances.forEach((id) => s.push(series(ids, info, [{ Name: 'Host', Value: endpointHostDimension(endpointName, v.variantName, id) }], 'Maximum', `${v.variantName}/${id}`, undefined, coresFor)));
      } else if (v.form === 'InstanceId') {
        v.instances.forEach((id) => s.push(series(ids, info, [...variantDims(v), { Name: 'InstanceId', Value: id }], 'Maximum', `${v.variantName}/${id}`, undefined, coresFor)));
      } else if (v.form === 'Variant') {
        s.push(series(ids, info, variantDims(v), 'Maximum', v.variantName, undefined, coresFor));
      }
    }
    charts.push({
      id: name,
      title: INSTANCE_TITLES[name],
      description: info.description,
      unit: '%',
      series: s,
      ...(info.summedOverCores ? { perCore: info.summedOverCores, note: summedNote(info.summedOverCores, s, variants.map((v) => v.instanceType)) } : {}),
      emptyHint: variants.some((v) => v.form === 'none') ? 'No instance metrics found for this endpoint in the last two weeks.' : 'No datapoints in this range.',
    });
    // Enhanced metrics: each GPU of each instance (AcceleratorId), 0–100 % each.
    const gpus = name.startsWith('GPU') ? variants.flatMap((v) => (v.accelerators ?? []).map((a) => ({ v, ...a }))) : [];
    if (gpus.length > 0) {
      charts.push({
        id: `${name}PerGpu`,
        title: `${INSTANCE_TITLES[name]} per GPU`,
        description: `${info.metricName} of each GPU (enhanced metrics' AcceleratorId), 0–100 % each.`,
        unit: '%',
        series: gpus.map((g) => series(ids, info, [...variantDims(g.v), { Name: 'InstanceId', Value: g.instanceId }, { Name: 'AcceleratorId', Value: g.acceleratorId }], 'Maximum', `${g.v.variantName}/${g.instanceId}/${g.acceleratorId}`)),
        emptyHint: 'No datapoints in this range.',
      });
    }
  }
  return charts;
}
