// Logs Insights from the extension host against the simulator's demo account: Query Logs on a job, its
// editor and Run Query, the results view (grid, chart, copy), a row's event, and stopping.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { QueryLogsResult } from '../../../src/insights/insightsCommands';
import type { InsightsPanel } from '../../../src/insights/resultsPanel';
import { CommandId } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import { ACCOUNT_ID } from '../../../sim/src/model/state';
import type { Simulator } from '../../../sim/src/server';
import { child, extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { closeInsights, queryLogs } from './insightsHelpers';

const FAILED = DEMO.jobs.failed;

describe('Insights: Query Logs and the results view', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo', insights: { scheduledMs: 50, runningMs: 200 } });
  });

  afterEach(async () => {
    await sim.control.setInsights({ scheduledMs: 50, runningMs: 200 });
    await closeInsights(api);
  });

  after(async () => {
    await sim?.close();
  });

  const panelOf = (label: string): InsightsPanel => {
    const panel = api.insights.panelFor(`queryLogs:${label}`);
    assert.ok(panel, `a results view for ${label}; have ${api.insights.panels.map((p) => p.key).join()}`);
    return panel;
  };

  it("queryLogs with a query on the demo's failed training job: its error lines over its run, from its streams only", async () => {
    const result = await queryLogs({ trainingJobName: FAILED, query: 'filter @message like /Traceback|Error/ | fields @timestamp, @logStream, @message | sort @timestamp asc' });
    assert.strictEqual(result.status, 'Complete');
    assert.strictEqual(result.rows.length, 4);
    assert.strictEqual(result.rows[0]['@message'], 'Traceback (most recent call last):');
    assert.strictEqual(result.rows[1]['@message'], 'RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x768 and 512x2)');
    assert.strictEqual(result.rows[3]['@message'], 'ErrorMessage "RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x768 and 512x2)"');
    assert.match(result.rows[2]['@message'], /ExecuteUserScriptError:$/);
    assert.ok(result.rows.every((r) => r['@logStream'].startsWith(`${FAILED}/algo-1-`)));
    assert.deepStrictEqual(result.fields, ['@timestamp', '@logStream', '@message', '@ptr']);
    assert.strictEqual(result.statistics.recordsMatched, 4);
    assert.ok(result.statistics.recordsScanned >= 4 && result.statistics.bytesScanned > 0);
    // The view shows them.
    const panel = panelOf(FAILED);
    // The first webview of a session can take a while to load on a busy machine.
    await waitFor('the grid to show the 4 rows', () => (panel.shown?.rows === 4 && /^Complete/.test(panel.shown.status) ? true : undefined), 60_000);
    assert.strictEqual(panel.shown?.chart, false);
  });

  it('a row opens its event (GetLogRecord), and copies as CSV, JSON and Markdown in the order shown', async () => {
    const result = await queryLogs({ trainingJobName: FAILED, query: 'filter @message like /Traceback/ | fields @timestamp, @message' });
    const panel = panelOf(FAILED);
    const row = result.rows[0];
    assert.ok(row['@ptr'], 'rows carry @ptr');
    const before = (await sim.control.requestCounts())['logs.GetLogRecord'] ?? 0;
    await panel.receive({ type: 'openRecord', ptr: row['@ptr'] });
    assert.strictEqual(panel.lastRecord?.['@message'], 'Traceback (most recent call last):');
    assert.match(panel.lastRecord?.['@logStream'] ?? '', new RegExp(`^${FAILED}/algo-1-`));
    assert.strictEqual(panel.lastRecord?.['@log'], `${ACCOUNT_ID}:/aws/sagemaker/TrainingJobs`);
    assert.strictEqual((await sim.control.requestCounts())['logs.GetLogRecord'], before + 1);
    await panel.receive({ type: 'copy', format: 'csv' });
    assert.strictEqual(panel.lastCopied, `@timestamp,@message\r\n${row['@timestamp']},Traceback (most recent call last):\r\n`);
    assert.strictEqual(await vscode.env.clipboard.readText(), panel.lastCopied);
    await panel.receive({ type: 'copy', format: 'json' });
    assert.deepStrictEqual(JSON.parse(panel.lastCopied ?? ''), [{ '@timestamp': row['@timestamp'], '@message': 'Traceback (most recent call last):' }]);
    await panel.receive({ type: 'copy', format: 'markdown' });
    assert.strictEqual(panel.lastCopied, `| @timestamp | @message |\n| --- | --- |\n| ${row['@timestamp']} | Traceback (most recent call last): |\n`);
  });

  it('without a query: an untitled cwlq editor with the header and the job\'s stream filter; Run Query runs it', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(CommandId.QueryLogs, { trainingJobName: FAILED });
    assert.ok(editor);
    const text = editor.document.getText();
    assert.strictEqual(editor.document.languageId, 'cwlq');
    assert.match(text, /^# logGroups: \/aws\/sagemaker\/TrainingJobs$/m);
    assert.match(text, /^# range: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z \.\. \d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/m);
    assert.ok(text.includes(`filter @logStream like /^${FAILED}\\//`), text);
    const result = await vscode.commands.executeCommand<QueryLogsResult>(CommandId.RunQuery);
    assert.strictEqual(result.status, 'Complete');
    assert.strictEqual(result.rows.length, 46, 'every line of the failed job');
    const panel = api.insights.panelFor(`editor:${editor.document.uri.toString()}`);
    assert.ok(panel);
    // The fields of the results are offered by completions.
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(editor.document.lineCount - 1, 0));
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const expected of ['stats', 'filter', 'count_distinct', 'bin', '@logStream', '@message']) {
      assert.ok(labels.includes(expected), `${expected} among the completions`);
    }
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    assert.ok(lenses.some((l) => l.command?.command === CommandId.RunQuery));
  });

  it('10,000 rows: all of them in the grid, only the rows in view in the DOM', async () => {
    const now = await sim.control.now();
    const events = Array.from({ length: 10_500 }, (_, i) => ({ timestamp: now - 30 * 60_000 + i * 100, message: `bulk line ${i}` }));
    await sim.control.appendLogEvents(`/aws/sagemaker/Endpoints/${DEMO.endpoints.bursty}`, 'AllTraffic/i-0bulk', events);
    const result = await queryLogs({ endpointName: DEMO.endpoints.bursty, variantName: 'AllTraffic', instanceId: 'i-0bulk', query: 'fields @timestamp, @message' });
    assert.strictEqual(result.status, 'Complete');
    assert.strictEqual(result.rows.length, 10_000);
    const panel = panelOf(`${DEMO.endpoints.bursty}/AllTraffic/i-0bulk`);
    await waitFor('the grid to hold every row', () => (panel.shown?.rows === 10_000 ? true : undefined));
    assert.ok((panel.shown?.renderedRows ?? 0) > 0 && (panel.shown?.renderedRows ?? Infinity) < 120, `${panel.shown?.renderedRows} rows in the DOM`);
  });

  it('a stats … by bin() result is also drawn as a chart', async () => {
    const result = await queryLogs({ endpointName: DEMO.endpoints.bursty, query: 'stats count(*) as lines by bin(10m)' });
    assert.strictEqual(result.status, 'Complete');
    assert.deepStrictEqual(result.fields, ['bin(10m)', 'lines']);
    const panel = panelOf(DEMO.endpoints.bursty);
    await waitFor('the chart', () => (panel.shown?.chart ? true : undefined));
  });

  it('closing the results view stops the running query (StopQuery; the query ends Cancelled)', async () => {
    await sim.control.setInsights({ scheduledMs: 50, runningMs: 60_000 });
    const before = (await sim.control.requestCounts())['logs.StopQuery'] ?? 0;
    const running = queryLogs({ endpointName: DEMO.endpoints.twoVariants, query: 'fields @message | limit 5' });
    const panel = await waitFor('the query to run', () => api.insights.panelFor(`queryLogs:${DEMO.endpoints.twoVariants}`));
    const queryId = await waitFor('the query id', () => panel.queryId);
    panel.panel.dispose();
    const result = await running;
    assert.strictEqual(result.status, 'Cancelled');
    await waitFor('StopQuery', async () => (((await sim.control.requestCounts())['logs.StopQuery'] ?? 0) === before + 1 ? true : undefined));
    assert.strictEqual(sim.state.account('us-east-1').insights.queries.get(queryId)?.status, 'Cancelled');
  });

  it('a new run of the same editor stops the one before it', async () => {
    await sim.control.setInsights({ scheduledMs: 50, runningMs: 60_000 });
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(CommandId.QueryLogs, { endpointName: DEMO.endpoints.twoVariants, variantName: 'Canary' });
    assert.match(editor.document.getText(), /^# range: last 1h$/m);
    assert.match(editor.document.getText(), /filter @logStream like \/\^Canary\\\/\//);
    const first = vscode.commands.executeCommand<QueryLogsResult>(CommandId.RunQuery, editor.document.uri);
    const panel = await waitFor('the view', () => api.insights.panelFor(`editor:${editor.document.uri.toString()}`));
    const firstId = await waitFor('the first query id', () => panel.queryId);
    await sim.control.setInsights({ runningMs: 200 });
    const second = await vscode.commands.executeCommand<QueryLogsResult>(CommandId.RunQuery, editor.document.uri);
    assert.strictEqual((await first).status, 'Cancelled');
    assert.strictEqual(second.status, 'Complete');
    assert.ok(second.rows.length > 0 && second.rows.every((r) => r['@logStream'].startsWith('Canary/')));
    assert.strictEqual(sim.state.account('us-east-1').insights.queries.get(firstId)?.status, 'Cancelled');
  });

  it('a tuning job means all its children; a pipeline execution its steps\' jobs', async () => {
    const tuning = await queryLogs({ tuningJobName: DEMO.tuning.name, query: 'stats count(*) as lines by @logStream' });
    const tuningJobs = new Set(tuning.rows.map((r) => r['@logStream'].split('/')[0]));
    const children = [...DEMO.tuning.children.completed, DEMO.tuning.children.failed, DEMO.tuning.children.stopped];
    assert.ok(children.every((c) => tuningJobs.has(c)), `${[...tuningJobs].join()} has ${children.join()}`);
    assert.ok([...tuningJobs].every((j) => j.startsWith(`${DEMO.tuning.name}-`)), [...tuningJobs].join());
    const arn = `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:pipeline/${DEMO.pipeline.name}/execution/${DEMO.pipeline.succeeded.id}`;
    const pipeline = await queryLogs({ pipelineExecutionArn: arn, query: 'stats count(*) as lines by @logStream' });
    const jobs = new Set(pipeline.rows.map((r) => r['@logStream'].split('/')[0]));
    assert.deepStrictEqual([...jobs].sort(), [DEMO.processingJobs.completed, DEMO.pipeline.jobs.evaluate, DEMO.pipeline.jobs.train].sort());
  });

  it('Query Logs… from the tree: a tuning job node means its children\'s streams', async () => {
    const root = await child(api, undefined, 'Tuning Jobs');
    const tuning = await child(api, root.node, DEMO.tuning.name);
    assert.strictEqual(tuning.item.contextValue, 'tuningJob');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(CommandId.QueryLogs, tuning.node);
    const text = editor.document.getText();
    assert.match(text, /^# logGroups: \/aws\/sagemaker\/TrainingJobs$/m);
    for (const name of [...DEMO.tuning.children.completed, DEMO.tuning.children.failed]) {
      assert.ok(text.includes(`${name}\\/`), `${name} in ${text}`);
    }
  });

  it('refuses an argument that names no target, saying what it takes', async () => {
    const result = await vscode.commands.executeCommand(CommandId.QueryLogs, { query: 'fields @message' });
    assert.strictEqual(result, undefined);
    assert.strictEqual(api.insights.panels.length, 0);
  });
});
