// Metric panels of endpoints as deployed today against the simulator: an inference component's own panel, and
// the endpoint panels of inference-component, async, serverless and multi-model endpoints. For each: the exact
// metrics asked for, one GetMetricData call per refresh, and values equal to the simulator's series.
import * as assert from 'assert';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { MetricsPanel } from '../../../src/metrics/metricsPanel';
import type { SeriesSpec } from '../../../src/shared/metrics/panels';
import { DEMO } from '../../../sim/scenarios/demo';
import { computeSeries, type StatName } from '../../../sim/src/model/metrics';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { closePanels, openPanel, seriesOf } from './panelHelpers';

const GMD = 'cloudwatch.GetMetricData';
const EP = DEMO.endpoints;
const IC = DEMO.inferenceComponents;

describe('Metrics: endpoint kinds', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });

  afterEach(() => closePanels(api));

  after(async () => {
    await sim?.close();
  });

  const gmdCalls = async () => (await sim.control.requestCounts())[GMD] ?? 0;

  /** `namespace metric stat dim=value,…` of every series the panel asks for. */
  const asked = (panel: MetricsPanel) => panel.spec?.charts.flatMap((c) => c.series).map((s) => `${s.namespace} ${s.metricName} ${s.stat} ${s.dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')}`) ?? [];

  /** Opens the panel with one GetMetricData call for its first refresh. */
  async function open(arg: object): Promise<MetricsPanel> {
    await sim.control.resetRequestCounts();
    const panel = await openPanel(arg);
    assert.strictEqual(await gmdCalls(), 1, 'the first refresh is one call');
    assert.strictEqual(panel.lastData?.calls, 1);
    assert.strictEqual(panel.lastData?.series.length, panel.spec?.charts.flatMap((c) => c.series).length, 'every series in that call');
    return panel;
  }

  /** The panel shows the simulator's own values for the series (all but the newest, still filling, minutes). */
  function assertSimulatorValues(panel: MetricsPanel, spec: SeriesSpec): void {
    const data = panel.lastData;
    assert.ok(data);
    const generated = sim.state.accounts.get('us-east-1')?.metrics.get(spec.namespace, spec.metricName, [...spec.dimensions]);
    assert.ok(generated, `the simulator has ${spec.label}`);
    const p = data.periodSeconds;
    const expected = computeSeries(generated, Math.floor(data.range.start / 1000 / p) * p, Math.ceil(data.range.end / 1000 / p) * p, p, spec.stat as StatName, sim.state.clock.now() / 1000);
    const byTime = new Map(expected.timestamps.map((t, i) => [t * 1000, expected.values[i]]));
    const shown = data.series.find((s) => s.id === spec.id);
    assert.ok(shown);
    const settled = shown.timestamps.slice(0, -2);
    assert.ok(settled.length > 30, `${spec.label} has points (${settled.length})`);
    settled.forEach((t, i) => assert.strictEqual(shown.values[i], byTime.get(t), `${spec.label} at ${new Date(t).toISOString()}`));
  }

  it('inference component: its requests and copies\' utilization by InferenceComponentName over 3 h, in one call', async () => {
    const panel = await open({ endpointName: EP.inferenceComponents, inferenceComponentName: IC.inService });
    assert.strictEqual(panel.spec?.title, `Metrics: ${IC.inService} (on ${EP.inferenceComponents})`);
    const icDim = `InferenceComponentName=${IC.inService}`;
    const q = asked(panel);
    for (const expected of [
      `AWS/SageMaker Invocations Sum ${icDim}`,
      `AWS/SageMaker Invocation5XXErrors Sum ${icDim}`,
      `AWS/SageMaker ModelLatency p99 ${icDim}`,
      `AWS/SageMaker InvocationsPerCopy Sum ${icDim}`,
      `AWS/SageMaker ConcurrentRequestsPerCopy Maximum ${icDim}`,
      `/aws/sagemaker/InferenceComponents CPUUtilizationNormalized Maximum ${icDim}`,
      `/aws/sagemaker/InferenceComponents GPUUtilizationNormalized Maximum ${icDim}`,
      `/aws/sagemaker/InferenceComponents GPUMemoryUtilizationNormalized Maximum ${icDim}`,
      `/aws/sagemaker/InferenceComponents MemoryUtilizationNormalized Maximum ${icDim}`,
    ]) {
      assert.ok(q.includes(expected), `${expected} in\n${q.join('\n')}`);
    }
    const data = panel.lastData;
    assert.ok(data);
    assert.strictEqual(data.range.end - data.range.start, 3 * 3600_000, 'the endpoints\' default range');
    assertSimulatorValues(panel, seriesOf(panel, 'Invocations', 'Sum', IC.inService));
    assertSimulatorValues(panel, seriesOf(panel, 'GPUUtilizationNormalized', 'Maximum', IC.inService));
  });

  it('inference-component endpoint: requests per component, CPU/GPU/memory reservation, per-GPU utilization', async () => {
    const panel = await open({ endpointName: EP.inferenceComponents });
    const q = asked(panel);
    const v = `EndpointName=${EP.inferenceComponents},VariantName=AllTraffic`;
    for (const name of ['CPUReservation', 'GPUReservation', 'MemoryReservation']) {
      assert.ok(q.includes(`/aws/sagemaker/Endpoints ${name} Maximum ${v}`), name);
    }
    assert.ok(q.includes(`AWS/SageMaker Invocations Sum InferenceComponentName=${IC.updating}`));
    assert.ok(!q.some((x) => x.startsWith('AWS/SageMaker ') && x.includes('VariantName')), 'requests per component, not per variant');
    assert.ok(panel.spec?.charts.some((c) => c.id === 'GPUUtilizationPerGpu' && c.series.length === 8), '2 instances × 4 GPUs');
    assertSimulatorValues(panel, seriesOf(panel, 'GPUReservation', 'Maximum', 'AllTraffic'));
    assertSimulatorValues(panel, seriesOf(panel, 'Invocations', 'Sum', IC.updating));
  });

  it('async: the queue and what became of the requests, no Invocations; the backlog alarm is the panel\'s', async () => {
    const panel = await open({ endpointName: EP.async });
    const q = asked(panel);
    assert.ok(!q.some((x) => / (Invocations|InvocationsPerInstance) /.test(x)), q.join('\n'));
    const e = `EndpointName=${EP.async}`;
    for (const expected of [`AWS/SageMaker ApproximateBacklogSize Maximum ${e}`, `AWS/SageMaker HasBacklogWithoutCapacity Average ${e}`, `AWS/SageMaker ApproximateAgeOfOldestRequest Maximum ${e}`, `AWS/SageMaker InvocationsProcesssed Sum ${e},VariantName=AllTraffic`]) {
      assert.ok(q.includes(expected), expected);
    }
    assertSimulatorValues(panel, seriesOf(panel, 'ApproximateBacklogSize', 'Maximum', EP.async));
    assertSimulatorValues(panel, seriesOf(panel, 'TimeInBacklog', 'Average', 'AllTraffic'));
    const backlog = seriesOf(panel, 'HasBacklogWithoutCapacity', 'Average', EP.async);
    assert.ok(panel.lastData?.series.find((s) => s.id === backlog.id)?.values.includes(1), 'the scale-in to zero shows');
    await waitFor('the panel\'s alarms', () => (panel.alarms.some((a) => a.metricName === 'HasBacklogWithoutCapacity') ? true : undefined));

    // Create alarm… on HasBacklogWithoutCapacity ≥ 1 (Maximum) by EndpointName.
    const max = seriesOf(panel, 'HasBacklogWithoutCapacity', 'Maximum', EP.async);
    await panel.receive({ type: 'createAlarm', seriesId: max.id, alarmName: 'it-async-no-capacity', stat: 'Maximum', threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 1, periodSeconds: 60 });
    assert.deepStrictEqual(panel.lastAlarmResult, { type: 'alarmResult', ok: true, message: 'Alarm "it-async-no-capacity" created.' });
    const stored = sim.state.account('us-east-1').alarms.get('it-async-no-capacity');
    assert.deepStrictEqual([stored?.Namespace, stored?.MetricName, stored?.Dimensions, stored?.Statistic, stored?.Threshold], ['AWS/SageMaker', 'HasBacklogWithoutCapacity', [{ Name: 'EndpointName', Value: EP.async }], 'Maximum', 1]);
    await panel.receive({ type: 'createAlarm', seriesId: max.id, alarmName: 'it-async-bad', stat: 'Sum', threshold: 1, comparison: 'GreaterThanOrEqualToThreshold', evaluationPeriods: 1, periodSeconds: 60 });
    assert.strictEqual(panel.lastAlarmResult?.ok, false, 'Sum is not a statistic of HasBacklogWithoutCapacity');
    assert.strictEqual(sim.state.account('us-east-1').alarms.get('it-async-bad'), undefined);
    sim.state.account('us-east-1').alarms.delete('it-async-no-capacity');
  });

  it('serverless: cold starts, concurrency and provisioned concurrency; no per-instance series', async () => {
    const panel = await open({ endpointName: EP.serverless });
    const q = asked(panel);
    assert.ok(!q.some((x) => x.includes('InstanceId=') || x.includes('Host=') || x.includes('InvocationsPerInstance')), q.join('\n'));
    const v = `EndpointName=${EP.serverless},VariantName=AllTraffic`;
    for (const expected of [`AWS/SageMaker ModelSetupTime Average ${v}`, `AWS/SageMaker ServerlessConcurrentExecutionsUtilization Maximum ${v}`, `AWS/SageMaker ServerlessProvisionedConcurrencySpilloverInvocations Maximum ${v}`]) {
      assert.ok(q.includes(expected), expected);
    }
    assertSimulatorValues(panel, seriesOf(panel, 'OverheadLatency', 'Maximum', 'AllTraffic'));
    assertSimulatorValues(panel, seriesOf(panel, 'ServerlessProvisionedConcurrencyUtilization', 'Maximum', 'AllTraffic'));
  });

  it('multi-model: model loading, cache hit rate and loaded models', async () => {
    const panel = await open({ endpointName: EP.multiModel });
    const q = asked(panel);
    const v = `EndpointName=${EP.multiModel},VariantName=AllTraffic`;
    for (const expected of [`AWS/SageMaker ModelLoadingWaitTime Average ${v}`, `AWS/SageMaker ModelCacheHit Average ${v}`, `/aws/sagemaker/Endpoints LoadedModelCount Average ${v}`]) {
      assert.ok(q.includes(expected), expected);
    }
    assertSimulatorValues(panel, seriesOf(panel, 'ModelCacheHit', 'Average', 'AllTraffic'));
    assertSimulatorValues(panel, seriesOf(panel, 'LoadedModelCount', 'Average', 'AllTraffic'));
  });
});
