/**
 * A panel's discovery, once per panel: describe the target and list which metrics it publishes (two
 * ListMetrics listings for an endpoint, one for a training job), giving the panel's charts.
 */
import type { AwsClients } from '../aws/clients';
import type { ResourceCatalog } from '../aws/catalog';
import { loadBackend } from '../aws/loadBackend';
import { endpointPanel, trainingPanel, type PanelSpec } from '../shared/metrics/panels';
import { algoHostName } from '../shared/names';
import type { MetricsTarget } from '../shared/targets';

export interface Discovered {
  readonly spec: PanelSpec;
  /** A training job's run (start, and end once it ended): what the "job" time range stands for. */
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
  const job = await catalog.describeTrainingJob(target.trainingJobName);
  const instanceMetrics = await backend.discoverTrainingInstanceMetrics(aws.cloudwatch, target.trainingJobName);
  return {
    jobRange: { start: job.startedAt ?? job.createdAt, ...(job.endedAt ? { end: job.endedAt } : {}) },
    spec: trainingPanel(target, {
      trainingJobName: target.trainingJobName,
      hosts: Array.from({ length: job.instanceCount }, (_, i) => algoHostName(i + 1)),
      ...(job.instanceType ? { instanceType: job.instanceType } : {}),
      algorithmMetrics: job.metricDefinitions.map((d) => d.name),
      instanceMetrics,
    }),
  };
}
