// The panels of each endpoint kind against the simulator with real SDK clients: what discovery costs, and every
// series a panel asks for exists (one GetMetricData call, data in each queried series that should have it).
import * as assert from 'node:assert/strict';
import { discoverEndpointInstanceMetrics, discoverInferenceComponentMetrics, getMetricData } from '../../src/aws/metrics';
import { describeInferenceComponent, listInferenceComponents } from '../../src/aws/inferenceComponents';
import { describeEndpoint } from '../../src/aws/sagemaker';
import { inferenceComponentPanel } from '../../src/shared/metrics/endpointKindPanels';
import { endpointPanel } from '../../src/shared/metrics/endpointPanel';
import { panelSeries, type PanelSpec } from '../../src/shared/metrics/panels';
import { buildMetricDataRequests } from '../../src/shared/metrics/requests';
import { endpointKinds } from '../../src/shared/model';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, startWithClients, T0 } from './helpers';

const EP = DEMO.endpoints;
const IC = DEMO.inferenceComponents;
const RANGE = { start: T0 - 3 * 3600_000, end: T0 };

describe('simulator: metric panels of each endpoint kind (discovery and data)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  async function counted<T>(run: () => Promise<T>): Promise<{ value: T; calls: Record<string, number> }> {
    await c.sim.control.resetRequestCounts();
    const value = await run();
    return { value, calls: await c.sim.control.requestCounts() };
  }

  async function endpointPanelOf(endpointName: string): Promise<PanelSpec> {
    const detail = await describeEndpoint(c.sagemaker, endpointName);
    const variants = await discoverEndpointInstanceMetrics(
      c.cloudwatch,
      endpointName,
      detail.variants.map((v) => ({ name: v.name, ...(v.instanceType ? { instanceType: v.instanceType } : {}), ...(v.serverless ? { serverless: { provisionedConcurrency: v.serverlessConfig?.provisionedConcurrency } } : {}) })),
    );
    const kinds = endpointKinds(detail);
    const components = kinds.has('inferenceComponents') ? await listInferenceComponents(c.sagemaker, endpointName) : [];
    return endpointPanel({ kind: 'endpoint', endpointName }, { endpointName, variants, kinds: [...kinds], inferenceComponents: components.map((i) => ({ name: i.name, variantName: i.variantName })) });
  }

  /** Runs the panel's refresh: one call; the series that came back empty, by `metric stat dims`. */
  async function emptySeries(panel: PanelSpec): Promise<string[]> {
    const requests = buildMetricDataRequests(panelSeries(panel), RANGE, 60);
    assert.equal(requests.length, 1);
    const data = await getMetricData(c.cloudwatch, requests);
    assert.equal(data.calls, 1, 'one GetMetricData call');
    const byId = new Map(panelSeries(panel).map((s) => [s.id, s]));
    return data.series.filter((s) => s.values.length === 0).map((s) => {
      const spec = byId.get(s.id);
      return `${spec?.metricName} ${spec?.stat} ${spec?.dimensions.map((d) => d.Value).join('/')}`;
    });
  }

  it('inference-component endpoint: requests per component; per instance and per GPU; reservations; every series has data', async () => {
    const { value: panel, calls } = await counted(() => endpointPanelOf(EP.inferenceComponents));
    // listInferenceComponents describes each component (copies, resources) too: 1 + 2 calls for the demo's two.
    assert.deepEqual(calls, { 'sagemaker.DescribeEndpoint': 1, 'sagemaker.DescribeEndpointConfig': 1, 'sagemaker.ListInferenceComponents': 1, 'sagemaker.DescribeInferenceComponent': 2, 'cloudwatch.ListMetrics': 2 });
    assert.deepEqual(panel.charts.find((ch) => ch.id === 'invocations')?.series.map((s) => s.dimensions), [IC.inService, IC.updating].map((Value) => [{ Name: 'InferenceComponentName', Value }]));
    const ids = panel.charts.map((ch) => ch.id);
    for (const id of ['invocations', 'CPUReservation', 'GPUReservation', 'MemoryReservation', 'GPUUtilization', 'GPUUtilizationPerGpu', 'GPUMemoryUtilizationPerGpu']) {
      assert.ok(ids.includes(id), id);
    }
    assert.equal(panel.charts.find((ch) => ch.id === 'GPUUtilizationPerGpu')?.series.length, 2 * 4, '2 instances × 4 GPUs');
    assert.ok(panel.charts.find((ch) => ch.id === 'CPUUtilization')?.series.every((s) => s.dimensions.some((d) => d.Name === 'InstanceId')));
    assert.deepEqual(await emptySeries(panel), []);
  });

  it('inference component: DescribeInferenceComponent and one ListMetrics; every series has data, per copy too', async () => {
    const { value: panel, calls } = await counted(async () => {
      const [ic, found] = await Promise.all([describeInferenceComponent(c.sagemaker, IC.inService), discoverInferenceComponentMetrics(c.cloudwatch, IC.inService)]);
      return inferenceComponentPanel({ kind: 'inferenceComponent', endpointName: ic.endpointName, inferenceComponentName: ic.name }, { inferenceComponentName: ic.name, endpointName: ic.endpointName, utilizationMetrics: found.metrics, copies: found.copies });
    });
    assert.deepEqual(calls, { 'sagemaker.DescribeInferenceComponent': 1, 'cloudwatch.ListMetrics': 1 });
    const gpu = panel.charts.find((ch) => ch.id === 'GPUUtilizationNormalized');
    assert.equal(gpu?.series.length, 1 + 2, 'the component and its two copies');
    assert.deepEqual(await emptySeries(panel), []);
  });

  it('async: the queue and the requests have data; no Invocations asked for', async () => {
    const { value: panel, calls } = await counted(() => endpointPanelOf(EP.async));
    assert.deepEqual(calls, { 'sagemaker.DescribeEndpoint': 1, 'sagemaker.DescribeEndpointConfig': 1, 'sagemaker.DescribeModel': 1, 'cloudwatch.ListMetrics': 2 });
    assert.ok(!panelSeries(panel).some((s) => s.metricName === 'Invocations' || s.metricName === 'InvocationsPerInstance'));
    // The simulator publishes no 4XX/5XX errors for its async endpoint (the async page lists them): empty, charted anyway.
    assert.deepEqual((await emptySeries(panel)).filter((e) => !e.startsWith('Invocation4XXErrors') && !e.startsWith('Invocation5XXErrors')), []);
  });

  it('serverless: cold starts, concurrency and provisioned concurrency have data; no instance series', async () => {
    const panel = await endpointPanelOf(EP.serverless);
    assert.ok(panel.charts.some((ch) => ch.id === 'provisionedUtilization'), 'provisioned concurrency is configured');
    assert.ok(!panelSeries(panel).some((s) => s.dimensions.some((d) => d.Name === 'InstanceId' || d.Name === 'Host')));
    assert.deepEqual(await emptySeries(panel), []);
  });

  it('multi-model: loading, cache hits and LoadedModelCount (in /aws/sagemaker/Endpoints) have data', async () => {
    const panel = await endpointPanelOf(EP.multiModel);
    assert.deepEqual(await emptySeries(panel), []);
    assert.ok(panelSeries(panel).some((s) => s.metricName === 'LoadedModelCount' && s.namespace === '/aws/sagemaker/Endpoints'));
  });
});
