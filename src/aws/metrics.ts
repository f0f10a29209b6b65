/**
 * CloudWatch metric queries for the panels: GetMetricData (one call per refresh, paged by NextToken),
 * ListMetrics discovery of the instance dimension forms, alarms (describe, create).
 */
import {
  PutMetricAlarmCommand,
  paginateDescribeAlarms,
  paginateGetMetricData,
  paginateListMetrics,
  type CloudWatchClient,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmInfo, putMetricAlarmInput } from '../shared/metrics/alarms';
import type { Dimension, InstanceDimensionForm, VariantMetricsInfo } from '../shared/metrics/panels';
import type { MetricDataRequest } from '../shared/metrics/requests';
import type { SeriesData } from '../shared/metricsProtocol';
import { INSTANCE_METRIC_NAMES } from '../shared/metrics/catalogue';
import { ENDPOINT_INSTANCE_NAMESPACE, INFERENCE_COMPONENT_NAMESPACE, PIPELINE_NAMESPACE, TRAINING_INSTANCE_NAMESPACE, parseHostDimension } from '../shared/names';

export interface MetricDataResult {
  readonly series: SeriesData[];
  readonly messages: string[];
  /** GetMetricData calls made (pages included). */
  readonly calls: number;
  /** Queries the service answered with an error status (`InternalError`, `Forbidden`) and its messages. */
  readonly refused: { readonly id: string; readonly reason: string }[];
}

/** Runs the requests of one refresh; pages of one request (NextToken) are appended to their series. */
export async function getMetricData(cloudwatch: CloudWatchClient, requests: readonly MetricDataRequest[], signal?: AbortSignal): Promise<MetricDataResult> {
  const byId = new Map<string, { timestamps: number[]; values: number[] }>();
  const messages = new Set<string>();
  const refused = new Map<string, string>();
  let calls = 0;
  for (const request of requests) {
    const input = {
      MetricDataQueries: request.MetricDataQueries.map((q) => ({ ...q, MetricStat: { ...q.MetricStat, Metric: { ...q.MetricStat.Metric, Dimensions: [...q.MetricStat.Metric.Dimensions] } } })),
      StartTime: request.StartTime,
      EndTime: request.EndTime,
      ScanBy: request.ScanBy,
    };
    for await (const out of paginateGetMetricData({ client: cloudwatch }, input, { abortSignal: signal })) {
      calls++;
      for (const r of out.MetricDataResults ?? []) {
        if (!r.Id) {
          continue;
        }
        const entry = byId.get(r.Id) ?? { timestamps: [], values: [] };
        (r.Timestamps ?? []).forEach((t, i) => {
          entry.timestamps.push(t.getTime());
          entry.values.push(r.Values?.[i] ?? NaN);
        });
        byId.set(r.Id, entry);
        const said = (r.Messages ?? []).map((m) => m.Value ?? m.Code ?? '').filter(Boolean);
        if (r.StatusCode === 'InternalError' || r.StatusCode === 'Forbidden') {
          refused.set(r.Id, `it answered ${r.StatusCode}${said.length > 0 ? ` (${said.join(' ')})` : ''}`);
        } else {
          said.forEach((m) => messages.add(m));
        }
      }
      out.Messages?.forEach((m) => m.Value && messages.add(m.Value));
    }
  }
  const series: SeriesData[] = [];
  for (const request of requests) {
    for (const q of request.MetricDataQueries) {
      const e = byId.get(q.Id) ?? { timestamps: [], values: [] };
      // Pages and ScanBy keep order, but sort anyway: the chart's time scale needs ascending x.
      const order = e.timestamps.map((_, i) => i).sort((a, b) => e.timestamps[a] - e.timestamps[b]);
      series.push({ id: q.Id, timestamps: order.map((i) => e.timestamps[i]), values: order.map((i) => e.values[i]) });
    }
  }
  return { series, messages: [...messages], calls, refused: [...refused].map(([id, reason]) => ({ id, reason })) };
}

async function listMetricDimensions(cloudwatch: CloudWatchClient, namespace: string, dimensions: { Name: string; Value?: string }[], signal?: AbortSignal): Promise<{ metricName: string; dimensions: Dimension[] }[]> {
  const out: { metricName: string; dimensions: Dimension[] }[] = [];
  for await (const page of paginateListMetrics({ client: cloudwatch }, { Namespace: namespace, Dimensions: dimensions }, { abortSignal: signal })) {
    for (const m of page.Metrics ?? []) {
      if (m.MetricName) {
        out.push({ metricName: m.MetricName, dimensions: (m.Dimensions ?? []).filter((d) => d.Name && d.Value !== undefined).map((d) => ({ Name: d.Name as string, Value: d.Value as string })) });
      }
    }
  }
  return out;
}

/**
 * How each variant publishes its instance metrics: the seed's Host dimension, enhanced metrics' InstanceId
 * (and their per-GPU AcceleratorId level), or only per variant. Two ListMetrics listings for the whole endpoint.
 */
export async function discoverEndpointInstanceMetrics(
  cloudwatch: CloudWatchClient,
  endpointName: string,
  variants: readonly { name: string; instanceType?: string; serverless?: { provisionedConcurrency?: number } }[],
  signal?: AbortSignal,
): Promise<VariantMetricsInfo[]> {
  const [byHost, byEndpoint] = await Promise.all([
    listMetricDimensions(cloudwatch, ENDPOINT_INSTANCE_NAMESPACE, [{ Name: 'Host' }], signal),
    listMetricDimensions(cloudwatch, ENDPOINT_INSTANCE_NAMESPACE, [{ Name: 'EndpointName', Value: endpointName }], signal),
  ]);
  // Only utilization decides the dimension form: reservations and LoadedModelCount are per variant anyway.
  const utilization = new Set<string>(INSTANCE_METRIC_NAMES);
  return variants.map((v) => {
    const hostInstances = new Set<string>();
    const idInstances = new Set<string>();
    const accelerators = new Map<string, { instanceId: string; acceleratorId: string }>();
    const names = new Set<string>();
    let perVariant = false;
    for (const m of byHost) {
      const value = m.dimensions.find((d) => d.Name === 'Host')?.Value;
      const host = value ? parseHostDimension(ENDPOINT_INSTANCE_NAMESPACE, value) : undefined;
      if (host?.kind === 'endpoint' && host.endpointName === endpointName && host.variantName === v.name) {
        hostInstances.add(host.instanceId);
        names.add(m.metricName);
      }
    }
    for (const m of byEndpoint) {
      if (m.dimensions.find((d) => d.Name === 'VariantName')?.Value !== v.name) {
        continue;
      }
      names.add(m.metricName);
      if (!utilization.has(m.metricName)) {
        continue;
      }
      const id = m.dimensions.find((d) => d.Name === 'InstanceId')?.Value;
      const gpu = m.dimensions.find((d) => d.Name === 'AcceleratorId')?.Value;
      if (id && gpu) {
        accelerators.set(`${id}/${gpu}`, { instanceId: id, acceleratorId: gpu });
      } else if (id) {
        idInstances.add(id);
      } else if (m.dimensions.length === 2) {
        perVariant = true;
      }
    }
    const form: InstanceDimensionForm = hostInstances.size > 0 ? 'Host' : idInstances.size > 0 ? 'InstanceId' : perVariant ? 'Variant' : 'none';
    const instances = form === 'Host' ? hostInstances : form === 'InstanceId' ? idInstances : new Set<string>();
    const gpus = [...accelerators.keys()].sort().map((k) => accelerators.get(k) as { instanceId: string; acceleratorId: string });
    return {
      variantName: v.name,
      ...(v.instanceType ? { instanceType: v.instanceType } : {}),
      form,
      instances: [...instances].sort(),
      instanceMetrics: [...names].sort(),
      ...(gpus.length > 0 ? { accelerators: gpus } : {}),
      ...(v.serverless ? { serverless: v.serverless } : {}),
    };
  });
}

/**
 * What an inference component publishes in `/aws/sagemaker/InferenceComponents` (one ListMetrics listing):
 * its utilization metric names, and its copies where enhanced metrics add InstanceId and ContainerId.
 */
export async function discoverInferenceComponentMetrics(
  cloudwatch: CloudWatchClient,
  inferenceComponentName: string,
  signal?: AbortSignal,
): Promise<{ metrics: string[]; copies: { instanceId?: string; containerId: string }[] }> {
  const all = await listMetricDimensions(cloudwatch, INFERENCE_COMPONENT_NAMESPACE, [{ Name: 'InferenceComponentName', Value: inferenceComponentName }], signal);
  const copies = new Map<string, { instanceId?: string; containerId: string }>();
  for (const m of all) {
    const containerId = m.dimensions.find((d) => d.Name === 'ContainerId')?.Value;
    const instanceId = m.dimensions.find((d) => d.Name === 'InstanceId')?.Value;
    if (containerId) {
      copies.set(`${instanceId ?? ''}/${containerId}`, { ...(instanceId ? { instanceId } : {}), containerId });
    }
  }
  return { metrics: [...new Set(all.map((m) => m.metricName))].sort(), copies: [...copies.keys()].sort().map((k) => copies.get(k) as { instanceId?: string; containerId: string }) };
}

/** Instance metric names the hosts of a training job publish (GPU ones only on GPU instances). */
export async function discoverTrainingInstanceMetrics(cloudwatch: CloudWatchClient, trainingJobName: string, signal?: AbortSignal): Promise<string[]> {
  return discoverHostMetrics(cloudwatch, TRAINING_INSTANCE_NAMESPACE, `${trainingJobName}/algo-1`, signal);
}

/** The instance metric names one `Host` of a job publishes in the job kind's namespace (GPU ones only on GPU hosts). */
export async function discoverHostMetrics(cloudwatch: CloudWatchClient, namespace: string, host: string, signal?: AbortSignal): Promise<string[]> {
  const all = await listMetricDimensions(cloudwatch, namespace, [{ Name: 'Host', Value: host }], signal);
  return [...new Set(all.map((m) => m.metricName))].sort();
}

/** A pipeline's metric names and the steps that publish step metrics (one ListMetrics listing). */
export async function discoverPipelineMetrics(cloudwatch: CloudWatchClient, pipelineName: string, signal?: AbortSignal): Promise<{ metrics: string[]; steps: string[] }> {
  const all = await listMetricDimensions(cloudwatch, PIPELINE_NAMESPACE, [{ Name: 'PipelineName', Value: pipelineName }], signal);
  const steps = all.flatMap((m) => m.dimensions.filter((d) => d.Name === 'StepName').map((d) => d.Value));
  return { metrics: [...new Set(all.map((m) => m.metricName))].sort(), steps: [...new Set(steps)].sort() };
}

function alarmInfo(a: MetricAlarm): AlarmInfo | undefined {
  if (!a.AlarmName || !a.Namespace || !a.MetricName || a.Threshold === undefined) {
    return undefined;
  }
  return {
    alarmName: a.AlarmName,
    state: a.StateValue ?? 'INSUFFICIENT_DATA',
    ...(a.StateReason ? { stateReason: a.StateReason } : {}),
    namespace: a.Namespace,
    metricName: a.MetricName,
    dimensions: (a.Dimensions ?? []).map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })),
    stat: a.ExtendedStatistic ?? a.Statistic ?? 'Average',
    periodSeconds: a.Period ?? 60,
    threshold: a.Threshold,
    comparison: a.ComparisonOperator ?? 'GreaterThanThreshold',
    evaluationPeriods: a.EvaluationPeriods ?? 1,
  };
}

/**
 * The metric alarms on a target's metrics: DescribeAlarms pages (≤100 each), filtered to alarms whose
 * dimensions name the resource. One listing instead of a DescribeAlarmsForMetric per series.
 */
export async function describeAlarmsFor(cloudwatch: CloudWatchClient, matches: (alarm: AlarmInfo) => boolean, signal?: AbortSignal): Promise<AlarmInfo[]> {
  const out: AlarmInfo[] = [];
  for await (const page of paginateDescribeAlarms({ client: cloudwatch, pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] }, { abortSignal: signal })) {
    for (const a of page.MetricAlarms ?? []) {
      const info = alarmInfo(a);
      if (info && matches(info)) {
        out.push(info);
      }
    }
  }
  return out;
}

/** Creates (or replaces) an alarm from `putMetricAlarmInput` of the shared alarm module. */
export async function putMetricAlarm(cloudwatch: CloudWatchClient, input: ReturnType<typeof putMetricAlarmInput>, signal?: AbortSignal): Promise<void> {
  await cloudwatch.send(new PutMetricAlarmCommand(input as PutMetricAlarmCommandInput), { abortSignal: signal });
}
