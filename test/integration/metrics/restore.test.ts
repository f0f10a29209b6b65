// Metric panels restored after a reload (the serializer) and their CSV export, against the simulator.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { WebviewViewType } from '../../../src/shared/ids';
import { CSV_HEADER, metricsCsv } from '../../../src/shared/metrics/csv';
import type { MetricsTarget } from '../../../src/shared/targets';
import { DEMO } from '../../../sim/scenarios/demo';
import { computeSeries } from '../../../sim/src/model/metrics';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { closePanels, openPanel, seriesOf } from './panelHelpers';

describe('Metrics: restore and export', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let dir: string;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smm-metrics-export-'));
  });

  afterEach(async () => {
    api.metrics.showSaveDialog = undefined;
    await closePanels(api);
  });

  after(async () => {
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the serializer restores a panel from the state its page saved: target, range, period, auto-refresh', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants, variantName: 'Canary' });
    const view = { range: { kind: 'preset', preset: '1h' }, autoRefresh: 'off', periodSeconds: 300 };
    // What the page sends when the user picks a range and period, and keeps with setState.
    await panel.receive({ type: 'setView', view });
    const saved = JSON.parse(JSON.stringify(panel.persisted())) as { target: MetricsTarget; view: unknown };
    assert.deepStrictEqual(saved, { target: { kind: 'endpoint', endpointName: DEMO.endpoints.twoVariants, variantName: 'Canary' }, view });
    await closePanels(api);

    // After a reload VS Code creates a fresh panel of the view type and hands the serializer the saved state.
    const fresh = vscode.window.createWebviewPanel(WebviewViewType.Metrics, 'restoring…', vscode.ViewColumn.Active, { enableScripts: true });
    await api.metrics.deserializeWebviewPanel(fresh, saved);
    const restored = api.metrics.panelFor(saved.target);
    assert.ok(restored, 'the panel is back');
    assert.strictEqual(restored.panel, fresh);
    assert.strictEqual(fresh.title, `Metrics: ${DEMO.endpoints.twoVariants}/Canary`);
    await waitFor(`the restored panel's first refresh (${restored.describeState()})`, () => (restored.refreshCount >= 1 ? true : undefined), 30_000);
    const data = restored.lastData;
    assert.ok(data);
    assert.strictEqual(data.periodSeconds, 300, 'the period the user picked');
    assert.strictEqual(data.range.end - data.range.start, 3_600_000, 'the range the user picked');
    assert.strictEqual(restored.scheduled, false, 'auto-refresh stays off');
    assert.ok(data.series.length > 0 && data.series.every((s) => s.timestamps.length <= 13));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(restored.persisted())), saved, 'and it saves the same state again');
  });

  it('a saved state that names no valid target closes the panel instead of restoring it', async () => {
    const fresh = vscode.window.createWebviewPanel(WebviewViewType.Metrics, 'restoring…', vscode.ViewColumn.Active, { enableScripts: true });
    let disposed = false;
    fresh.onDidDispose(() => (disposed = true));
    await api.metrics.deserializeWebviewPanel(fresh, { target: { endpointName: '../etc/passwd' }, view: { range: 'all' } });
    assert.strictEqual(disposed, true);
    assert.strictEqual(api.metrics.panels.length, 0);
  });

  it('Export CSV saves the shown data, which are the simulator\'s values for the window', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const file = vscode.Uri.file(path.join(dir, 'chosen.csv'));
    const asked: vscode.SaveDialogOptions[] = [];
    api.metrics.showSaveDialog = async (options) => {
      asked.push(options);
      return file;
    };
    const data = panel.lastData;
    const spec = panel.spec;
    assert.ok(data && spec);
    // The page's Export CSV posts this (webview/metrics/main.ts builds it with the same shared function).
    await panel.receive({ type: 'saveFile', kind: 'csv', fileName: `${DEMO.endpoints.twoVariants}-metrics.csv`, content: metricsCsv(spec, data.series) });
    assert.deepStrictEqual(asked[0]?.filters, { CSV: ['csv'] });
    assert.ok(asked[0]?.defaultUri?.path.endsWith(`/${DEMO.endpoints.twoVariants}-metrics.csv`));
    const lines = fs.readFileSync(file.fsPath, 'utf8').trimEnd().split('\n');
    assert.strictEqual(lines[0], CSV_HEADER);
    assert.strictEqual(lines.length - 1, data.series.reduce((n, s) => n + s.timestamps.length, 0), 'one row per datapoint');

    const invocations = seriesOf(panel, 'Invocations', 'Sum', 'Primary');
    const rows = lines.slice(1).map((l) => l.split(',')).filter((f) => f[1] === invocations.label);
    const generated = sim.state.account('us-east-1').metrics.get('AWS/SageMaker', 'Invocations', invocations.dimensions.map((d) => ({ ...d })));
    assert.ok(generated);
    const expected = computeSeries(generated, Math.floor(data.range.start / 60_000) * 60, Math.ceil(data.range.end / 60_000) * 60, 60, 'Sum', sim.state.clock.now() / 1000);
    const byTime = new Map(expected.timestamps.map((t, i) => [new Date(t * 1000).toISOString(), expected.values[i]]));
    const settled = rows.slice(0, -2); // the newest minutes are still filling
    assert.ok(settled.length > 100, `${settled.length} rows of Invocations`);
    for (const f of settled) {
      assert.strictEqual(Number(f[7]), byTime.get(f[6]), `Invocations at ${f[6]}`);
    }

    // A cancelled dialog writes nothing.
    fs.rmSync(file.fsPath);
    api.metrics.showSaveDialog = async () => undefined;
    await panel.receive({ type: 'saveFile', kind: 'csv', fileName: 'x.csv', content: 'a,b\n' });
    assert.strictEqual(fs.existsSync(file.fsPath), false);
  });
});
