/**
 * The active log tails: one output channel per training job or endpoint (`SageMaker Logs: <name>`), one
 * request budget per account and region shared by all tails, a status bar item while any tail runs.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { loadBackend } from '../aws/loadBackend';
import type { Settings } from '../core/settings';
import { CommandId, ContextKey, logChannelName } from '../shared/ids';
import { Disposable, toDisposable } from '../shared/lifecycle';
import { RequestBudget, systemClock, type Clock } from '../shared/logs/budget';
import { streamQuery } from '../shared/logs/events';
import type { TailSpec } from '../shared/logs/engine';
import { targetResourceName, type TailTarget } from '../shared/targets';
import { TailSession, type TailInfo } from './tailSession';

export const LOG_LANGUAGE_ID = 'sagemaker-log';

/** GetLogEvents allows ~10–25 TPS per account and region for everything the user runs: take part of it. */
const BUDGET_RATE_PER_SECOND = 8;
const BUDGET_BURST = 12;

export class TailManager extends Disposable {
  private readonly sessions = new Map<string, TailSession>();
  private readonly channels = new Map<string, vscode.OutputChannel>();
  private readonly budgets = new Map<string, RequestBudget>();
  private readonly statusItem: vscode.StatusBarItem;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly aws: { clients(): Promise<AwsClients> },
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    private readonly clock: Clock = systemClock,
  ) {
    super();
    this.statusItem = this._register(vscode.window.createStatusBarItem('sagemakerMonitor.tail', vscode.StatusBarAlignment.Left, 40));
    this.statusItem.name = 'SageMaker Logs';
    this.statusItem.command = CommandId.StopTail;
    this._register(toDisposable(() => this.stopAll()));
  }

  /** Starts (or restarts) the tail of a target in its channel and shows the channel. */
  async start(target: TailTarget): Promise<TailInfo> {
    const resourceName = targetResourceName(target);
    const channelName = logChannelName(resourceName);
    this.sessions.get(channelName)?.stop();
    const channel = this.channel(channelName);
    channel.clear();
    channel.show(true);
    const clients = await this.aws.clients();
    const cfg = this.settings.logs();
    const query = streamQuery(target);
    const windowed = target.endTime !== undefined;
    const spec: TailSpec = {
      query,
      backfillLines: cfg.backfillLines,
      ...(target.startTime !== undefined ? { startTime: target.startTime } : {}),
      ...(target.endTime !== undefined ? { endTime: target.endTime } : {}),
      follow: !windowed && target.follow !== false,
      pollIntervalMs: cfg.pollIntervalSeconds * 1000,
      // New streams (a restarted host, a new instance) and status changes are looked for every few polls.
      discoverIntervalMs: cfg.pollIntervalSeconds * 5000,
      statusIntervalMs: cfg.pollIntervalSeconds * 5000,
      ...(target.kind === 'trainingJob' ? { trainingJobName: target.trainingJobName } : {}),
      liveTail: cfg.liveTail === 'auto',
      ...(target.filterPattern ? { filterPattern: target.filterPattern } : {}),
    };
    const session = new TailSession(channelName, resourceName, channel, spec, { timestamps: cfg.timestamps, tagged: query.tagged }, {
      source: async () => new (await loadBackend()).SdkLogSource(clients.logs, clients.sagemaker),
      budget: this.budget(clients),
      clock: this.clock,
      onChange: () => this.updateStatus(),
      log: this.log,
    });
    this.sessions.set(channelName, session);
    this.updateStatus();
    void session.done.then(() => this.updateStatus());
    return session;
  }

  /** The tails started in this window, running or finished. */
  tails(): readonly TailInfo[] {
    return [...this.sessions.values()];
  }

  active(): TailSession[] {
    return [...this.sessions.values()].filter((s) => s.active);
  }

  /** Stops the tail with this resource or channel name; without one, asks which when several run. */
  async stop(name?: string): Promise<void> {
    const active = this.active();
    if (name !== undefined) {
      active.filter((s) => s.resourceName === name || s.channelName === name).forEach((s) => s.stop());
      return;
    }
    if (active.length === 0) {
      void vscode.window.showInformationMessage('No SageMaker logs are being tailed.');
      return;
    }
    if (active.length === 1) {
      active[0].stop();
      return;
    }
    const all = 'Stop All';
    const picked = await vscode.window.showQuickPick([...active.map((s) => ({ label: s.resourceName, description: `${s.eventCount} events`, session: s })), { label: all, session: undefined }], {
      title: 'Stop Tailing Logs',
      placeHolder: 'Which tail to stop?',
    });
    if (!picked) {
      return;
    }
    if (picked.session) {
      picked.session.stop();
    } else {
      this.stopAll();
    }
  }

  stopAll(): void {
    for (const s of this.sessions.values()) {
      s.stop();
    }
  }

  private channel(name: string): vscode.OutputChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = this._register(vscode.window.createOutputChannel(name, LOG_LANGUAGE_ID));
      this.channels.set(name, channel);
    }
    return channel;
  }

  private budget(clients: AwsClients): RequestBudget {
    const c = clients.connection;
    const key = JSON.stringify([c.profile, c.region, c.endpointUrl]);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new RequestBudget(BUDGET_RATE_PER_SECOND, BUDGET_BURST, this.clock);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  private updateStatus(): void {
    if (this.isDisposed) {
      return;
    }
    const active = this.active();
    void vscode.commands.executeCommand('setContext', ContextKey.Tailing, active.length > 0);
    if (active.length === 0) {
      this.statusItem.hide();
      if (this.ticker) {
        clearInterval(this.ticker);
        this.ticker = undefined;
      }
      return;
    }
    this.ticker ??= setInterval(() => this.updateStatus(), 2000);
    const rate = active.reduce((n, s) => n + s.eventsPerSecond(), 0);
    const backingOff = active.some((s) => s.backingOff);
    const sampled = active.some((s) => s.sampled);
    const live = active.every((s) => s.mode === 'liveTail');
    const what = active.length === 1 ? active[0].resourceName : `${active.length} tails`;
    this.statusItem.text = `$(${backingOff ? 'watch' : live ? 'broadcast' : 'output'}) ${what} · ${rate < 10 ? rate.toFixed(1) : Math.round(rate)} ev/s${sampled ? ' · sampled' : ''}${backingOff ? ' · backing off' : ''}`;
    this.statusItem.tooltip = [
      `Tailing SageMaker logs: ${active.map((s) => `${s.resourceName} (${s.mode === 'liveTail' ? 'Live Tail' : 'polling'})`).join(', ')}`,
      ...(sampled ? ['Live Tail sampled a busy second; the gaps are filled in by polling.'] : []),
      ...(backingOff ? ['Throttled: polling more slowly.'] : []),
      'Click to stop.',
    ].join('\n');
    this.statusItem.show();
  }

  override dispose(): void {
    if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    super.dispose();
  }
}
