/**
 * Which instances an endpoint variant and which hosts a training job have. SageMaker's APIs do not list
 * them; CloudWatch does, in three ways that all occur (DESIGN §3): log streams `[variant]/[instance-id]`,
 * the seed's `Host = [endpoint]/[variant]/[instance-id]` metric dimension, and today's `InstanceId`
 * dimension of enhanced metrics. Job hosts come from their log streams (src/shared/jobHosts.ts).
 */
import { paginateListMetrics, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { algoHostsOf, transformInstancesOf } from '../shared/jobHosts';
import type { EndpointInstance, InstanceSource, ProcessingHost, TrainingHost, TransformInstance } from '../shared/model';
import {
  ENDPOINT_INSTANCE_NAMESPACE,
  PROCESSING_JOBS_LOG_GROUP,
  TRAINING_JOBS_LOG_GROUP,
  TRANSFORM_JOBS_LOG_GROUP,
  endpointLogGroup,
  jobStreamPrefix,
  parseEndpointStream,
  parseHostDimension,
  trainingStreamPrefix,
} from '../shared/names';
import { listLogStreams } from './logs/streams';

/**
 * Instance ids by `endpoint/variant` from the seed's `Host` dimension. ListMetrics cannot filter a
 * dimension by prefix, so this lists the Host values of one metric every instance has, for all endpoints
 * at once: callers share one index across the variants they expand.
 */
export async function hostDimensionIndex(cloudwatch: CloudWatchClient, signal?: AbortSignal): Promise<Map<string, string[]>> {
  const index = new Map<string, string[]>();
  for await (const page of paginateListMetrics(
    { client: cloudwatch },
    { Namespace: ENDPOINT_INSTANCE_NAMESPACE, MetricName: 'CPUUtilization', Dimensions: [{ Name: 'Host' }] },
    { abortSignal: signal },
  )) {
    for (const m of page.Metrics ?? []) {
      const value = m.Dimensions?.find((d) => d.Name === 'Host')?.Value;
      const host = value ? parseHostDimension(ENDPOINT_INSTANCE_NAMESPACE, value) : undefined;
      if (host?.kind === 'endpoint') {
        const key = `${host.endpointName}/${host.variantName}`;
        index.set(key, [...(index.get(key) ?? []), host.instanceId]);
      }
    }
  }
  return index;
}

/** Instances of one variant of an endpoint, merged from logs and both metric dimension forms. */
export async function listEndpointInstances(
  clients: { logs: CloudWatchLogsClient; cloudwatch: CloudWatchClient },
  endpointName: string,
  variantName: string,
  hostIndex: Promise<Map<string, string[]>>,
  signal?: AbortSignal,
): Promise<EndpointInstance[]> {
  const [streams, index, instanceIdDimension] = await Promise.all([
    listLogStreams(clients.logs, endpointLogGroup(endpointName), `${variantName}/`, signal),
    hostIndex,
    instancesFromInstanceIdDimension(clients.cloudwatch, endpointName, variantName, signal),
  ]);
  const hostDimension = index.get(`${endpointName}/${variantName}`) ?? [];
  const found = new Map<string, { sources: Set<InstanceSource>; logStreamName?: string; dataLogStreamName?: string; lastEventAt?: number; levels?: InstanceLevels }>();
  const add = (instanceId: string, source: InstanceSource) => {
    const entry = found.get(instanceId) ?? { sources: new Set<InstanceSource>() };
    entry.sources.add(source);
    found.set(instanceId, entry);
    return entry;
  };
  for (const s of streams) {
    const parsed = parseEndpointStream(s.logStreamName);
    if (parsed && parsed.variantName === variantName && parsed.suffix === undefined) {
      const entry = add(parsed.instanceId, 'logStream');
      entry.logStreamName = s.logStreamName;
      entry.lastEventAt = Math.max(entry.lastEventAt ?? 0, s.lastEventTimestamp ?? 0) || undefined;
    } else if (parsed && parsed.variantName === variantName && parsed.suffix === 'data-log') {
      // An async endpoint's data log: the instance's second stream.
      const entry = add(parsed.instanceId, 'logStream');
      entry.dataLogStreamName = s.logStreamName;
    }
  }
  hostDimension.forEach((id) => add(id, 'hostDimension'));
  instanceIdDimension.forEach((levels, id) => (add(id, 'instanceIdDimension').levels = levels));
  return [...found.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([instanceId, e]) => ({
      endpointName,
      variantName,
      instanceId,
      sources: [...e.sources],
      ...(e.logStreamName ? { logStreamName: e.logStreamName } : {}),
      ...(e.dataLogStreamName ? { dataLogStreamName: e.dataLogStreamName } : {}),
      ...(e.lastEventAt ? { lastEventAt: e.lastEventAt } : {}),
      ...(e.levels?.containers.size ? { containers: [...e.levels.containers].sort() } : {}),
      ...(e.levels?.accelerators.size ? { accelerators: [...e.levels.accelerators].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })) } : {}),
    }));
}

/**
 * Instance ids of the `InstanceId` dimension (enhanced metrics) with the levels under them: any instance metric
 * of the variant (one listing, usually one page) also shows the `ContainerId` and `AcceleratorId` values.
 */
async function instancesFromInstanceIdDimension(cloudwatch: CloudWatchClient, endpointName: string, variantName: string, signal?: AbortSignal): Promise<Map<string, InstanceLevels>> {
  const ids = new Map<string, InstanceLevels>();
  for await (const page of paginateListMetrics(
    { client: cloudwatch },
    {
      Namespace: ENDPOINT_INSTANCE_NAMESPACE,
      Dimensions: [{ Name: 'EndpointName', Value: endpointName }, { Name: 'VariantName', Value: variantName }, { Name: 'InstanceId' }],
    },
    { abortSignal: signal },
  )) {
    for (const m of page.Metrics ?? []) {
      const dim = (name: string) => m.Dimensions?.find((d) => d.Name === name)?.Value;
      const id = dim('InstanceId');
      if (!id) {
        continue;
      }
      const levels = ids.get(id) ?? { containers: new Set<string>(), accelerators: new Set<string>() };
      ids.set(id, levels);
      const container = dim('ContainerId');
      const accelerator = dim('AcceleratorId');
      if (container) {
        levels.containers.add(container);
      }
      if (accelerator) {
        levels.accelerators.add(accelerator);
      }
    }
  }
  return ids;
}

interface InstanceLevels {
  readonly containers: Set<string>;
  readonly accelerators: Set<string>;
}

/** Hosts `algo-1 … algo-N` of a training job with their log streams (several after a restart). */
export async function listTrainingHosts(logs: CloudWatchLogsClient, trainingJobName: string, instanceCount: number, signal?: AbortSignal): Promise<TrainingHost[]> {
  const streams = await listLogStreams(logs, TRAINING_JOBS_LOG_GROUP, trainingStreamPrefix(trainingJobName), signal);
  return algoHostsOf(streams, trainingJobName, instanceCount).map((h) => ({ trainingJobName, ...h }));
}

/** Hosts `algo-1 … algo-N` of a processing job with their log streams. */
export async function listProcessingHosts(logs: CloudWatchLogsClient, processingJobName: string, instanceCount: number, signal?: AbortSignal): Promise<ProcessingHost[]> {
  const streams = await listLogStreams(logs, PROCESSING_JOBS_LOG_GROUP, jobStreamPrefix(processingJobName), signal);
  return algoHostsOf(streams, processingJobName, instanceCount).map((h) => ({ processingJobName, ...h }));
}

/** The instances of a transform job that have logged, with their model-server and data-log streams. */
export async function listTransformInstances(logs: CloudWatchLogsClient, transformJobName: string, signal?: AbortSignal): Promise<TransformInstance[]> {
  return transformInstancesOf(await listLogStreams(logs, TRANSFORM_JOBS_LOG_GROUP, jobStreamPrefix(transformJobName), signal), transformJobName);
}
