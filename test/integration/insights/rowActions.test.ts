// What a Logs Insights result row leads to, in a real extension host against the simulator: a row with @ptr
// opens its event (GetLogRecord), whose Tail from Here follows that stream from the event's time and whose
// Show Logs Around This Time reads that stream's five minutes either side; a traceback frame in a result is
// a jump-to-source link that opens the workspace file at the line. The page builds its messages with the
// shared functions used here (webview/insights/main.ts and grid.ts), so these are the messages it posts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { InsightsPanel } from '../../../src/insights/resultsPanel';
import { eventPlaceOf, sourceFrameOf } from '../../../src/shared/insights/rowActions';
import { CommandId } from '../../../src/shared/ids';
import { DEMO, FAILED_JOB_TRACEBACK } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';
import { closeInsights, queryLogs } from './insightsHelpers';

const ENDPOINT = DEMO.endpoints.bursty;
const GROUP = `/aws/sagemaker/Endpoints/${ENDPOINT}`;

describe('Insights: a result row\'s event, its tail and the logs around it; jump to source', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let n = 0;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo', insights: { scheduledMs: 50, runningMs: 200 } });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.liveTail', 'never');
  });

  afterEach(async () => {
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await closeInsights(api);
  });

  after(async () => {
    await setSetting('logs.pollIntervalSeconds', undefined);
    await setSetting('logs.liveTail', undefined);
    await sim?.close();
  });

  /**
   * A stream with a marked event at T and events 8 and 3 minutes before it and 2 and 7 minutes after it,
   * and another stream with an event at T; the marked row queried, its event opened from the view.
   */
  async function openedMarker(): Promise<{ panel: InsightsPanel; stream: string; time: number; tag: string }> {
    const tag = `rowact${++n}x${Date.now() % 100_000}`;
    const instance = `i-0${tag}`;
    const stream = `AllTraffic/${instance}`;
    const time = (await sim.control.now()) - 20 * 60_000;
    const at = (minutes: number, what: string) => ({ timestamp: time + minutes * 60_000, message: `${tag} ${what}` });
    await sim.control.appendLogEvents(GROUP, stream, [at(-8, 'before-far'), at(-3, 'before-near'), at(0, 'marker'), at(2, 'after-near'), at(7, 'after-far')]);
    await sim.control.appendLogEvents(GROUP, `AllTraffic/i-0other${tag}`, [at(0, 'other-stream')]);
    const result = await queryLogs({ endpointName: ENDPOINT, variantName: 'AllTraffic', instanceId: instance, query: `filter @message like /${tag} marker/ | fields @timestamp, @message` });
    assert.strictEqual(result.status, 'Complete');
    assert.strictEqual(result.rows.length, 1);
    const panel = api.insights.panelFor(`queryLogs:${ENDPOINT}/AllTraffic/${instance}`);
    assert.ok(panel, `the view; have ${api.insights.panels.map((p) => p.key).join()}`);
    const ptr = result.rows[0]['@ptr'];
    assert.ok(ptr, 'the row carries @ptr');
    const before = (await sim.control.requestCounts())['logs.GetLogRecord'] ?? 0;
    // Clicking the row posts this (webview/insights/main.ts openRecord).
    await panel.receive({ type: 'openRecord', ptr });
    assert.strictEqual((await sim.control.requestCounts())['logs.GetLogRecord'], before + 1, 'one GetLogRecord');
    assert.strictEqual(panel.lastRecord?.['@message'], `${tag} marker`);
    return { panel, stream, time, tag };
  }

  const tailText = (tag: string) => api.logTails().find((t) => t.text.includes(tag))?.text ?? '';
  const shownOf = (text: string, tag: string) => [...text.matchAll(new RegExp(`${tag} ([a-z-]+)`, 'g'))].map((m) => m[1]);

  it('the opened event offers its stream and time; Tail from Here follows that stream from the event on', async () => {
    const { panel, stream, time, tag } = await openedMarker();
    const record = panel.lastRecord;
    assert.ok(record);
    const place = eventPlaceOf(record);
    assert.deepStrictEqual(place, { logGroupName: GROUP, logStreamName: stream, time }, 'the buttons are offered for the event\'s group, stream and time');
    await panel.receive({ type: 'tailFrom', ...place });
    await waitFor('the tail from the event', () => (shownOf(tailText(tag), tag).length >= 3 ? true : undefined), 30_000);
    assert.deepStrictEqual(shownOf(tailText(tag), tag), ['marker', 'after-near', 'after-far'], 'from the event on, that stream only');
    const tail = api.logTails().find((t) => t.text.includes(tag));
    assert.strictEqual(tail?.state, 'running', 'and it follows');
    await sim.control.appendLogEvents(GROUP, stream, [{ message: `${tag} appended` }]);
    await waitFor('a line appended after', () => (shownOf(tailText(tag), tag).includes('appended') ? true : undefined), 30_000);
  });

  it('Show Logs Around This Time reads that stream from five minutes before the event to five after, and stops', async () => {
    const { panel, tag } = await openedMarker();
    const place = eventPlaceOf(panel.lastRecord ?? {});
    assert.ok(place);
    await panel.receive({ type: 'logsAround', ...place });
    await waitFor('the window to be read', () => (api.logTails().find((t) => t.text.includes(tag))?.state === 'ended' ? true : undefined), 30_000);
    assert.deepStrictEqual(shownOf(tailText(tag), tag), ['before-near', 'marker', 'after-near']);
  });

  it('a traceback frame in a result is a link that opens the workspace file at its line', async () => {
    const failed = DEMO.jobs.failed;
    const result = await queryLogs({ trainingJobName: failed, query: 'filter @message like /File "/ | fields @timestamp, @logStream, @message | sort @timestamp asc' });
    assert.strictEqual(result.status, 'Complete');
    const frames = result.rows.map((r) => ({ row: r, frame: sourceFrameOf(r['@message']) }));
    assert.deepStrictEqual(
      frames.map((f) => f.frame && [f.frame.path, f.frame.line]),
      FAILED_JOB_TRACEBACK.map((f) => [f.file, f.line]),
      'every frame of the traceback is a link',
    );
    const panel = api.insights.panelFor(`queryLogs:${failed}`);
    assert.ok(panel);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the rig opens a copy of sample-workspace');
    for (const wanted of FAILED_JOB_TRACEBACK.filter((f) => f.file === '/opt/ml/code/utils/training.py' || f.file === '/opt/ml/code/model/classifier.py')) {
      const { row, frame } = frames.find((f) => f.frame?.path === wanted.file && f.frame.line === wanted.line) ?? {};
      assert.ok(row && frame);
      // Clicking the link posts this (webview/insights/main.ts onSourceLink).
      await panel.receive({ type: 'openSource', path: frame.path, line: frame.line, logStreamName: row['@logStream'] });
      const editor = await waitFor(`${wanted.file} open`, (): vscode.TextEditor | undefined => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.path === vscode.Uri.joinPath(folder.uri, wanted.file.replace('/opt/ml/code/', '')).path ? e : undefined;
      });
      assert.strictEqual(editor.selection.active.line, wanted.line - 1, `${wanted.file} at line ${wanted.line}`);
    }
  });
});
