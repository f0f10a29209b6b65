/**
 * A panel's discovery, once per panel: describe the target and list which metrics it publishes (two
 * ListMetrics listings for an endpoint, one for a job), giving the panel's charts.
 */
import type { AwsClients } from '../aws/clients';
import type { ResourceCatalog } from '../aws/catalog';
import { loadBackend } from '../aws/loadBackend';
import { endpointPanel, jobHostsPanel, trainingPanel, type PanelSpec } from '../shared/metrics/panels';
import { PROCESSING_INSTANCE_NAMESPACE, TRANSFORM_INSTANCE_NAMESPACE, algoHostName } from '../shared/names';
import { pipelinePanel } from '../shared/metrics/pipelinePanel';
import type { MetricsTarget } from '../shared/targets';

export interface Discovered {
  readonly spec: PanelSpec;
  /** A job's run (start, and end once it ended): what the "job" time range stands for. */
  readonly jobRange?: { readonly start?: number; readonly end?: number };
}

export async function discoverPanel(target: MetricsTarget, catalog: ResourceCatalog, clients: () => Promise<AwsClients>): Promise<Discovered> {
  const [backend, aws] = await Promise.all([loadBackend(), clients()]);
  if (target.kind === 'endpoint') {
    const endpoint = await catalog.describeEndpoint(target.endpointName);
    const variants = await backend.discoverEndpointInstanceMetrics(
      aws.cloudwatch,
      target.endpointName,
      endpoint.variants.map((v) => ({ name: v.name, ...(v.instanceType ? { instanceType: v.instanceType } : {}) })),
    );
    return { spec: endpointPanel(target, { endpointName: target.endpointName, variants }) };
  }
  if (target.kind === 'inferenceComponent') {
    // Interim until the inference component panel lands (#18): say so rather than chart the wrong thing.
    throw new Error(`Metric panels of inference components are not available yet (${target.inferenceComponentName}).`);
  }
  if (target.kind === 'pipeline') {
    const { steps } = await backend.discoverPipelineMetrics(aws.cloudwatch, target.pipelineName);
    return { spec: pipelinePanel(target, { pipelineName: target.pipelineName, steps }) };
  }
  if (target.kind === 'processingJob') {
    const job = await catalog.describeProcessingJob(target.processingJobName);
    const hosts = Array.from({ length: job.instanceCount }, (_, i) => algoHostName(i + 1));
    const instanceMetrics = await backend.discoverHostMetrics(aws.cloudwatch, PROCESSING_INSTANCE_NAMESPACE, `${job.name}/${hosts[0]}`);
    return { jobRange: runOf(job), spec: jobHostsPanel(target, { jobName: job.name, hosts, ...(job.instanceType ? { instanceType: job.instanceType } : {}), instanceMetrics }) };
  }
  if (target.kind === 'transformJob') {
    // A transform job's instances are known from their log streams only.
    const [job, instances] = await Promise.all([catalog.describeTransformJob(target.transformJobName), catalog.listTransformInstances(target.transformJobName)]);
    const hosts = instances.map((i) => i.instanceId);
    const instanceMetrics = hosts.length ? await backend.discoverHostMetrics(aws.cloudwatch, TRANSFORM_INSTANCE_NAMESPACE, `${job.name}/${hosts[0]}`) : [];
    return { jobRange: runOf(job), spec: jobHostsPanel(target, { jobName: job.name, hosts, ...(job.instanceType ? { instanceType: job.instanceType } : {}), instanceMetrics }) };
  }
  const job = await catalog.describeTrainingJob(target.trainingJobName);
  const instanceMetrics = await backend.discoverTrainingInstanceMetrics(aws.cloudwatch, target.trainingJobName);
  return {
    jobRange: runOf(job),
    spec: trainingPanel(target, {
      trainingJobName: target.trainingJobName,
      hosts: Array.from({ length: job.instanceCount }, (_, i) => algoHostName(i + 1)),
      ...(job.instanceType ? { instanceType: job.instanceType } : {}),
      algorithmMetrics: job.metricDefinitions.map((d) => d.name),
      instanceMetrics,
    }),
  };
}

/** A job's run (start, and end once it ended): what the "job" time range stands for. */
function runOf(job: { startedAt?: number; createdAt?: number; endedAt?: number }): { start?: number; end?: number } {
  return { start: job.startedAt ?? job.createdAt, ...(job.endedAt ? { end: job.endedAt } : {}) };
}
