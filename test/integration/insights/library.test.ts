// Each query of the built-in SageMaker library, run with Query Logs on the demo account's jobs and endpoints,
// returns the rows the demo's logs hold (plus an OOM and an NCCL line appended for the two the demo lacks).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { LIBRARY, libraryQuery } from '../../../src/insights/model/library';
import { parseResultTime } from '../../../src/shared/insights/results';
import { CommandId } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension } from '../helpers';
import { closeInsights, queryLogs } from './insightsHelpers';

const FAILED = DEMO.jobs.failed;

function query(id: string): string {
  const q = libraryQuery(id);
  assert.ok(q, id);
  return q.query;
}

describe('Insights: the SageMaker query library against the demo', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let dayAgo: number;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo', insights: { scheduledMs: 50, runningMs: 150 } });
    dayAgo = (await sim.control.now()) - 86_400_000;
  });

  after(async () => {
    await closeInsights(api);
    await sim?.close();
  });

  it('errors and tracebacks by host: the failed job\'s one host and its error lines', async () => {
    const r = await queryLogs({ trainingJobName: FAILED, query: query('errorsByHost') });
    assert.strictEqual(r.status, 'Complete');
    assert.deepStrictEqual(r.rows.map(({ job, host, errorLines }) => ({ job, host, errorLines })), [{ job: FAILED, host: 'algo-1', errorLines: '5' }]);
  });

  it('OOM / CUDA errors and NCCL / timeout lines: the lines appended to the failed job\'s stream', async () => {
    const last = await queryLogs({ trainingJobName: FAILED, query: 'fields @timestamp, @logStream | sort @timestamp desc | limit 1' });
    const stream = last.rows[0]['@logStream'];
    const at = (parseResultTime(last.rows[0]['@timestamp']) ?? 0) + 1;
    const oom = 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.77 GiB total capacity)';
    const nccl = '[rank1]:[E ProcessGroupNCCL.cpp:563] [Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=42, OpType=ALLREDUCE) ran for 1800000 milliseconds before timing out.';
    await sim.control.appendLogEvents('/aws/sagemaker/TrainingJobs', stream, [
      { timestamp: at, message: oom },
      { timestamp: at + 1, message: nccl },
    ]);
    const oomRows = await queryLogs({ trainingJobName: FAILED, query: query('oomCuda') });
    assert.deepStrictEqual(oomRows.rows.map((row) => row['@message']), [oom]);
    const ncclRows = await queryLogs({ trainingJobName: FAILED, query: query('ncclTimeouts') });
    assert.deepStrictEqual(ncclRows.rows.map((row) => row['@message']), [nccl]);
  });

  it('slowest hosts from loss lines: the live job\'s four hosts, furthest behind first', async () => {
    const r = await queryLogs({ trainingJobName: DEMO.jobs.inProgress, query: query('slowestHosts') });
    assert.deepStrictEqual(r.rows.map((row) => row.host).sort(), ['algo-1', 'algo-2', 'algo-3', 'algo-4']);
    const steps = r.rows.map((row) => Number(row.lastStep));
    assert.deepStrictEqual(steps, [...steps].sort((a, b) => a - b));
    assert.ok(r.rows.every((row) => Number(row.lossLines) > 10));
  });

  it('loss over time: the completed job\'s loss per 5 minutes, falling', async () => {
    const r = await queryLogs({ trainingJobName: DEMO.jobs.completed, query: query('lossOverTime') });
    assert.deepStrictEqual(r.fields, ['bin(5m)', 'avgLoss']);
    assert.ok(r.rows.length >= 3, `${r.rows.length} bins`);
    const byTime = [...r.rows].sort((a, b) => (a['bin(5m)'] < b['bin(5m)'] ? -1 : 1)).map((row) => Number(row.avgLoss));
    assert.ok(byTime[0] > byTime[byTime.length - 1], byTime.join());
  });

  it('restarts per host: the spot job\'s algo-1 has two streams', async () => {
    const r = await queryLogs({ trainingJobName: DEMO.jobs.restarted, query: query('restartsByHost') });
    assert.deepStrictEqual(r.rows.map(({ job, host, streams }) => ({ job, host, streams })), [
      { job: DEMO.jobs.restarted, host: 'algo-1', streams: '2' },
      { job: DEMO.jobs.restarted, host: 'algo-2', streams: '1' },
    ]);
  });

  it('endpoint 5xx from access logs: the bursty endpoint\'s 500s per minute and instance', async () => {
    const r = await queryLogs({ endpointName: DEMO.endpoints.bursty, query: query('endpoint5xx'), startTime: dayAgo });
    assert.ok(r.rows.length >= 1, 'some 5xx');
    assert.ok(r.rows.every((row) => /^i-/.test(row.host) && Number(row.errors5xx) >= 1 && parseResultTime(row['bin(1m)']) !== undefined), JSON.stringify(r.rows[0]));
  });

  it('endpoint latency from access logs: requests, average and p99 per 5 minutes (both access log formats)', async () => {
    for (const endpointName of [DEMO.endpoints.twoVariants, DEMO.endpoints.threeInstances]) {
      const r = await queryLogs({ endpointName, query: query('endpointLatency'), startTime: dayAgo });
      assert.deepStrictEqual(r.fields, ['bin(5m)', 'requests', 'avgMs', 'p99Ms'], endpointName);
      assert.ok(r.rows.length > 0, endpointName);
      assert.ok(r.rows.every((row) => Number(row.requests) > 0 && Number(row.p99Ms) >= Number(row.avgMs) && Number(row.avgMs) > 0), `${endpointName}: ${JSON.stringify(r.rows[0])}`);
    }
  });

  it('every library query was run above', () => {
    assert.deepStrictEqual(LIBRARY.map((q) => q.id), ['errorsByHost', 'oomCuda', 'ncclTimeouts', 'slowestHosts', 'lossOverTime', 'restartsByHost', 'endpoint5xx', 'endpointLatency']);
  });

  it('Open Saved Query opens a library query with the job groups; Save Query stores the editor\'s query (PutQueryDefinition) and lists it', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(CommandId.OpenSavedQuery, { id: 'restartsByHost' });
    assert.ok(editor);
    assert.match(editor.document.getText(), /^# logGroups: \/aws\/sagemaker\/TrainingJobs, \/aws\/sagemaker\/ProcessingJobs, \/aws\/sagemaker\/TransformJobs$/m);
    assert.ok(editor.document.getText().includes(query('restartsByHost')));
    const id = await vscode.commands.executeCommand<string>(CommandId.SaveQuery, { name: 'sagemaker/restarts' });
    assert.ok(id);
    assert.strictEqual((await sim.control.requestCounts())['logs.PutQueryDefinition'], 1);
    const reopened = await vscode.commands.executeCommand<vscode.TextEditor>(CommandId.OpenSavedQuery, { name: 'sagemaker/restarts' });
    assert.ok(reopened.document.getText().includes(query('restartsByHost')));
    const run = await vscode.commands.executeCommand<{ status: string; rows: Record<string, string>[] }>(CommandId.RunQuery);
    assert.strictEqual(run.status, 'Complete');
    assert.ok(run.rows.some((row) => row.job === DEMO.jobs.restarted && row.streams === '2'));
  });
});
