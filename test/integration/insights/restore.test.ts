// The Logs Insights results view after a window reload: VS Code hands the serializer what the page saved (the
// query and its id, no rows) and the view reads the results again with one GetQueryResults; results the
// service no longer has leave the query shown, ready to run again; a state that is not ours is refused.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { WebviewViewType } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { closeInsights, queryLogs } from './insightsHelpers';

const FAILED = DEMO.jobs.failed;
const KEY = `queryLogs:${FAILED}`;

describe('Insights: the results view restored after a reload', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo', insights: { scheduledMs: 50, runningMs: 200 } });
  });

  afterEach(async () => {
    await closeInsights(api);
  });

  after(async () => {
    await sim?.close();
  });

  const fresh = () => vscode.window.createWebviewPanel(WebviewViewType.Insights, 'restoring…', vscode.ViewColumn.Active, { enableScripts: true });
  const count = async (op: string) => (await sim.control.requestCounts())[`logs.${op}`] ?? 0;

  it('the serializer shows the last query again with its results, read again by query id (no new query)', async () => {
    const result = await queryLogs({ trainingJobName: FAILED, query: 'filter @message like /Traceback|Error/ | fields @timestamp, @logStream, @message | sort @timestamp asc' });
    assert.strictEqual(result.rows.length, 4);
    const panel = api.insights.panelFor(KEY);
    assert.ok(panel);
    const saved = JSON.parse(JSON.stringify(panel.persisted())) as Record<string, unknown>;
    const queryId = saved.queryId;
    assert.ok(typeof queryId === 'string' && sim.state.account('us-east-1').insights.queries.get(queryId)?.status === 'Complete', 'the id of the query that ran');
    assert.deepStrictEqual(Object.keys(saved).sort(), ['key', 'queryId', 'request', 'title', 'version'], 'no rows in the state');
    assert.strictEqual(saved.key, KEY);
    await closeInsights(api);

    const [starts, reads] = [await count('StartQuery'), await count('GetQueryResults')];
    const webviewPanel = fresh();
    await api.insights.deserializeWebviewPanel(webviewPanel, saved);
    const restored = api.insights.panelFor(KEY);
    assert.ok(restored, 'the view is back under its key (Query Logs on the same job finds it)');
    assert.strictEqual(restored.panel, webviewPanel);
    assert.strictEqual(webviewPanel.title, `Logs Insights: ${FAILED}`);
    const again = await restored.restored;
    assert.deepStrictEqual(again?.rows, result.rows, 'the same rows');
    assert.strictEqual(again?.status, 'Complete');
    assert.strictEqual(await count('StartQuery'), starts, 'no query run again');
    assert.strictEqual(await count('GetQueryResults'), reads + 1, 'one GetQueryResults');
    await waitFor('the restored grid', () => (restored.shown?.rows === 4 && /^Complete/.test(restored.shown.status) ? true : undefined), 60_000);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(restored.persisted())), saved, 'and it keeps the same state');
    // Run Again runs the restored query anew.
    await restored.receive({ type: 'rerun' });
    assert.strictEqual(await count('StartQuery'), starts + 1);
    assert.deepStrictEqual(restored.result?.rows.map((r) => r['@message']), result.rows.map((r) => r['@message']));
  });

  it('results the service no longer has: the query shown with a word to run it again, which works', async () => {
    const state = {
      version: 1,
      key: KEY,
      title: `Logs Insights: ${FAILED}`,
      request: { logGroupNames: ['/aws/sagemaker/TrainingJobs'], queryString: `filter @logStream like /^${FAILED}\\// | filter @message like /Traceback/ | fields @message`, startTime: 0, endTime: await sim.control.now() },
      queryId: '00000000-0000-4000-8000-000000000000',
    };
    await api.insights.deserializeWebviewPanel(fresh(), state);
    const restored = api.insights.panelFor(KEY);
    assert.ok(restored);
    assert.strictEqual(await restored.restored, undefined);
    assert.match(restored.lastError ?? '', /could not be read again .*Run Again/);
    await restored.receive({ type: 'rerun' });
    assert.deepStrictEqual(restored.result?.rows.map((r) => r['@message']), ['Traceback (most recent call last):']);
  });

  it('a state that is not a results view\'s closes the panel instead of restoring it', async () => {
    for (const state of [undefined, { version: 1, key: KEY, title: 't', request: { logGroupNames: [], queryString: 'fields @message', startTime: 0, endTime: 1 } }, { key: KEY, rows: [{ '@message': 'x' }] }]) {
      const webviewPanel = fresh();
      let disposed = false;
      webviewPanel.onDidDispose(() => (disposed = true));
      await api.insights.deserializeWebviewPanel(webviewPanel, state);
      assert.strictEqual(disposed, true, JSON.stringify(state));
      assert.strictEqual(api.insights.panels.length, 0);
    }
  });
});
