/**
 * One metrics panel: discovers what the target publishes, refreshes all its series with one GetMetricData
 * call, schedules auto-refresh while visible, aborts superseded requests and stops when closed.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { ResourceCatalog } from '../aws/catalog';
import { loadBackend } from '../aws/loadBackend';
import { isCancellation, errorMessage } from '../platform/errors';
import { CommandId } from '../shared/ids';
import { Disposable, toDisposable } from '../shared/lifecycle';
import type { AlarmInfo } from '../shared/metrics/alarms';
import { panelSeries, type PanelSpec } from '../shared/metrics/panels';
import { AUTO_REFRESH_MS, choosePeriod, resolveTimeRange, type TimeRange } from '../shared/metrics/period';
import { buildMetricDataRequests } from '../shared/metrics/requests';
import {
  isMetricsWebviewToHost,
  type AlarmResultMessage,
  type CreateAlarmMessage,
  type DataMessage,
  type MetricsHostToWebview,
  type MetricsWebviewToHost,
  type PanelViewState,
  type ShownMessage,
} from '../shared/metricsProtocol';
import { tailArgumentOf, type MetricsTarget } from '../shared/targets';
import type { JobCurveFeeds } from '../shared/logCurves/feeds';
import type { JobLineReader } from '../shared/logs/jobLines';
import { isBaseWebviewToHost } from '../shared/webviewProtocol';
import { buildWebviewHtml, createNonce } from '../shared/webviewHtml';
import { discoverPanel } from './discovery';
import { createPanelAlarm, loadPanelAlarms } from './panelAlarms';
import { describeTarget, saveFile, type ShowSaveDialog } from './panelFiles';
import { PanelCurves } from './panelCurves';
import { RefreshScheduler } from './refreshScheduler';
import { loadPanelData, refreshFailureText } from './refresh';

export interface MetricsPanelServices {
  readonly clients: () => Promise<AwsClients>;
  readonly catalog: ResourceCatalog;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
  readonly now: () => number;
  /** Called after an alarm was created (the explorer's badges read the alarms again). */
  readonly onAlarmsChanged?: () => void;
  /** Where an export is saved; VS Code's save dialog unless a test puts its own. */
  readonly showSaveDialog?: ShowSaveDialog;
  /** A training job's "from logs" curves: the window's curve feeds and the logs feature's reader. */
  readonly logCurves?: { readonly feeds: JobCurveFeeds; readonly read: JobLineReader };
}

/** Persisted by the webview and handed back by the serializer after a reload. */
export interface PersistedPanel {
  readonly target: MetricsTarget;
  readonly view: PanelViewState;
}

export class MetricsPanel extends Disposable {
  spec: PanelSpec | undefined;
  private jobRange: { start?: number; end?: number } | undefined;
  private inFlight: AbortController | undefined;
  private readonly scheduler = new RefreshScheduler(() => void this.refresh());
  private lastRefreshAt = 0;
  private ready = false;
  private loading: Promise<void> | undefined;
  private alarmsValue: AlarmInfo[] = [];
  private readonly refreshed = new vscode.EventEmitter<DataMessage>();
  /** Fires after each refresh posted its data (tests wait on it). */
  readonly onDidRefresh = this.refreshed.event;
  private readonly alarmsLoaded = new vscode.EventEmitter<readonly AlarmInfo[]>();
  /** Fires when the panel has read (and drawn) its target's alarms. */
  readonly onDidLoadAlarms = this.alarmsLoaded.event;
  /** The last "Create alarm…" outcome. */
  lastAlarmResult: AlarmResultMessage | undefined;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.closed.event;
  /** Refreshes completed, for tests and diagnostics. */
  refreshCount = 0;
  lastData: DataMessage | undefined;
  /** The last refresh's failure as the panel says it (undefined after a good refresh). */
  lastError: string | undefined;
  /** What the page last reported it shows (status, stale, unavailable series). */
  shown: Omit<ShownMessage, 'type'> | undefined;
  /** A training job's curves from its log lines (created once the job is described). */
  curves: PanelCurves | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: MetricsTarget,
    private view: PanelViewState,
    private readonly services: MetricsPanelServices,
  ) {
    super();
    this._register(this.refreshed);
    this._register(this.closed);
    this._register(this.alarmsLoaded);
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(services.extensionUri, 'media')],
    };
    const asUri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(services.extensionUri, ...p)).toString();
    webview.html = buildWebviewHtml({
      title: panel.title,
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scripts: [asUri('dist', 'webview', 'metrics.js')],
      styles: [asUri('dist', 'webview', 'codicon.css'), asUri('media', 'metrics.css')],
      bodyHtml: '<div id="app"><p id="status" role="status">Loading metrics…</p></div>',
      initialState: { target },
    });
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'sagemaker.svg');
    this._register(webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)));
    this._register(panel.onDidChangeViewState(() => this.onVisibilityChanged()));
    this._register(toDisposable(() => this.stop()));
    this._register(panel.onDidDispose(() => this.dispose()));
  }

  /** The target's alarms as the panel draws them. */
  get alarms(): readonly AlarmInfo[] {
    return this.alarmsValue;
  }

  /**
   * A message as if the page had sent it: the same guard and handling (tests and other callers drive the
   * panel through its protocol).
   */
  receive(message: unknown): Promise<void> {
    return this.onMessage(message);
  }

  /** Where the panel is in its life, for diagnostics and tests. */
  describeState(): string {
    return `ready=${this.ready} visible=${this.panel.visible} refreshing=${this.inFlight !== undefined} discovered=${this.spec !== undefined} refreshes=${this.refreshCount}`;
  }

  get isVisible(): boolean {
    return this.panel.visible;
  }

  /** Whether an auto-refresh is scheduled (none while hidden or after closing). */
  get scheduled(): boolean {
    return this.scheduler.scheduled;
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.closed.fire();
    super.dispose();
    this.panel.dispose();
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Refreshes now (superseding a refresh in flight). */
  async refresh(): Promise<void> {
    if (this.isDisposed || !this.ready) {
      return;
    }
    this.clearTimer();
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      this.post({ type: 'loading', range: this.range(this.services.now()) });
      await this.load();
      const spec = this.spec;
      if (!spec || controller.signal.aborted) {
        return;
      }
      const now = this.services.now();
      const range = this.range(now);
      const period = choosePeriod(range, now, this.view.periodSeconds);
      const requests = buildMetricDataRequests(panelSeries(spec), range, period.periodSeconds);
      this.post({ type: 'loading', range });
      const [backend, clients] = await Promise.all([loadBackend(), this.services.clients()]);
      const result = await loadPanelData(backend, clients, requests, controller.signal);
      if (controller.signal.aborted || this.isDisposed) {
        return;
      }
      if (result.unavailable.length > 0) {
        this.services.log.warn(`Metrics of ${describeTarget(this.target)}: ${result.unavailable.map((u) => `${u.ids.length} series not available (${u.reason})`).join('; ')}`);
      }
      const data: DataMessage = {
        type: 'data', range, periodSeconds: period.periodSeconds, periodReason: period.reason, series: result.series, calls: result.calls, messages: result.messages, fetchedAt: now, unavailable: result.unavailable,
      };
      this.lastData = data;
      this.lastError = undefined;
      this.lastRefreshAt = Date.now();
      this.refreshCount++;
      this.post(data);
      this.refreshed.fire(data);
    } catch (error) {
      if (controller.signal.aborted || isCancellation(error) || this.isDisposed) {
        return;
      }
      this.services.log.error(`Metrics of ${describeTarget(this.target)}:`, error instanceof Error ? error : errorMessage(error));
      this.lastError = refreshFailureText(error);
      const lastGoodAt = this.lastData?.fetchedAt;
      this.post({ type: 'error', message: this.lastError, range: this.range(this.services.now()), ...(lastGoodAt !== undefined ? { lastGoodAt } : {}) });
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
        this.schedule();
      }
    }
  }

  private range(now: number): TimeRange {
    return resolveTimeRange(this.view.range, now, this.jobRange);
  }

  /** Discovery once per panel: describe the target and list which metrics it publishes. */
  private load(): Promise<void> {
    this.loading ??= this.discover().catch((error) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async discover(): Promise<void> {
    const found = await discoverPanel(this.target, this.services.catalog, this.services.clients);
    this.spec = found.spec;
    this.jobRange = found.jobRange;
    const jobRange = this.jobRange ? resolveTimeRange({ kind: 'job' }, this.services.now(), this.jobRange) : undefined;
    this.post({ type: 'init', panel: this.spec, view: this.view, ...(jobRange ? { jobRange } : {}) });
    this.startCurves();
    void this.loadAlarms();
  }

  /** Once per panel of a training job (a reloaded page gets the curves anew). */
  private startCurves(): void {
    const logCurves = this.services.logCurves;
    if (this.curves) {
      this.curves.resend();
    } else if (logCurves && this.target.kind === 'trainingJob' && !this.isDisposed) {
      this.curves = new PanelCurves(this.target.trainingJobName, { start: this.jobRange?.start ?? 0, running: this.jobRange?.end === undefined }, {
        ...logCurves,
        post: (m) => this.post(m),
        warn: (text) => this.services.log.warn(text),
      });
      this.curves.setVisible(this.panel.visible);
    }
  }

  private async loadAlarms(): Promise<void> {
    const spec = this.spec;
    if (!spec) {
      return;
    }
    try {
      this.alarmsValue = await loadPanelAlarms(spec, this.services.clients);
      this.post({ type: 'alarms', alarms: this.alarmsValue });
      this.alarmsLoaded.fire(this.alarmsValue);
    } catch (error) {
      this.services.log.warn(`Alarms of ${describeTarget(this.target)}: ${errorMessage(error)}`);
    }
  }

  private schedule(): void {
    const live = !this.isDisposed && this.panel.visible && this.ready;
    this.scheduler.schedule(live ? AUTO_REFRESH_MS[this.view.autoRefresh] : undefined, this.lastRefreshAt);
  }

  private clearTimer(): void {
    this.scheduler.clear();
  }

  private stop(): void {
    this.curves?.dispose();
    this.clearTimer();
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private onVisibilityChanged(): void {
    if (this.isDisposed) {
      return;
    }
    this.curves?.setVisible(this.panel.visible);
    if (!this.panel.visible) {
      this.clearTimer();
    } else if (!this.inFlight) {
      this.schedule();
    }
  }

  private post(message: MetricsHostToWebview): void {
    if (message.type === 'alarmResult') {
      this.lastAlarmResult = message;
    }
    if (!this.isDisposed && this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private async onMessage(message: unknown): Promise<void> {
    if (isBaseWebviewToHost(message)) {
      if (message.type === 'ready') {
        this.ready = true;
        // A reloaded page asks again: resend what it needs.
        this.loading = undefined;
        void this.refresh();
      } else {
        this.services.log.warn(`Metrics panel: ${message.message}`);
      }
      return;
    }
    if (!isMetricsWebviewToHost(message)) {
      this.services.log.warn(`Metrics panel sent a malformed message: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    await this.handle(message);
  }

  private async handle(message: MetricsWebviewToHost): Promise<void> {
    switch (message.type) {
      case 'setView':
        this.view = message.view;
        await this.refresh();
        return;
      case 'refresh':
        await this.refresh();
        return;
      case 'showLog':
        this.services.log.show(true);
        return;
      case 'shown': {
        const { type: _type, ...shown } = message;
        this.shown = shown;
        return;
      }
      case 'curvesShown':
        if (this.curves) {
          this.curves.shown = { axis: message.axis, series: message.series, notes: message.notes };
        }
        return;
      case 'showLogs':
        await this.showLogs(message.time, message.periodSeconds);
        return;
      case 'createAlarm':
        await this.createAlarm(message);
        return;
      case 'saveFile':
        await saveFile(message.kind, message.fileName, message.content, this.services.showSaveDialog ?? ((o) => vscode.window.showSaveDialog(o)));
        return;
    }
  }

  private async showLogs(time: number, periodSeconds: number): Promise<void> {
    const around = Math.max(periodSeconds * 1000, 5 * 60_000);
    const window = { startTime: time - around, endTime: time + around, follow: false };
    const target = tailArgumentOf(this.target);
    if (!target) {
      void vscode.window.showInformationMessage('A pipeline writes no logs of its own: tail a step\'s job from the tree (Pipelines → execution → step).');
      return;
    }
    await vscode.commands.executeCommand(CommandId.TailLogs, { ...target, ...window });
  }

  private async createAlarm(form: CreateAlarmMessage): Promise<void> {
    const result = await createPanelAlarm(this.spec, form, this.services.clients, this.services.log);
    this.post(result);
    if (result.ok) {
      this.services.onAlarmsChanged?.();
      await this.loadAlarms();
    }
  }

  /** What the serializer restores. */
  persisted(): PersistedPanel {
    return { target: this.target, view: this.view };
  }
}
