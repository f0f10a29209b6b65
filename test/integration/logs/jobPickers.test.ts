// The command palette's pickers (a command run with no argument) offer processing and transform jobs and
// their hosts, and Show Failure's offers failed jobs only: in a real extension host, driving the quick picks
// as a user would, against an account that holds just the jobs each test needs.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { ShownFailure } from '../../../src/logs/triage';
import type { TailInfo } from '../../../src/logs/tailSession';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { addProcessingJob } from '../../../sim/scenarios/jobBuilders';
import type { Simulator } from '../../../sim/src/server';
import { FAILED_TRANSFORM_JOB, addFailedTransformJob } from '../../fixtures/failedTransform';
import { extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';

const HOUR = 3600_000;

describe('Logs: the command palette offers processing and transform jobs and their hosts', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  const tailOf = (name: string) => api.logTails().find((t) => t.channelName === logChannelName(name));
  const linesOf = (name: string) => (tailOf(name)?.text ?? '').split('\n').filter((l) => l !== '' && !l.includes('=== ['));

  /**
   * Runs a command that shows quick picks and answers each: `next` moves to the second item before accepting
   * (a pick with one item keeps it), otherwise the first item is accepted.
   */
  async function answer<T>(command: string, next: boolean): Promise<T | undefined> {
    let done = false;
    let result: T | undefined;
    const run = Promise.resolve(vscode.commands.executeCommand<T>(command)).then((r) => {
      result = r;
      done = true;
    });
    await waitFor(`the quick picks of ${command} to be answered`, async () => {
      if (next) {
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      }
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done || undefined;
    });
    await run;
    return result;
  }

  /** A Completed processing job with two hosts that ran an hour, ending an hour ago. */
  async function addProcessing(name: string, status: 'Completed' | 'InProgress'): Promise<void> {
    const now = await sim.control.now();
    addProcessingJob(sim.state.account('us-east-1'), {
      name,
      instanceType: 'ml.m5.xlarge',
      hosts: 2,
      cores: 4,
      gpus: 0,
      script: 'features.py',
      lineIntervalMs: 60_000,
      steps: [
        { status: 'InProgress', at: now - 2 * HOUR },
        { status, at: status === 'Completed' ? now - HOUR : now + HOUR },
      ],
    });
    await sim.control.advanceClock(1);
  }

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'empty' });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.liveTail', 'never');
    await setSetting('logs.timestamps', 'utc');
  });

  afterEach(async () => {
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    api?.triage.clear();
    for (const key of ['logs.pollIntervalSeconds', 'logs.liveTail', 'logs.timestamps']) {
      await setSetting(key, undefined);
    }
    await sim?.close();
  });

  it('Tail Logs offers a processing job, then its hosts: the second item is algo-1 alone', async () => {
    const job = 'palette-features';
    await addProcessing(job, 'Completed');
    const tail = await answer<TailInfo>(CommandId.TailLogs, true);
    assert.strictEqual(tail?.resourceName, job);
    await waitFor('the tail to end', () => (tailOf(job)?.state === 'ended' ? true : undefined), 30_000);
    const lines = linesOf(job);
    assert.ok(lines.length > 3, lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('--host algo-1')) && !lines.some((l) => l.includes('--host algo-2')), lines.slice(0, 4).join('\n'));
    assert.ok(lines.every((l) => !/\[algo-\d\]/.test(l)), 'one host: untagged lines');
    sim.state.account('us-east-1').processingJobs.delete(job);
  });

  it('Open Metrics offers a transform job, then its instances: the first item is the whole job', async () => {
    await addFailedTransformJob(sim);
    const panel = await answer<{ target: { transformJobName?: string; host?: string } }>(CommandId.OpenMetrics, false);
    assert.deepStrictEqual(panel?.target, { kind: 'transformJob', transformJobName: FAILED_TRANSFORM_JOB });
  });

  it('Show Failure offers failed jobs only: the failed transform job, not the processing job listed before it', async () => {
    await addProcessing('palette-live', 'InProgress');
    const shown = await answer<ShownFailure>(CommandId.ShowFailure, false);
    assert.deepStrictEqual(shown?.job, { kind: 'transform', name: FAILED_TRANSFORM_JOB });
    // Tail Logs, by contrast, lists the processing job first.
    const tail = await answer<TailInfo>(CommandId.TailLogs, false);
    assert.strictEqual(tail?.resourceName, 'palette-live');
  });
});
