/**
 * The active log tails: one output channel per training job or endpoint (`SageMaker Logs: <name>`), one
 * request budget per account and region shared by all tails, a status bar item while any tail runs.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { loadBackend } from '../aws/loadBackend';
import { UserFacingError } from '../platform/errors';
import type { Settings } from '../platform/settings';
import { CommandId, ContextKey, LOG_LANGUAGE_ID, logChannelName } from '../shared/ids';
import { Disposable, toDisposable } from '../shared/lifecycle';
import { LOGS_BUDGET, RequestBudget, systemClock, type Clock } from './engine/budget';
import { streamQuery, type StreamQuery } from './engine/events';
import { parseExcludePattern } from './engine/exclude';
import type { TailSpec } from './engine/spec';
import type { JobCurveFeeds, TailTap } from '../shared/logCurves/feeds';
import type { JobLineReader } from '../shared/logs/jobLines';
import { targetResourceName, type TailTarget } from '../shared/targets';
import { readJobLines } from './jobLines';
import { PacedChannel, type ChannelView } from './pacedChannel';
import { TailSession, type TailExclude, type TailInfo } from './tailSession';

/** A tail that has just started: what it tails and how it reports. */
export interface TailStarted {
  readonly target: TailTarget;
  readonly tail: TailInfo;
}


export class TailManager extends Disposable {
  private readonly clock: Clock;
  /** Keep the text of finished tails (tests read it through the API); a user's finished tails let it go. */
  keepTranscripts = false;
  private readonly sessions = new Map<string, TailSession>();
  /** What each channel's last tail was started for (jump to source asks whose log a channel is). */
  private readonly targets = new Map<string, TailTarget>();
  private readonly channels = new Map<string, PacedChannel>();
  private readonly budgets = new Map<string, RequestBudget>();
  private readonly statusItem: vscode.StatusBarItem;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly started = this._register(new vscode.EventEmitter<TailStarted>());
  /** Fires when a tail starts (or restarts), whichever command started it. */
  readonly onDidStart = this.started.event;
  /** The exclude setting was invalid: said once per value. */
  private warnedExclude: string | undefined;
  /** Tails whose channel is out of sight, and the timer that pauses their Live Tail. */
  private readonly hidden = new Map<TailSession, ReturnType<typeof setTimeout> | undefined>();

  constructor(
    private readonly aws: { clients(): Promise<AwsClients> },
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
    private readonly options: { readonly clock?: Clock; readonly serviceNow?: () => number; readonly curveFeeds?: JobCurveFeeds } = {},
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.statusItem = this._register(vscode.window.createStatusBarItem('sagemakerMonitor.tail', vscode.StatusBarAlignment.Left, 40));
    this.statusItem.name = 'SageMaker Logs';
    this.statusItem.command = CommandId.StopTail;
    this._register(toDisposable(() => this.stopAll()));
    this._register(settings.onDidChange(['logs.excludePattern', 'logs.prettyPrintJson'], () => this.applySettings()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.updateWatched()));
    this._register(settings.onDidChange(['logs.stopLiveTailWhenHiddenMinutes'], () => this.updateWatched(true)));
  }

  /**
   * Live Tail is billed by the session-minute: a tail whose channel has been out of sight for a while
   * (setting) stops its session and polls slowly until the channel is shown again.
   */
  private updateWatched(restartTimers = false): void {
    const visible = new Set(this.visibleTails());
    // Polling slows down at once for a channel out of sight; Live Tail stops only after the setting's minutes.
    for (const session of this.active()) {
      session.setInSight(visible.has(session));
    }
    const minutes = this.settings.logs().stopLiveTailWhenHiddenMinutes;
    for (const [session, timer] of this.hidden) {
      if (!session.active || visible.has(session) || restartTimers) {
        clearTimeout(timer);
        this.hidden.delete(session);
        session.setWatched(true);
      }
    }
    for (const session of this.active()) {
      if (!visible.has(session) && !this.hidden.has(session)) {
        this.hidden.set(session, minutes > 0 ? setTimeout(() => session.setWatched(false), minutes * 60_000) : undefined);
      }
    }
  }

  /** The running tails whose channel is showing (in the Output view, or an editor). */
  visibleTails(): TailSession[] {
    // An output channel's document URI ends with the channel's name.
    const shown = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'output').map((e) => decodedUri(e.document.uri));
    return this.active().filter((s) => shown.some((uri) => uri.endsWith(s.channelName)));
  }

  /** The exclude regex of a new tail: the target's own (invalid: an error, nothing starts), else the setting's. */
  private excludeFor(target: TailTarget): TailExclude {
    if (target.excludePattern !== undefined) {
      const parsed = parseExcludePattern(target.excludePattern);
      if (!parsed.ok) {
        throw new UserFacingError(`Exclude pattern: ${parsed.error}`);
      }
      return { text: target.excludePattern, regex: parsed.regex, override: true };
    }
    return this.excludeFromSettings();
  }

  private excludeFromSettings(): TailExclude {
    const text = this.settings.logs().excludePattern;
    const parsed = parseExcludePattern(text);
    if (!parsed.ok) {
      if (this.warnedExclude !== text) {
        this.warnedExclude = text;
        void vscode.window.showWarningMessage(`The setting sagemakerMonitor.logs.excludePattern is ignored: ${parsed.error}`);
      }
      return { text: '', regex: undefined, override: false };
    }
    return { text, regex: parsed.regex, override: false };
  }

  private applySettings(): void {
    const exclude = this.excludeFromSettings();
    const prettyJson = this.settings.logs().prettyPrintJson;
    for (const s of this.active()) {
      s.setPrettyJson(prettyJson);
      if (!s.excludeOverridden) {
        s.setExclude(exclude);
      }
    }
  }

  /** The streams of a target; an inference component's are in its own group, or else in its endpoint's. */
  private async queryOf(target: TailTarget, clients: AwsClients): Promise<StreamQuery> {
    if (target.kind !== 'inferenceComponent') {
      return streamQuery(target);
    }
    const where = await (await loadBackend()).inferenceComponentLogs(clients, target.endpointName, target.inferenceComponentName);
    return { ...where, tagged: true };
  }

  /** Starts (or restarts) the tail of a target in its channel and shows the channel. */
  async start(target: TailTarget): Promise<TailInfo> {
    const resourceName = targetResourceName(target);
    const channelName = logChannelName(resourceName);
    const exclude = this.excludeFor(target);
    this.sessions.get(channelName)?.stop();
    const channel = this.channel(channelName);
    channel.clear();
    channel.show(true);
    const clients = await this.aws.clients();
    const cfg = this.settings.logs();
    const query = await this.queryOf(target, clients);
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
      ...(target.kind === 'processingJob' ? { job: { kind: 'processing' as const, name: target.processingJobName } } : {}),
      ...(target.kind === 'transformJob' ? { job: { kind: 'transform' as const, name: target.transformJobName } } : {}),
      liveTail: cfg.liveTail === 'auto',
      unwatchedPollIntervalMs: Math.max(10, cfg.pollIntervalSeconds * 5) * 1000,
      ...(target.filterPattern ? { filterPattern: target.filterPattern } : {}),
    };
    const session = new TailSession(channelName, resourceName, channel, spec, { timestamps: cfg.timestamps, tagged: query.tagged, prettyJson: cfg.prettyPrintJson, exclude }, {
      source: async () => new (await loadBackend()).SdkLogSource(clients.tailLogs, clients.sagemaker, this.options.serviceNow),
      tap: this.curveTap(target, spec),
      budget: this.budget(clients),
      clock: this.clock,
      keepTranscript: this.keepTranscripts,
      onChange: () => this.updateStatus(),
      log: this.log,
    });
    this.sessions.set(channelName, session);
    this.targets.set(channelName, target);
    this.updateStatus();
    void session.done.then(() => this.updateStatus());
    this.started.fire({ target, tail: session });
    this.updateWatched();
    return session;
  }

  /** A tail of a whole training job, every line (no filter pattern, no fixed window), feeds the job's curves. */
  private curveTap(target: TailTarget, spec: TailSpec): TailTap | undefined {
    if (!this.options.curveFeeds || target.kind !== 'trainingJob' || target.host || spec.filterPattern || spec.endTime !== undefined) {
      return undefined;
    }
    return this.options.curveFeeds.attachTail(target.trainingJobName, {
      ...(spec.startTime !== undefined ? { startTime: spec.startTime } : {}),
      backfillLines: spec.backfillLines,
      startedAt: this.options.serviceNow?.() ?? this.clock.now(),
    });
  }

  /** A training job's lines read by the tail engine without a channel (the metrics panel's curves), on the tails' budget. */
  readonly readJobLines: JobLineReader = (request, signal, onEvents, onFollowing, control) =>
    readJobLines(
      {
        source: async () => {
          const clients = await this.aws.clients();
          return new (await loadBackend()).SdkLogSource(clients.tailLogs, clients.sagemaker, this.options.serviceNow);
        },
        budget: async () => this.budget(await this.aws.clients()),
        clock: this.clock,
        pollIntervalSeconds: () => this.settings.logs().pollIntervalSeconds,
      },
      request,
      signal,
      onEvents,
      onFollowing,
      control,
    );

  /** The target of the last tail of a channel, by its resource name (`SageMaker Logs: <name>`), running or not. */
  targetOf(resourceName: string): TailTarget | undefined {
    return this.targets.get(logChannelName(resourceName));
  }

  /** The running tail with this resource or channel name. */
  find(name: string): TailSession | undefined {
    return this.active().find((s) => s.resourceName === name || s.channelName === name);
  }

  /** The one running tail, or the one picked among several; undefined when none runs or the pick is cancelled. */
  async pickActive(title: string): Promise<TailSession | undefined> {
    const active = this.active();
    if (active.length <= 1) {
      return active[0];
    }
    const picked = await vscode.window.showQuickPick(
      active.map(tailPickItem),
      { title, placeHolder: 'Which tail?' },
    );
    return picked?.session;
  }

  /** What the tails' status bar item says while any tail runs (tests read it; undefined when hidden). */
  statusText(): string | undefined {
    return this.active().length > 0 ? this.statusItem.text : undefined;
  }

  /** The tails started in this window, running or finished. */
  tails(): readonly TailInfo[] {
    return [...this.sessions.values()];
  }

  active(): TailSession[] {
    return [...this.sessions.values()].filter((s) => s.active);
  }

  /** Stops the running tail with this resource or channel name (none: nothing happens). */
  stop(name: string): void {
    this.active()
      .filter((s) => s.resourceName === name || s.channelName === name)
      .forEach((s) => s.stop());
  }

  stopAll(): void {
    for (const s of this.sessions.values()) {
      s.stop();
    }
  }

  private channel(name: string): PacedChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = this._register(new PacedChannel(name, () => vscode.window.createOutputChannel(name, LOG_LANGUAGE_ID), CHANNEL_VIEW));
      this.channels.set(name, channel);
    }
    return channel;
  }

  private budget(clients: AwsClients): RequestBudget {
    const c = clients.connection;
    const key = JSON.stringify([c.profile, c.region, c.endpointUrl]);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new RequestBudget(LOGS_BUDGET.ratePerSecond, LOGS_BUDGET.burst, this.clock);
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
    // Every polling tail slowed down (nobody looks, or quiet): say so and how often it still asks.
    const idle = active.every((s) => s.mode === 'polling' && s.idleEveryMs !== undefined) ? Math.max(...active.map((s) => s.idleEveryMs ?? 0)) : undefined;
    const pace = idle !== undefined ? ` · idle — polling every ${Math.round(idle / 1000)} s` : '';
    this.statusItem.text = `$(${backingOff ? 'watch' : live ? 'broadcast' : 'output'}) ${what} · ${rate < 10 ? rate.toFixed(1) : Math.round(rate)} ev/s${sampled ? ' · sampled' : ''}${backingOff ? ' · backing off' : ''}${pace}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: [CommandId.ChangeTailFilter, CommandId.StopTail] };
    tooltip.appendMarkdown('**Tailing SageMaker logs**\n\n');
    for (const s of active) {
      const details = [s.mode === 'liveTail' ? 'Live Tail' : s.idleEveryMs !== undefined ? `polling every ${Math.round(s.idleEveryMs / 1000)} s (idle: out of sight or no new lines)` : 'polling', ...(s.filterPattern ? [`filter ${s.filterPattern}`] : []), ...(s.excludePattern ? [`${s.excludedCount} lines excluded by ${s.excludePattern}`] : [])];
      // Names and patterns are the user's text: appendText escapes what Markdown would read.
      tooltip.appendMarkdown('- ').appendText(`${s.resourceName}: ${details.join(' · ')}`).appendMarkdown('\n');
    }
    if (sampled) {
      tooltip.appendMarkdown('\nLive Tail was sampling a busy job (over 500 lines a second): the tail polls instead, so that every line shows.\n');
    }
    if (backingOff) {
      tooltip.appendMarkdown('\nThrottled: polling more slowly.\n');
    }
    tooltip.appendMarkdown(`\n[$(filter) Change Log Filter…](command:${CommandId.ChangeTailFilter}) · [$(debug-stop) Stop](command:${CommandId.StopTail}) (or click)`);
    this.statusItem.tooltip = tooltip;
    this.statusItem.show();
  }

  override dispose(): void {
    for (const timer of this.hidden.values()) {
      clearTimeout(timer);
    }
    this.hidden.clear();
    if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    super.dispose();
  }
}

/** One tail in a quick pick: its name; how many lines, its filter and what it excluded. */
export function tailPickItem(s: TailSession): vscode.QuickPickItem & { readonly session: TailSession } {
  const description = [`${s.eventCount} events`, ...(s.filterPattern ? [`filter ${s.filterPattern}`] : []), ...(s.excludePattern ? [`${s.excludedCount} excluded`] : [])].join(' · ');
  return { label: s.resourceName, description, session: s };
}

/** What the window shows of the output channels: an output document in a visible editor, named after its channel. */
const CHANNEL_VIEW: ChannelView = {
  shownLastLine: (name) => {
    const doc = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'output' && decodedUri(e.document.uri).endsWith(name))?.document;
    if (!doc) {
      return undefined;
    }
    const last = doc.lineAt(doc.lineCount - 1).text;
    return last === '' && doc.lineCount > 1 ? doc.lineAt(doc.lineCount - 2).text : last;
  },
  onDidChange: (listener) => {
    const changed = vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.scheme === 'output' && listener());
    const shown = vscode.window.onDidChangeVisibleTextEditors(() => listener());
    return { dispose: () => (changed.dispose(), shown.dispose()) };
  },
};

function decodedUri(uri: vscode.Uri): string {
  try {
    return decodeURIComponent(uri.toString(true));
  } catch {
    return uri.toString(true);
  }
}
