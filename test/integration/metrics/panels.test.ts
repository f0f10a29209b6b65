// Metric panels against the simulator: one GetMetricData call per refresh, none after the panel closes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { MetricsPanel } from '../../../src/metrics/metricsPanel';
import { CommandId } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import { computeSeries } from '../../../sim/src/model/metrics';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { closePanels, openPanel } from './panelHelpers';

const GMD = 'cloudwatch.GetMetricData';

describe('Metrics: panels per target', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });

  // A webview created while another is still being torn down may never load in the test rig's workbench.
  afterEach(() => closePanels(api));

  after(async () => {
    await sim?.close();
  });

  async function gmdCalls(): Promise<number> {
    return (await sim.control.requestCounts())[GMD] ?? 0;
  }

  const series = (panel: MetricsPanel, id: string) => panel.lastData?.series.find((s) => s.id === id);

  it('endpoint: one GetMetricData call per refresh for every series', async () => {
    await sim.control.resetRequestCounts();
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    assert.strictEqual(await gmdCalls(), 1, 'the first refresh is one call');
    const data = panel.lastData;
    assert.ok(data);
    assert.strictEqual(data.calls, 1);
    // 2 variants × 11 invocation series + 3 instances × 3 instance metrics (Host dimension, CPU instances).
    assert.strictEqual(data.series.length, 2 * 11 + 3 * 3);
    assert.ok((series(panel, 'm0')?.values.length ?? 0) > 100, 'Invocations of Primary has 3 h of minutes');
    assert.strictEqual(data.periodSeconds, 60);

    // The values are the simulator's own for that window (all but the newest, still filling, minutes).
    const account = sim.state.accounts.get('us-east-1');
    const generated = account?.metrics.get('AWS/SageMaker', 'Invocations', [
      { Name: 'EndpointName', Value: DEMO.endpoints.twoVariants },
      { Name: 'VariantName', Value: 'Primary' },
    ]);
    assert.ok(generated, 'the simulator has the series');
    const shown = series(panel, 'm0');
    assert.ok(shown);
    const nowSec = sim.state.clock.now() / 1000;
    const expected = computeSeries(generated, Math.floor(data.range.start / 60_000) * 60, Math.ceil(data.range.end / 60_000) * 60, 60, 'Sum', nowSec);
    const byTime = new Map(expected.timestamps.map((t, i) => [t * 1000, expected.values[i]]));
    const settled = shown.timestamps.slice(0, -2);
    assert.ok(settled.length > 100);
    settled.forEach((t, i) => assert.strictEqual(shown.values[i], byTime.get(t), `Invocations at ${new Date(t).toISOString()}`));

    await panel.refresh();
    assert.strictEqual(panel.refreshCount, 2);
    assert.strictEqual(await gmdCalls(), 2, 'a refresh is one more call');
  });

  it('variant with enhanced metrics charts per instance (InstanceId); without them, per variant with the note', async () => {
    const bursty = await openPanel({ endpointName: DEMO.endpoints.bursty, variantName: 'AllTraffic' });
    const cpu = panelChart(bursty, 'CPUUtilization');
    assert.ok(cpu.series.length >= 1 && cpu.series.every((s) => s.dimensions.some((d) => d.Name === 'InstanceId')));
    const gpu = await openPanel({ endpointName: DEMO.endpoints.threeInstances });
    assert.ok(panelChart(gpu, 'GPUUtilization').series.length === 1, 'GPU instances have GPU charts');
    assert.ok(panelChart(gpu, 'CPUUtilization').series.every((s) => s.dimensions.length === 2));
    assert.match(gpu.spec?.notes.join(' ') ?? '', /Per-instance metrics need enhanced metrics on the endpoint/);
  });

  it('training job: host metrics per algo host and algorithm metrics over the job\'s run, in one call', async () => {
    await sim.control.resetRequestCounts();
    const panel = await openPanel({ trainingJobName: DEMO.jobs.inProgress });
    assert.strictEqual(await gmdCalls(), 1);
    const spec = panel.spec;
    assert.ok(spec);
    assert.deepStrictEqual(panelChart(panel, 'CPUUtilization').series.map((s) => s.dimensions[0].Value), [1, 2, 3, 4].map((n) => `${DEMO.jobs.inProgress}/algo-${n}`));
    assert.deepStrictEqual(panelChart(panel, 'algorithm').series.map((s) => s.metricName).sort(), ['train:accuracy', 'train:loss', 'validation:accuracy', 'validation:loss']);
    const loss = panelChart(panel, 'algorithm').series.find((s) => s.metricName === 'train:loss');
    assert.ok((series(panel, loss?.id ?? '')?.values.length ?? 0) > 0, 'the loss curve has points');
    panel.dispose();
    const before = await gmdCalls();
    await panel.refresh();
    assert.strictEqual(await gmdCalls(), before);
  });

  it('training host: only that host', async () => {
    const panel = await openPanel({ trainingJobName: DEMO.jobs.inProgress, host: 'algo-2' });
    assert.deepStrictEqual(panelChart(panel, 'CPUUtilization').series.map((s) => s.dimensions[0].Value), [`${DEMO.jobs.inProgress}/algo-2`]);
  });

  it('a refresh superseded by another is aborted: the data shown is the latest', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.bursty });
    await sim.control.injectFault({ operation: 'GetMetricData', type: 'latency', latencyMs: 1500, count: 1 });
    const first = panel.refresh();
    const second = panel.refresh();
    await Promise.all([first, second]);
    assert.strictEqual(panel.refreshCount, 2, 'the superseded refresh posted nothing');
    await sim.control.clearFaults();
  });

  // Last: in the test rig's workbench a webview created right after one was closed may not load.
  it('opening the same target reveals its panel; after closing, no refresh is scheduled and no call is made', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const again = (await vscode.commands.executeCommand(CommandId.OpenMetrics, { endpointName: DEMO.endpoints.twoVariants })) as MetricsPanel;
    assert.strictEqual(again, panel, 'opening the same target reveals its panel');
    assert.strictEqual(api.metrics.panels.length, 1);

    assert.strictEqual(panel.scheduled, true, 'the next auto-refresh is scheduled while the panel is visible');
    // Closed the way a user closes it: the editor tab.
    panel.reveal();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the panel to close', () => (api.metrics.panels.length === 0 ? true : undefined));
    assert.strictEqual(panel.scheduled, false, 'no refresh scheduled after closing');
    const before = await gmdCalls();
    await panel.refresh();
    assert.strictEqual(await gmdCalls(), before, 'no call after the panel closed');
  });
});

function panelChart(panel: MetricsPanel, id: string) {
  const chart = panel.spec?.charts.find((c) => c.id === id);
  assert.ok(chart, `chart ${id}`);
  return chart;
}
