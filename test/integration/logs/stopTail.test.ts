// Stop Tailing Logs: a named tail, the tail whose channel is showing, or a pick when it cannot tell;
// in a real extension host against the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';

type Window = { showQuickPick: unknown; showInformationMessage: unknown };

describe('Logs: Stop Tailing Logs', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let group = '';
  const window = vscode.window as unknown as Window;
  const { showQuickPick, showInformationMessage } = window;
  /** The labels of every quick pick shown since the test began, and which label to answer with. */
  let picks: string[][] = [];
  let answer: string | undefined;
  let infos: string[] = [];

  const tailOf = (name: string) => api.logTails().find((t) => t.channelName === logChannelName(name));
  const running = () =>
    api
      .logTails()
      .filter((t) => t.state === 'starting' || t.state === 'running')
      .map((t) => t.resourceName)
      .sort();
  const shownChannels = () => vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'output').map((e) => decodeURIComponent(e.document.uri.toString()));

  async function startTails(...names: string[]): Promise<void> {
    for (const name of names) {
      await sim.control.appendLogEvents(group, name, [{ message: `${name} says hello` }]);
      await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: name });
      await waitFor(`the tail of ${name}`, () => (tailOf(name)?.state === 'running' ? true : undefined));
    }
    assert.deepStrictEqual(running(), [...names].sort());
  }

  /** Shows one channel in the Output view through the workbench's own "show this channel" command. */
  async function showChannel(name: string): Promise<void> {
    const channel = logChannelName(name);
    const command = await waitFor(`the show command of ${channel}`, async () => (await vscode.commands.getCommands()).find((c) => c.startsWith('workbench.action.output.show.') && c.endsWith(channel)));
    await vscode.commands.executeCommand(command);
    await waitFor(`${channel} alone among the visible editors`, () => {
      const shown = shownChannels().filter((uri) => uri.includes('SageMaker Logs: '));
      return shown.length === 1 && shown[0].endsWith(channel) ? true : undefined;
    });
  }

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.liveTail', 'never');
    window.showQuickPick = async (items: readonly (string | vscode.QuickPickItem)[] | Thenable<readonly (string | vscode.QuickPickItem)[]>) => {
      const list = await items;
      const labels = list.map((i) => (typeof i === 'string' ? i : i.label));
      picks.push(labels);
      return list.find((i) => (typeof i === 'string' ? i : i.label) === answer);
    };
    window.showInformationMessage = async (message: string) => {
      infos.push(message);
      return undefined;
    };
  });

  beforeEach(async () => {
    group = `/test/stop-${Date.now()}`;
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    picks = [];
    answer = undefined;
    infos = [];
  });

  after(async () => {
    window.showQuickPick = showQuickPick;
    window.showInformationMessage = showInformationMessage;
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await setSetting('logs.pollIntervalSeconds', undefined);
    await setSetting('logs.liveTail', undefined);
    await sim?.close();
  });

  it('{ name } or a name stops only that tail, without asking', async () => {
    await startTails('stop-a', 'stop-b', 'stop-c');
    await vscode.commands.executeCommand(CommandId.StopTail, { name: 'stop-a' });
    assert.deepStrictEqual(running(), ['stop-b', 'stop-c']);
    assert.strictEqual(tailOf('stop-a')?.state, 'stopped');
    await vscode.commands.executeCommand(CommandId.StopTail, 'stop-c');
    assert.deepStrictEqual(running(), ['stop-b']);
    assert.deepStrictEqual(picks, []);
  });

  it('with no argument stops the tail whose channel is showing, without asking', async () => {
    await startTails('shown-a', 'shown-b', 'shown-c');
    // The last tail started shows its channel: show an earlier one instead.
    await showChannel('shown-a');
    await vscode.commands.executeCommand(CommandId.StopTail);
    assert.deepStrictEqual(running(), ['shown-b', 'shown-c']);
    await showChannel('shown-c');
    await vscode.commands.executeCommand(CommandId.StopTail);
    assert.deepStrictEqual(running(), ['shown-b']);
    assert.deepStrictEqual(picks, []);
  });

  it('with no argument and no tail channel showing, asks, offering "Stop all tails"', async () => {
    await startTails('hidden-a', 'hidden-b');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor('no log channel among the visible editors', () => (shownChannels().some((uri) => uri.includes('SageMaker Logs: ')) ? undefined : true));
    answer = 'Stop all tails';
    await vscode.commands.executeCommand(CommandId.StopTail);
    assert.strictEqual(picks.length, 1, 'one quick pick');
    assert.deepStrictEqual(picks[0], ['hidden-a', 'hidden-b', 'Stop all tails']);
    assert.deepStrictEqual(running(), []);
  });

  it('with no argument and no tail running, says so', async () => {
    await vscode.commands.executeCommand(CommandId.StopTail);
    assert.deepStrictEqual(infos, ['No SageMaker logs are being tailed.']);
    assert.deepStrictEqual(picks, []);
  });
});
