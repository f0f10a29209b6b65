// Metric panels against a service that misbehaves: a failed refresh says why with Retry, keeps the last good
// data (stale) and never stays on "Loading…"; one refused statistic does not blank the others.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { MetricsPanel } from '../../../src/metrics/metricsPanel';
import { CommandId } from '../../../src/shared/ids';
import { PERCENTILES } from '../../../src/shared/metrics/catalogue';
import { panelSeries } from '../../../src/shared/metrics/panels';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { closePanels, openPanel } from './panelHelpers';

const GMD = 'cloudwatch.GetMetricData';
/** The SDK's retries of a 5xx (6 attempts, ~1 s here) and the page's round trip, with room. */
const LEAVES_LOADING_MS = 15_000;

describe('Metrics: failures in the panel', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });
  afterEach(async () => {
    await sim.control.clearQuirks();
    await closePanels(api);
  });
  after(async () => {
    await sim?.close();
  });

  const gmdCalls = async () => (await sim.control.requestCounts())[GMD] ?? 0;
  const percentileIds = (panel: MetricsPanel) => panelSeries(panel.spec ?? { charts: [] } as never).filter((s) => (PERCENTILES as readonly string[]).includes(s.stat)).map((s) => s.id).sort();
  /** Waits until the page reports this state (what the user sees, not what the host sent). */
  const shown = (panel: MetricsPanel, state: 'data' | 'error', what: string, timeoutMs = LEAVES_LOADING_MS) =>
    waitFor(`the page to show ${what} (${JSON.stringify(panel.shown)})`, () => (panel.shown?.state === state ? panel.shown : undefined), timeoutMs);
  const retry = (panel: MetricsPanel) => panel.receive({ type: 'refresh' });

  it('a service that answers percentile queries with an HTML 500: every other series with its data, the percentiles named; Retry after it is fixed shows all', async () => {
    await sim.control.setQuirks({ metricsPercentile: 'html500' });
    await sim.control.resetRequestCounts();
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const page = await shown(panel, 'data', 'the data');
    const refused = percentileIds(panel);
    assert.ok(refused.length >= 6, 'p50, p90 and p99 of two variants');
    assert.deepEqual([...page.unavailable].sort(), refused);
    for (const s of panel.lastData?.series ?? []) {
      if (!refused.includes(s.id)) {
        assert.ok(s.values.length > 100, `${s.id} has its 3 h of minutes`);
      }
    }
    // The batch, one query alone, the rest of the basic statistics, then each percentile: 6 calls, on failure
    // only. The batch is retried by the SDK (6 attempts); the isolating calls are not: 11 requests.
    assert.strictEqual(panel.lastData?.calls, 6);
    assert.strictEqual(await gmdCalls(), 6 + 5);
    assert.strictEqual(panel.lastError, undefined);

    await sim.control.clearQuirks();
    await sim.control.resetRequestCounts();
    await retry(panel);
    await waitFor('every series', () => (panel.shown?.state === 'data' && panel.shown.unavailable.length === 0 ? true : undefined), LEAVES_LOADING_MS);
    for (const id of refused) {
      assert.ok((panel.lastData?.series.find((s) => s.id === id)?.values.length ?? 0) > 100, `${id} now has data`);
    }
    assert.strictEqual(await gmdCalls(), 1, 'one call per refresh when nothing fails (P4)');
  });

  it('per-query InternalError in a successful answer: the same marks, in one call', async () => {
    await sim.control.setQuirks({ metricsPercentile: 'internalError' });
    await sim.control.resetRequestCounts();
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const page = await shown(panel, 'data', 'the data');
    assert.deepEqual([...page.unavailable].sort(), percentileIds(panel));
    assert.strictEqual(await gmdCalls(), 1);
  });

  it('a gateway answering HTML after a good refresh: the panel says so with Retry, keeps the data marked stale; Retry recovers', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const good = await shown(panel, 'data', 'the data');
    const before = panel.lastData;
    await sim.control.setQuirks({ gatewayHtml: true });
    const started = Date.now();
    void retry(panel);
    const failed = await shown(panel, 'error', 'the failure');
    assert.ok(Date.now() - started < LEAVES_LOADING_MS);
    assert.match(failed.text, /Could not refresh: The service answered something that is not AWS's format \(HTTP 502, an HTML page\)/);
    assert.match(failed.text, /Showing the data of /);
    assert.strictEqual(failed.stale, true);
    assert.strictEqual(panel.lastData, before, 'the last good data stay');
    assert.deepEqual(failed.axis, good.axis, 'the charts keep their window');

    await sim.control.clearQuirks();
    await retry(panel);
    const again = await shown(panel, 'data', 'fresh data');
    assert.strictEqual(again.stale, false);
    assert.ok(panel.lastData !== before);
  });

  it('a gateway answering HTML from the start: no endless "Loading…", the window\'s axes, Retry loads the panel', async () => {
    await sim.control.setQuirks({ gatewayHtml: true });
    const open = () => vscode.commands.executeCommand(CommandId.OpenMetrics, { trainingJobName: DEMO.jobs.inProgress }) as Thenable<MetricsPanel>;
    let panel = await open();
    const failed = await shown(panel, 'error', 'the failure', 10_000).catch(async () => {
      // The rig's workbench sometimes never loads a webview opened right after another closed (see panelHelpers).
      panel.dispose();
      panel = await open();
      return shown(panel, 'error', 'the failure', 30_000);
    });
    assert.match(failed.text, /not AWS's format/);
    assert.match(failed.text, /No data yet/);
    assert.strictEqual(failed.stale, false);
    await sim.control.clearQuirks();
    await retry(panel);
    const page = await shown(panel, 'data', 'the data');
    assert.ok(panel.spec, 'discovered once the service answers');
    const range = panel.lastData?.range;
    assert.ok(range && page.axis);
    assert.deepEqual(page.axis, range, 'the time axes span the window asked for');
  });

  it('time axes span the requested window even where a series has no data', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const page = await shown(panel, 'data', 'the data');
    assert.deepEqual(page.axis, panel.lastData?.range);
    const hours = ((page.axis?.end ?? 0) - (page.axis?.start ?? 0)) / 3600_000;
    assert.ok(Math.abs(hours - 3) < 0.1, `the default 3 h window (${hours} h)`);
  });
});
