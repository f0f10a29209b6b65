// Tailing processing and transform jobs (DESIGN §2 targets) into their channels, against the demo scenario.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import { PROCESSING_JOB_ERROR } from '../../../sim/scenarios/demoJobs';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';

describe('Logs: processing and transform jobs', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  const tailOf = (resourceName: string) => api.logTails().find((t) => t.channelName === logChannelName(resourceName));
  const linesOf = (resourceName: string) => (tailOf(resourceName)?.text ?? '').split('\n').filter((l) => l !== '' && !l.includes('=== ['));
  const ended = (name: string) => waitFor(`the tail of ${name} to end`, () => (tailOf(name)?.state === 'ended' ? true : undefined));

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.timestamps', 'utc');
    await setSetting('logs.liveTail', 'never');
    await setSetting('logs.backfillLines', 5000);
  });

  afterEach(async () => {
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
  });

  after(async () => {
    for (const key of ['logs.pollIntervalSeconds', 'logs.timestamps', 'logs.liveTail', 'logs.backfillLines']) {
      await setSetting(key, undefined);
    }
    await sim?.close();
  });

  it('tails a failed processing job into "SageMaker Logs: <job>", its host tagged, the traceback included', async () => {
    const job = DEMO.processingJobs.failed;
    await vscode.commands.executeCommand(CommandId.TailLogs, { processingJobName: job, follow: false });
    await ended(job);
    const lines = linesOf(job);
    assert.ok(lines.length > 5, lines.join('\n'));
    assert.ok(lines.every((l) => l.includes('[algo-1]')), lines.join('\n'));
    assert.ok(lines.at(-1)?.endsWith(PROCESSING_JOB_ERROR), lines.at(-1));
  });

  it('tails every host of a running processing job, or one host from the tree', async () => {
    const job = DEMO.processingJobs.inProgress;
    await vscode.commands.executeCommand(CommandId.TailLogs, { processingJobName: job, follow: false });
    await ended(job);
    const tags = new Set(linesOf(job).map((l) => /\[(algo-\d+)\]/.exec(l)?.[1]));
    assert.deepStrictEqual([...tags].sort(), ['algo-1', 'algo-2']);
    const all = linesOf(job).length;
    await vscode.commands.executeCommand(CommandId.StopTail, { name: job });

    api.explorer.refresh();
    const jobNode = await child(api, (await child(api, undefined, 'Processing Jobs')).node, job);
    const host = (await children(api, jobNode.node)).find((h) => h.label === 'algo-2')!;
    assert.deepStrictEqual(host.node.tailTarget(), { kind: 'processingJob', processingJobName: job, host: 'algo-2' });
    await vscode.commands.executeCommand(CommandId.TailLogs, { ...host.node.tailTarget(), follow: false });
    await ended(job);
    const one = linesOf(job);
    assert.ok(one.length > 0 && one.length < all && one.every((l) => !/\[algo-\d\]/.test(l)), `${one.length} of ${all}`);
  });

  it('tails a transform job\'s data log or its model server alone, or both tagged by stream', async () => {
    const job = DEMO.transformJobs.completed;
    await vscode.commands.executeCommand(CommandId.TailLogs, { transformJobName: job, dataLog: true, follow: false });
    await ended(job);
    const dataLog = linesOf(job);
    assert.ok(dataLog.every((l) => l.includes(':[sagemaker logs]: ')), dataLog.join('\n'));
    // 12 input objects, each named once across the two instances, after each instance's batch settings line.
    assert.strictEqual(dataLog.filter((l) => /part-\d{5}\.csv: Completed$/.test(l)).length, 12, dataLog.join('\n'));
    assert.strictEqual(dataLog.filter((l) => l.includes('MaxConcurrentTransforms=')).length, 2);
    assert.ok(dataLog.every((l) => /\[i-[0-9a-f]+\/data-log\]/.test(l)), dataLog[0]);

    await vscode.commands.executeCommand(CommandId.TailLogs, { transformJobName: job, dataLog: false, follow: false });
    await ended(job);
    const server = linesOf(job);
    assert.ok(server.some((l) => l.includes('POST /invocations')) && server.every((l) => !l.includes('[sagemaker logs]')), server.slice(0, 5).join('\n'));

    const instance = sim.state.account('us-east-1').transformJobs.get(job)!.instanceIds[0];
    await vscode.commands.executeCommand(CommandId.TailLogs, { transformJobName: job, host: instance, follow: false });
    await ended(job);
    const both = linesOf(job);
    assert.ok(both.some((l) => l.includes(`[${instance}/data-log]`)) && both.some((l) => l.includes(`[${instance}]`)), both.slice(0, 5).join('\n'));
    assert.ok(both.every((l) => l.includes(`[${instance}`)), 'only that instance');
  });

  it('a followed tail of a finished job ends by itself after its lines, saying how the job ended', async () => {
    const job = DEMO.transformJobs.completed;
    await vscode.commands.executeCommand(CommandId.TailLogs, { transformJobName: job, dataLog: true });
    await ended(job);
    assert.ok(tailOf(job)?.text.includes('Transform job Completed'), tailOf(job)?.text.slice(-500));
    assert.strictEqual(linesOf(job).filter((l) => /part-\d{5}\.csv: Completed$/.test(l)).length, 12);
  });
});
