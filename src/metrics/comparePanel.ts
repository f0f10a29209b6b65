/**
 * One compare panel: describes the jobs once, then refreshes every series of every job with one GetMetricData
 * call (⌈queries / 500⌉), auto-refreshes each minute while a job runs and the panel is visible, stops when closed.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { ResourceCatalog } from '../aws/catalog';
import { loadBackend } from '../aws/loadBackend';
import { isCancellation, errorMessage } from '../platform/errors';
import { compareTargetLabel, type CompareTarget } from '../shared/compareTargets';
import {
  isCompareWebviewToHost,
  type CompareDataMessage,
  type CompareHostToWebview,
  type CompareShownMessage,
  type CompareViewState,
  type CompareWebviewToHost,
  readsLogs,
} from '../shared/compareProtocol';
import { Disposable, toDisposable } from '../shared/lifecycle';
import type { JobCurveFeeds } from '../shared/logCurves/feeds';
import type { JobLineReader } from '../shared/logs/jobLines';
import { CompareCurves } from './compareCurves';
import { compareJobOf, loadComparedJobs, type ComparedJobs } from './compareJobs';
import { comparePeriod, compareRange, compareSeries, compareSpec, type CompareSpec } from '../shared/metrics/compare';
import { buildMetricDataRequests } from '../shared/metrics/requests';
import { isTerminalTrainingStatus } from '../shared/model';
import { isBaseWebviewToHost } from '../shared/webviewProtocol';
import { buildWebviewHtml, createNonce } from '../shared/webviewHtml';
import { saveFile, type ShowSaveDialog } from './panelFiles';
import { RefreshScheduler } from './refreshScheduler';
import { loadPanelData, refreshFailureText } from './refresh';

export interface ComparePanelServices {
  readonly clients: () => Promise<AwsClients>;
  readonly catalog: ResourceCatalog;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
  readonly now: () => number;
  readonly showSaveDialog?: ShowSaveDialog;
  /** The jobs' "from logs" curves: the window's curve feeds and the logs feature's reader. */
  readonly logCurves?: { readonly feeds: JobCurveFeeds; readonly read: JobLineReader };
}

/** A running job's curves grow: read them again this often while the panel is visible. */
const LIVE_REFRESH_MS = 60_000;

export class ComparePanel extends Disposable {
  spec: CompareSpec | undefined;
  private compared: ComparedJobs | undefined;
  private inFlight: AbortController | undefined;
  private readonly scheduler = new RefreshScheduler(() => void this.refresh());
  private lastRefreshAt = 0;
  private ready = false;
  private loading: Promise<void> | undefined;
  private readonly refreshed = this._register(new vscode.EventEmitter<CompareDataMessage>());
  /** Fires after each refresh posted its data (tests wait on it). */
  readonly onDidRefresh = this.refreshed.event;
  private readonly closed = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.closed.event;
  refreshCount = 0;
  lastData: CompareDataMessage | undefined;
  lastError: string | undefined;
  /** The jobs' curves from their log lines, while the panel charts them. */
  curves: CompareCurves | undefined;
  /** What the page last reported it shows. */
  shown: Omit<CompareShownMessage, 'type'> | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: CompareTarget,
    private view: CompareViewState,
    private readonly services: ComparePanelServices,
  ) {
    super();
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
      scripts: [asUri('dist', 'webview', 'compare.js')],
      styles: [asUri('dist', 'webview', 'codicon.css'), asUri('media', 'metrics.css'), asUri('media', 'compare.css')],
      bodyHtml: '<div id="app"><p id="status" role="status">Loading the jobs…</p></div>',
      initialState: { target, view },
    });
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'sagemaker.svg');
    this._register(webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)));
    this._register(
      panel.onDidChangeViewState(() => {
        this.curves?.setVisible(panel.visible);
        return panel.visible ? this.schedule() : this.scheduler.clear();
      }),
    );
    this._register(toDisposable(() => this.stop()));
    this._register(panel.onDidDispose(() => this.dispose()));
  }

  describeState(): string {
    return `ready=${this.ready} visible=${this.panel.visible} refreshing=${this.inFlight !== undefined} described=${this.spec !== undefined} refreshes=${this.refreshCount}`;
  }

  get scheduled(): boolean {
    return this.scheduler.scheduled;
  }

  /** A message as if the page had sent it (the same guard and handling). */
  receive(message: unknown): Promise<void> {
    return this.onMessage(message);
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

  persisted(): { target: CompareTarget; view: CompareViewState } {
    return { target: this.target, view: this.view };
  }

  /** Refreshes now (superseding a refresh in flight). */
  async refresh(): Promise<void> {
    if (this.isDisposed || !this.ready) {
      return;
    }
    this.scheduler.clear();
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      this.post({ type: 'loading' });
      await this.load();
      await this.followRunningJobs(controller.signal);
      const spec = this.spec;
      if (!spec || controller.signal.aborted) {
        return;
      }
      const now = this.services.now();
      const range = compareRange(spec.jobs, now);
      const series = compareSeries(spec);
      const period = comparePeriod(range, now, series.length);
      const requests = buildMetricDataRequests(series, range, period.periodSeconds);
      const [backend, clients] = await Promise.all([loadBackend(), this.services.clients()]);
      const result = await loadPanelData(backend, clients, requests, controller.signal);
      if (controller.signal.aborted || this.isDisposed) {
        return;
      }
      const data: CompareDataMessage = { type: 'data', range, periodSeconds: period.periodSeconds, periodReason: period.reason, series: result.series, calls: result.calls, fetchedAt: now, unavailable: result.unavailable };
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
      this.services.log.error(`Compare ${compareTargetLabel(this.target)}:`, error instanceof Error ? error : errorMessage(error));
      this.lastError = refreshFailureText(error);
      this.post({ type: 'error', message: this.lastError });
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
        this.schedule();
      }
    }
  }

  /** The jobs, once per panel. */
  private load(): Promise<void> {
    this.loading ??= loadComparedJobs(this.target, this.services.catalog).then(
      (compared) => {
        this.compared = compared;
        this.rebuild();
        this.followLogs();
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Jobs still running are described again: their end, status and duration move. */
  private async followRunningJobs(signal: AbortSignal): Promise<void> {
    const compared = this.compared;
    const running = compared?.jobs.filter((j) => !isTerminalTrainingStatus(j.status)) ?? [];
    if (!compared || running.length === 0 || this.refreshCount === 0) {
      return;
    }
    const details = await Promise.all(running.map((j) => this.services.catalog.describeTrainingJob(j.name, signal)));
    const byName = new Map(details.map((d) => [d.name, d]));
    const jobs = compared.jobs.map((j) => {
      const d = byName.get(j.name);
      return d ? compareJobOf(d, j.objectiveValue) : j;
    });
    if (jobs.some((j, i) => j.status !== compared.jobs[i].status || j.endedAt !== compared.jobs[i].endedAt)) {
      this.compared = { ...compared, jobs };
      this.rebuild();
    }
  }

  private rebuild(): void {
    const compared = this.compared;
    if (!compared) {
      return;
    }
    this.spec = compareSpec(compared.jobs, { instanceMetrics: this.view.instanceMetrics, title: compared.title, ...(compared.objective ? { objective: compared.objective } : {}) });
    this.post({ type: 'init', spec: this.spec, view: this.view, now: this.services.now() });
  }

  /** Reads the jobs' log lines while the panel charts them (once per panel; a reloaded page gets them anew). */
  private followLogs(): void {
    const logCurves = this.services.logCurves;
    if (!readsLogs(this.view) || !logCurves || this.isDisposed || !this.compared) {
      this.curves?.dispose();
      this.curves = undefined;
    } else if (this.curves) {
      this.curves.resend();
    } else {
      const log = this.services.log;
      this.curves = new CompareCurves(this.compared.jobs, { ...logCurves, warn: (text) => log.warn(text) }, (m) => this.post(m));
      this.curves.setVisible(this.panel.visible);
    }
  }

  private schedule(): void {
    const live = !this.isDisposed && this.panel.visible && this.ready && (this.spec?.jobs.some((j) => !isTerminalTrainingStatus(j.status)) ?? false);
    this.scheduler.schedule(live ? LIVE_REFRESH_MS : undefined, this.lastRefreshAt);
  }

  private stop(): void {
    this.curves?.dispose();
    this.curves = undefined;
    this.scheduler.clear();
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private post(message: CompareHostToWebview): void {
    if (!this.isDisposed && this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private async onMessage(message: unknown): Promise<void> {
    if (isBaseWebviewToHost(message)) {
      if (message.type === 'ready') {
        this.ready = true;
        // A reloaded page asks again: send the jobs again.
        if (this.spec) {
          this.rebuild();
          this.followLogs();
        }
        void this.refresh();
      } else {
        this.services.log.warn(`Compare panel: ${message.message}`);
      }
      return;
    }
    if (!isCompareWebviewToHost(message)) {
      this.services.log.warn(`Compare panel sent a malformed message: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    await this.handle(message);
  }

  private async handle(message: CompareWebviewToHost): Promise<void> {
    switch (message.type) {
      case 'refresh':
        await this.refresh();
        return;
      case 'setView': {
        const before = this.view;
        this.view = message.view;
        if (before.instanceMetrics !== message.view.instanceMetrics) {
          // Other series: other queries.
          this.rebuild();
          await this.refresh();
        } else {
          // The x axis or the logs: no other query; the page redraws what it has.
          this.rebuild();
          if (readsLogs(before) !== readsLogs(message.view)) {
            this.followLogs();
          }
        }
        return;
      }
      case 'showLog':
        this.services.log.show(true);
        return;
      case 'shown': {
        const { type: _type, ...shown } = message;
        this.shown = shown;
        return;
      }
      case 'saveFile':
        await saveFile(message.kind, message.fileName, message.content, this.services.showSaveDialog ?? ((o) => vscode.window.showSaveDialog(o)));
        return;
    }
  }
}
