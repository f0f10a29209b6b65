// Tailing logs into output channels, in a real extension host against the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';

const TRAINING_GROUP = '/aws/sagemaker/TrainingJobs';

describe('Logs: tailing', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let n = 0;

  /** A log group of its own for each test, so counts are exact. */
  const freshGroup = () => `/test/tail-${Date.now()}-${++n}`;
  const tailOf = (resourceName: string) => api.logTails().find((t) => t.channelName === logChannelName(resourceName));
  const linesOf = (resourceName: string) => (tailOf(resourceName)?.text ?? '').split('\n').filter((l) => l !== '' && !l.includes('=== ['));
  const events = (count: number, label: string) => Array.from({ length: count }, (_, i) => ({ message: `${label} ${i}` }));

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.timestamps', 'utc');
    await setSetting('logs.liveTail', 'never');
  });

  afterEach(async () => {
    await sim.control.clearFaults();
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
  });

  after(async () => {
    await setSetting('logs.pollIntervalSeconds', undefined);
    await setSetting('logs.timestamps', undefined);
    await setSetting('logs.liveTail', undefined);
    await setSetting('logs.backfillLines', undefined);
    await sim?.close();
  });

  it('backfills exactly the last N lines of a stream and stops when asked not to follow', async () => {
    const group = freshGroup();
    await sim.control.appendLogEvents(group, 'only', events(37, 'backfill'));
    await setSetting('logs.backfillLines', 25);
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'only', follow: false });
    await waitFor('the tail to end', () => (tailOf('only')?.state === 'ended' ? true : undefined));
    const lines = linesOf('only');
    assert.strictEqual(lines.length, 25, lines.join('\n'));
    assert.match(lines[0], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z backfill 12$/);
    assert.match(lines[24], / backfill 36$/);
    assert.strictEqual(tailOf('only')?.eventCount, 25);
  });

  it('reads a fixed window from–to with no follow', async () => {
    const group = freshGroup();
    const base = await sim.control.now();
    await sim.control.appendLogEvents(group, 'window', Array.from({ length: 30 }, (_, i) => ({ timestamp: base - 60_000 + i * 1000, message: `w ${i}` })));
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'window', startTime: base - 50_000, endTime: base - 40_000 });
    await waitFor('the window to be read', () => (tailOf('window')?.state === 'ended' ? true : undefined));
    assert.deepStrictEqual(linesOf('window').map((l) => l.split(' ').slice(-2).join(' ')), Array.from({ length: 10 }, (_, i) => `w ${i + 10}`));
  });

  it('shows events appended while following', async () => {
    const group = freshGroup();
    await sim.control.appendLogEvents(group, 'follow', events(3, 'before'));
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'follow' });
    await waitFor('the backfill', () => (linesOf('follow').length === 3 ? true : undefined));
    await sim.control.appendLogEvents(group, 'follow', events(5, 'after'));
    await waitFor('the appended events', () => (linesOf('follow').length === 8 ? true : undefined));
    assert.match(linesOf('follow')[7], / after 4$/);
    assert.strictEqual(tailOf('follow')?.state, 'running');
  });

  it('tags the hosts of a training job and lets a restarted host join by itself', async () => {
    await setSetting('logs.backfillLines', 20);
    const job = DEMO.jobs.inProgress;
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job });
    await waitFor('lines of two hosts', () => (['[algo-1]', '[algo-2]'].every((h) => linesOf(job).some((l) => l.includes(h))) ? true : undefined));
    const restarted = `${job}/algo-3-${Math.floor((await sim.control.now()) / 1000) + 7}`;
    await sim.control.appendLogEvents(TRAINING_GROUP, restarted, [{ message: 'restarted host says hello' }]);
    const line = await waitFor('the restarted host', () => linesOf(job).find((l) => l.includes('restarted host says hello')), 45_000);
    assert.match(line, /\[algo-3\] restarted host says hello$/);
    assert.ok(tailOf(job)?.text.includes('=== [status]'), 'the current status is shown');
  });

  it('loses and repeats nothing under throttling and connection resets', async () => {
    const group = freshGroup();
    await sim.control.appendLogEvents(group, 'faulty', events(50, 'seed'));
    await setSetting('logs.backfillLines', 50);
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'faulty' });
    await waitFor('the backfill', () => (linesOf('faulty').length === 50 ? true : undefined));
    await sim.control.injectFault({ operation: 'logs.GetLogEvents', type: 'throttle', rate: 0.3 });
    await sim.control.injectFault({ operation: 'logs.GetLogEvents', type: 'reset', rate: 0.2 });
    for (let batch = 0; batch < 10; batch++) {
      await sim.control.appendLogEvents(group, 'faulty', events(20, `b${batch}`));
    }
    await waitFor('every appended event', () => (linesOf('faulty').length >= 250 ? true : undefined), 45_000);
    const messages = linesOf('faulty').map((l) => l.replace(/^\S+ \S+ /, ''));
    assert.strictEqual(messages.length, 250);
    assert.strictEqual(new Set(messages).size, 250, 'no duplicates');
    const counts = await sim.control.requestCounts();
    assert.ok((counts['logs.GetLogEvents'] ?? 0) > 0);
  });

  it('follows with Live Tail when allowed', async () => {
    await setSetting('logs.liveTail', 'auto');
    try {
      const group = freshGroup();
      await sim.control.appendLogEvents(group, 'live', events(2, 'before'));
      await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'live' });
      await waitFor('a Live Tail session', () => (tailOf('live')?.mode === 'liveTail' ? true : undefined));
      assert.strictEqual((await sim.control.health()).liveTailSessions, 1);
      await sim.control.appendLogEvents(group, 'live', events(4, 'live'));
      await waitFor('the live events', () => (linesOf('live').length === 6 ? true : undefined));
      await vscode.commands.executeCommand(CommandId.StopTail, { name: 'live' });
      await waitFor('the session to be closed', async () => ((await sim.control.health()).liveTailSessions === 0 ? true : undefined));
    } finally {
      await setSetting('logs.liveTail', 'never');
    }
  });

  it('falls back to polling with a one-line notice when Live Tail is over its limit', async () => {
    await setSetting('logs.liveTail', 'auto');
    try {
      await sim.control.injectFault({ operation: 'logs.StartLiveTail', type: 'liveTailLimit' });
      const group = freshGroup();
      await sim.control.appendLogEvents(group, 'limited', events(2, 'before'));
      await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'limited' });
      await waitFor('the backfill', () => (linesOf('limited').length === 2 ? true : undefined));
      await sim.control.appendLogEvents(group, 'limited', events(3, 'polled'));
      await waitFor('the polled events', () => (linesOf('limited').length === 5 ? true : undefined));
      const notices = (tailOf('limited')?.text ?? '').split('\n').filter((l) => l.includes('Live Tail is not available'));
      assert.strictEqual(notices.length, 1, tailOf('limited')?.text);
      assert.match(notices[0], /LimitExceededException/);
      assert.strictEqual(tailOf('limited')?.mode, 'polling');
    } finally {
      await setSetting('logs.liveTail', 'never');
    }
  });

  for (const mode of ['never', 'auto'] as const) {
    it(`applies a filter pattern in the service (${mode === 'auto' ? 'Live Tail' : 'polling'})`, async () => {
      await setSetting('logs.liveTail', mode);
      try {
        const group = freshGroup();
        const stream = `filtered-${mode}`;
        const mixed = (label: string) => Array.from({ length: 6 }, (_, i) => ({ message: i % 2 ? `ERROR ${label} ${i}` : `INFO ${label} ${i}` }));
        await sim.control.appendLogEvents(group, stream, mixed('before'));
        await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: stream, filterPattern: 'ERROR' });
        await waitFor('the filtered backfill', () => (linesOf(stream).length === 3 ? true : undefined));
        if (mode === 'auto') {
          await waitFor('a Live Tail session', () => (tailOf(stream)?.mode === 'liveTail' ? true : undefined));
        }
        await sim.control.appendLogEvents(group, stream, mixed('after'));
        await waitFor('the filtered new events', () => (linesOf(stream).length === 6 ? true : undefined));
        assert.ok(linesOf(stream).every((l) => / ERROR (before|after) \d$/.test(l)), linesOf(stream).join('\n'));
        assert.strictEqual(tailOf(stream)?.mode, mode === 'auto' ? 'liveTail' : 'polling');
      } finally {
        await setSetting('logs.liveTail', 'never');
      }
    });
  }

  it('shows the status change inline and ends by itself when the training job ends', async () => {
    await setSetting('logs.backfillLines', 5);
    const job = DEMO.jobs.inProgress;
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job, host: 'algo-1' });
    await waitFor('the backfill', () => (linesOf(job).length >= 5 ? true : undefined));
    assert.ok(linesOf(job).every((l) => !l.includes('[algo-')), 'one host: no tags');
    await sim.control.setTrainingJobStatus(job, 'Failed', { failureReason: 'AlgorithmError: injected by the test' });
    await waitFor('the tail to end', () => (tailOf(job)?.state === 'ended' ? true : undefined), 30_000);
    const text = tailOf(job)?.text ?? '';
    assert.match(text, /=== \[status\] Training job Failed: AlgorithmError: injected by the test/);
    assert.match(text, /=== \[notice\] Tail ended: the training job has ended\./);
  });
});
