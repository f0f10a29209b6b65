// Changing a running tail (filter pattern, exclude regex), JSON display, start time and target picks,
// in a real extension host against the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';

describe('Logs: tail options', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let n = 0;

  const freshGroup = () => `/test/options-${Date.now()}-${++n}`;
  const tailOf = (resourceName: string) => api.logTails().find((t) => t.channelName === logChannelName(resourceName));
  const textOf = (resourceName: string) => tailOf(resourceName)?.text ?? '';
  const linesOf = (resourceName: string) => textOf(resourceName).split('\n').filter((l) => l !== '' && !l.includes('=== ['));
  const messagesOf = (resourceName: string) => linesOf(resourceName).map((l) => l.replace(/^\S+ \S+ /, ''));
  const mixed = (label: string, base?: number) => Array.from({ length: 4 }, (_, i) => ({ ...(base !== undefined ? { timestamp: base + i * 10 } : {}), message: i % 2 ? `ERROR ${label} ${i}` : `INFO ${label} ${i}` }));
  /** Runs a command that shows a quick pick, accepting its first item once it has items. */
  const acceptFirst = async <T>(command: string): Promise<T | undefined> => {
    let done = false;
    let result: T | undefined;
    const run = Promise.resolve(vscode.commands.executeCommand<T>(command)).then((r) => {
      result = r;
      done = true;
    });
    await waitFor(`the quick pick of ${command} to be answered`, async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done || undefined;
    });
    await run;
    return result;
  };

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.timestamps', 'utc');
    await setSetting('logs.liveTail', 'never');
  });

  afterEach(async () => {
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await setSetting('logs.liveTail', 'never');
    await setSetting('logs.excludePattern', undefined);
    await setSetting('logs.prettyPrintJson', undefined);
    await setSetting('logs.backfillLines', undefined);
    await setSetting('logs.stopLiveTailWhenHiddenMinutes', undefined);
  });

  after(async () => {
    await setSetting('logs.pollIntervalSeconds', undefined);
    await setSetting('logs.timestamps', undefined);
    await setSetting('logs.liveTail', undefined);
    await sim?.close();
  });

  for (const mode of ['never', 'auto'] as const) {
    it(`changes the filter pattern of a running tail and clears it, losing and repeating nothing (${mode === 'auto' ? 'Live Tail' : 'polling'})`, async () => {
      await setSetting('logs.liveTail', mode);
      const group = freshGroup();
      const stream = `change-${mode}`;
      await sim.control.appendLogEvents(group, stream, mixed('before'));
      await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: stream });
      await waitFor('the backfill', () => (linesOf(stream).length === 4 ? true : undefined));
      if (mode === 'auto') {
        await waitFor('a Live Tail session', () => (tailOf(stream)?.mode === 'liveTail' ? true : undefined));
      }

      const changed = await vscode.commands.executeCommand<{ filterPattern?: string }>(CommandId.ChangeTailFilter, { channel: logChannelName(stream), filterPattern: 'ERROR' });
      assert.strictEqual(changed?.filterPattern, 'ERROR');
      await waitFor('the change to be noted', () => (textOf(stream).includes('=== [notice] Filter pattern is now "ERROR"') ? true : undefined));
      // Distinct times: a change resumes from the time of the newest line shown, so lines sharing it would be shown.
      await sim.control.appendLogEvents(group, stream, mixed('filtered', await sim.control.now()));
      await waitFor('the matching new lines', () => (messagesOf(stream).filter((m) => m.includes('filtered')).length === 2 ? true : undefined));

      await vscode.commands.executeCommand(CommandId.ChangeTailFilter, { name: stream, filterPattern: '' });
      await waitFor('the filter to be cleared', () => (textOf(stream).includes('=== [notice] Filter pattern cleared') ? true : undefined));
      await sim.control.appendLogEvents(group, stream, mixed('cleared', (await sim.control.now()) + 100));
      await waitFor('every new line again', () => (messagesOf(stream).filter((m) => m.includes('cleared')).length === 4 ? true : undefined));

      const messages = messagesOf(stream);
      assert.deepStrictEqual(messages, [
        ...mixed('before').map((e) => e.message),
        'ERROR filtered 1',
        'ERROR filtered 3',
        ...mixed('cleared').map((e) => e.message),
      ]);
      assert.strictEqual(tailOf(stream)?.filterPattern, undefined);
      assert.strictEqual(tailOf(stream)?.state, 'running');
      if (mode === 'auto') {
        assert.strictEqual(tailOf(stream)?.mode, 'liveTail');
        assert.strictEqual((await sim.control.health()).liveTailSessions, 1, 'the old session was closed');
      }
    });
  }

  it('stops Live Tail while nobody can see the channel and starts it again when shown, losing nothing', async () => {
    await setSetting('logs.liveTail', 'auto');
    await setSetting('logs.stopLiveTailWhenHiddenMinutes', 0.02);
    const group = freshGroup();
    const stream = 'Primary/i-watched';
    await sim.control.appendLogEvents(group, stream, [{ message: 'before' }]);
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: stream });
    await waitFor('a Live Tail session', () => (tailOf(stream)?.mode === 'liveTail' ? true : undefined));
    await waitFor('the channel among the visible editors', () =>
      vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'output' && decodeURIComponent(e.document.uri.toString()).endsWith(logChannelName(stream))) ? true : undefined,
    );
    // Shown late, the channel may have paused already: it is back on Live Tail now that it is visible.
    await waitFor('Live Tail while the channel is shown', () => (tailOf(stream)?.mode === 'liveTail' ? true : undefined));
    const pauses = () => textOf(stream).split('\n').filter((l) => l.includes('=== [notice] Nobody is watching: Live Tail paused')).length;
    const before = pauses();

    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor('Live Tail to pause', () => (tailOf(stream)?.mode === 'polling' && pauses() === before + 1 ? true : undefined));
    await waitFor('the session to be closed', async () => ((await sim.control.health()).liveTailSessions === 0 ? true : undefined));
    await sim.control.appendLogEvents(group, stream, [{ message: 'while hidden' }]);

    await vscode.commands.executeCommand('workbench.action.output.toggleOutput');
    await waitFor('Live Tail again', () => (tailOf(stream)?.mode === 'liveTail' ? true : undefined));
    await waitFor('the line written while hidden', () => (messagesOf(stream).includes('while hidden') ? true : undefined));
    await sim.control.appendLogEvents(group, stream, [{ message: 'after' }]);
    await waitFor('the live line', () => (messagesOf(stream).includes('after') ? true : undefined));
    assert.deepStrictEqual(messagesOf(stream), ['before', 'while hidden', 'after']);
    assert.strictEqual((await sim.control.health()).liveTailSessions, 1);
  });

  it('polls every 6 s while the channel is out of sight and says so in the status bar; full speed when shown, losing nothing', async () => {
    const group = freshGroup();
    const stream = 'Primary/i-idle';
    await sim.control.appendLogEvents(group, stream, [{ message: 'before' }]);
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: stream });
    await waitFor('the backfill', () => (messagesOf(stream).includes('before') ? true : undefined));
    await waitFor('the channel among the visible editors', () =>
      vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'output' && decodeURIComponent(e.document.uri.toString()).endsWith(logChannelName(stream))) ? true : undefined,
    );
    const reads = () => tailOf(stream)?.requests.getEvents ?? 0;
    const readsIn = async (ms: number) => {
      const from = reads();
      await new Promise((r) => setTimeout(r, ms));
      return reads() - from;
    };
    await waitFor('full speed while shown', () => (tailOf(stream)?.idleEveryMs === undefined ? true : undefined));
    const shownReads = await readsIn(3000);
    assert.ok(shownReads >= 3, `in sight: a read every 0.5 s (${shownReads} in 3 s)`);

    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor('the status bar to say the tail is idle', () => (/idle — polling every 6 s/.test(api.logStatusText() ?? '') ? true : undefined));
    assert.strictEqual(tailOf(stream)?.idleEveryMs, 6000);
    const hiddenReads = await readsIn(4000);
    assert.ok(hiddenReads <= 1, `out of sight: a read every 6 s (${hiddenReads} in 4 s)`);
    await sim.control.appendLogEvents(group, stream, [{ message: 'while hidden' }]);

    await vscode.commands.executeCommand('workbench.action.output.toggleOutput');
    await waitFor('full speed again', () => (tailOf(stream)?.idleEveryMs === undefined ? true : undefined));
    await waitFor('the line written while hidden', () => (messagesOf(stream).includes('while hidden') ? true : undefined), 3000);
    await waitFor('the status bar to drop "idle —"', () => (!(api.logStatusText() ?? 'idle —').includes('idle —') ? true : undefined));
    await sim.control.appendLogEvents(group, stream, [{ message: 'after' }]);
    await waitFor('the next line', () => (messagesOf(stream).includes('after') ? true : undefined));
    assert.deepStrictEqual(messagesOf(stream), ['before', 'while hidden', 'after']);
  });

  it('excludes lines by regex (per tail, from the setting, changed while running) and refuses an invalid one', async () => {
    const group = freshGroup();
    const stream = 'noisy';
    await sim.control.appendLogEvents(group, stream, [{ message: 'GET /ping 200' }, { message: 'epoch 1 loss 0.5' }, { message: 'GET /ping 201' }]);
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: stream, excludePattern: 'GET /ping' });
    await waitFor('the backfill', () => (linesOf(stream).length === 1 ? true : undefined));
    assert.strictEqual(tailOf(stream)?.excludedCount, 2);
    assert.strictEqual(tailOf(stream)?.excludePattern, 'GET /ping');

    // An invalid regex: the command fails with a message and the tail goes on as it was.
    const refused = await vscode.commands.executeCommand(CommandId.ChangeTailFilter, { channel: logChannelName(stream), excludePattern: 'epoch(' });
    assert.strictEqual(refused, undefined);
    assert.strictEqual(tailOf(stream)?.excludePattern, 'GET /ping');
    await sim.control.appendLogEvents(group, stream, [{ message: 'GET /ping 200' }, { message: 'epoch 2 loss 0.4' }]);
    await waitFor('the next kept line', () => (messagesOf(stream).includes('epoch 2 loss 0.4') ? true : undefined));
    assert.strictEqual(tailOf(stream)?.excludedCount, 3);

    await vscode.commands.executeCommand(CommandId.ChangeTailFilter, { channel: logChannelName(stream), excludePattern: '/^EPOCH/i' });
    await sim.control.appendLogEvents(group, stream, [{ message: 'GET /ping 200' }, { message: 'epoch 3 loss 0.3' }]);
    await waitFor('the ping line, no longer excluded', () => (messagesOf(stream).filter((m) => m === 'GET /ping 200').length === 1 ? true : undefined));
    assert.ok(!messagesOf(stream).includes('epoch 3 loss 0.3'));
    assert.match(textOf(stream), /=== \[notice\] Now excluding lines that match \/\^EPOCH\/i\./);

    // A tail without its own regex follows the setting.
    const other = 'noisy-setting';
    await sim.control.appendLogEvents(group, other, [{ message: 'healthcheck ok' }, { message: 'real work' }]);
    await setSetting('logs.excludePattern', 'healthcheck');
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: other });
    await waitFor('the backfill', () => (linesOf(other).length === 1 ? true : undefined));
    assert.deepStrictEqual(messagesOf(other), ['real work']);
    await setSetting('logs.excludePattern', 'work');
    await sim.control.appendLogEvents(group, other, [{ message: 'healthcheck ok' }, { message: 'more work' }]);
    await waitFor('the healthcheck line', () => (messagesOf(other).includes('healthcheck ok') ? true : undefined));
    assert.deepStrictEqual(messagesOf(other), ['real work', 'healthcheck ok']);
    assert.strictEqual(tailOf(other)?.excludedCount, 2);
  });

  it('shows JSON messages compactly, or pretty-printed with the setting', async () => {
    const group = freshGroup();
    await sim.control.appendLogEvents(group, 'json', [{ message: '{ "level": "INFO",   "step": 3, "loss": 0.25 }' }]);
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'json', follow: false });
    await waitFor('the compact line', () => (tailOf('json')?.state === 'ended' ? true : undefined));
    assert.deepStrictEqual(messagesOf('json'), ['{"level":"INFO","step":3,"loss":0.25}']);

    await setSetting('logs.prettyPrintJson', true);
    await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'json', follow: false });
    await waitFor('the pretty lines', () => (tailOf('json')?.state === 'ended' ? true : undefined));
    const lines = linesOf('json');
    assert.match(lines[0], / \{$/);
    assert.deepStrictEqual(
      lines.slice(1).map((l) => l.trim()),
      ['"level": "INFO",', '"step": 3,', '"loss": 0.25', '}'],
    );
  });

  it('writes status lines in time order with the lines above them', async () => {
    await setSetting('logs.backfillLines', 50);
    const job = DEMO.jobs.inProgress;
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job });
    const text = await waitFor('the current status', () => (textOf(job).includes('=== [status]') ? textOf(job) : undefined));
    const times = text
      .split('\n')
      .map((l) => /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})Z /.exec(l)?.[1])
      .filter((t): t is string => t !== undefined);
    assert.ok(times.length > 10, text);
    for (let i = 1; i < times.length; i++) {
      assert.ok(times[i] >= times[i - 1], `line ${i} (${times[i]}) is older than the line above it (${times[i - 1]}):\n${text}`);
    }
  });

  it('Tail Logs From… starts at a preset time or at the start of the training job', async () => {
    const group = freshGroup();
    const now = await sim.control.now();
    await sim.control.appendLogEvents(group, 'from', [
      { timestamp: now - 30 * 60_000, message: 'half an hour ago' },
      { timestamp: now - 10 * 60_000, message: 'ten minutes ago' },
      { timestamp: now - 60_000, message: 'a minute ago' },
    ]);
    await vscode.commands.executeCommand(CommandId.TailLogsFrom, { logGroupName: group, logStreamName: 'from', from: '15m' });
    await waitFor('the last 15 minutes', () => (linesOf('from').length === 2 ? true : undefined));
    assert.deepStrictEqual(messagesOf('from'), ['ten minutes ago', 'a minute ago']);
    assert.strictEqual(tailOf('from')?.state, 'running');

    await setSetting('logs.backfillLines', 3);
    const job = DEMO.jobs.completed;
    await vscode.commands.executeCommand(CommandId.TailLogsFrom, { trainingJobName: job, host: 'algo-1', from: 'jobStart' });
    await waitFor('the whole job', () => (tailOf(job)?.state === 'ended' ? true : undefined), 30_000);
    assert.ok(linesOf(job).length > 3, `more than the last 3 lines: ${linesOf(job).length}`);
  });

  it('Tail Logs From… a custom time, typed in local time (the input box starts at an hour ago)', async () => {
    const group = freshGroup();
    const now = await sim.control.now();
    await sim.control.appendLogEvents(group, 'custom', [
      { timestamp: now - 3 * 3600_000, message: 'three hours ago' },
      { timestamp: now - 50 * 60_000, message: 'fifty minutes ago' },
      { timestamp: now - 60_000, message: 'a minute ago' },
    ]);
    let done = false;
    const run = Promise.resolve(vscode.commands.executeCommand(CommandId.TailLogsFrom, { logGroupName: group, logStreamName: 'custom', from: 'custom' })).then(() => (done = true));
    await waitFor('the time to be accepted', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done || undefined;
    });
    await run;
    await waitFor('the lines of the last hour', () => (linesOf('custom').length === 2 ? true : undefined)).catch((e) => {
      throw new Error(`${String(e)}: ${textOf('custom')}`);
    });
    assert.deepStrictEqual(messagesOf('custom'), ['fifty minutes ago', 'a minute ago']);
  });

  it('any start of a tail of a failed job clears its Show Failure diagnostic (Tail Logs From…, Tail Logs)', async () => {
    const job = DEMO.jobs.failed;
    await vscode.commands.executeCommand(CommandId.ShowFailure, { trainingJobName: job });
    assert.strictEqual(api.triage.diagnosticsOf(job).length, 1);
    await vscode.commands.executeCommand(CommandId.TailLogsFrom, { trainingJobName: job, from: '1d' });
    assert.strictEqual(api.triage.diagnosticsOf(job).length, 0);
    await vscode.commands.executeCommand(CommandId.ShowFailure, { trainingJobName: job });
    assert.strictEqual(api.triage.diagnosticsOf(job).length, 1);
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job, follow: false });
    assert.strictEqual(api.triage.diagnosticsOf(job).length, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Tail Logs and Open Metrics from the command palette ask for a target, newest training job first', async () => {
    const jobsRoot = await child(api, undefined, 'Training Jobs');
    const newest = (await children(api, jobsRoot.node))[0].label;
    const tail = await acceptFirst<{ resourceName: string }>(CommandId.TailLogs);
    assert.strictEqual(tail?.resourceName, newest);
    await waitFor('the tail of the picked job', () => (tailOf(newest)?.state === 'running' ? true : undefined));
    const panel = await acceptFirst<{ target: { trainingJobName?: string } }>(CommandId.OpenMetrics);
    assert.strictEqual(panel?.target.trainingJobName, newest);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
