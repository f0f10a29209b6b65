/**
 * One Logs Insights results view: runs a query (a new run stops the one before it), shows partial results
 * while it runs, stops the query when the view closes, and answers the page (open a row's event, copy,
 * tail from a row, jump to source).
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { loadBackend } from '../aws/loadBackend';
import { errorMessage, isCancellation } from '../platform/errors';
import { CommandId, WebviewViewType } from '../shared/ids';
import { formatRows, sortRows, TERMINAL_STATUSES, type QueryResult } from '../shared/insights/results';
import { isInsightsWebviewToHost, type InsightsHostToWebview, type InsightsWebviewToHost, type PersistedInsights, type ResultsMessage, type RunMessage } from '../shared/insightsProtocol';
import { Disposable, toDisposable } from '../shared/lifecycle';
import { isBaseWebviewToHost } from '../shared/webviewProtocol';
import { buildWebviewHtml, createNonce } from '../shared/webviewHtml';
import { JOB_LOG_GROUPS } from './model/target';
import { followQuery, QueryLimitError, runQuery, type InsightsCalls, type QueryRequest } from './model/runner';

export interface InsightsServices {
  readonly clients: () => Promise<AwsClients>;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
  /** Fields of the latest results, for completions. */
  readonly onFields?: (fields: readonly string[]) => void;
  /** Asked when the account runs as many queries as it may: true waits for a slot. */
  readonly askWaitForSlot?: (message: string) => Promise<boolean>;
}

export const INSIGHTS_VIEW_TYPE = WebviewViewType.Insights;
const AROUND_MS = 5 * 60_000;

export async function askWaitForSlot(message: string): Promise<boolean> {
  const wait = 'Wait for a Free Slot';
  return (await vscode.window.showWarningMessage(message, wait, 'Cancel')) === wait;
}

export class InsightsPanel extends Disposable {
  private ready = false;
  private inFlight: AbortController | undefined;
  private runs = 0;
  private lastRun: RunMessage | undefined;
  private lastResults: ResultsMessage | undefined;
  private lastRequest: QueryRequest | undefined;
  /** The query id of the last run (kept after it ended: a reloaded window reads its results again). */
  private lastQueryId: string | undefined;
  private readonly closed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.closed.event;
  private readonly updated = new vscode.EventEmitter<ResultsMessage>();
  /** Each results update posted to the page (partial and final). */
  readonly onDidUpdate = this.updated.event;
  /** The query id of the run in progress (undefined between runs). */
  queryId: string | undefined;
  /** The last event opened from a row (GetLogRecord). */
  lastRecord: Readonly<Record<string, string>> | undefined;
  /** What the page last said it shows. */
  shown: Extract<InsightsWebviewToHost, { type: 'shown' }> | undefined;
  /** The text of the last copy (tests read it instead of the clipboard). */
  lastCopied: string | undefined;
  lastError: string | undefined;
  /** A view restored after a reload: its results read again (undefined when they could not be). */
  restored: Promise<QueryResult | undefined> | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: string,
    private readonly services: InsightsServices,
  ) {
    super();
    this._register(this.closed);
    this._register(this.updated);
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
      scripts: [asUri('dist', 'webview', 'insights.js')],
      styles: [asUri('dist', 'webview', 'codicon.css'), asUri('media', 'insights.css')],
      bodyHtml: '<div id="app"><p id="status" role="status">Starting the query…</p></div>',
    });
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'sagemaker.svg');
    this._register(webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)));
    this._register(toDisposable(() => this.stop()));
    this._register(panel.onDidDispose(() => this.dispose()));
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.closed.fire();
    super.dispose();
    this.panel.dispose();
  }

  get running(): boolean {
    return this.inFlight !== undefined;
  }

  /** The latest results (partial while running). */
  get result(): QueryResult | undefined {
    return this.lastResults;
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** A message as if the page had sent it (tests drive the view through its protocol). */
  receive(message: unknown): Promise<void> {
    return this.onMessage(message);
  }

  /** Stops the query in progress (StopQuery); its run resolves Cancelled. */
  stop(): void {
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  /** What the page keeps across a window reload (no rows: the query id reads them again). */
  persisted(): PersistedInsights | undefined {
    const r = this.lastRequest;
    return r
      ? {
          version: 1,
          key: this.key,
          title: this.panel.title,
          request: { logGroupNames: [...r.logGroupNames], queryString: r.queryString, startTime: r.startTime, endTime: r.endTime },
          ...(this.lastQueryId ? { queryId: this.lastQueryId } : {}),
        }
      : undefined;
  }

  private persist(): void {
    const state = this.persisted();
    if (state) {
      this.post({ type: 'persist', state });
    }
  }

  /**
   * After a window reload: the saved query and its results, read again with GetQueryResults (followed on
   * while it still runs). Results no longer there, or a query that had not started, leave the query shown
   * with a word to run it again. Resolves with the results read, or undefined.
   */
  async restore(state: PersistedInsights): Promise<QueryResult | undefined> {
    const request: QueryRequest = { ...state.request, logGroupNames: [...state.request.logGroupNames] };
    if (state.queryId === undefined) {
      const runId = this.begin(request, state.title);
      this.lastError = 'The query had not started when the window closed: Run Again to run it.';
      this.post({ type: 'runError', runId, message: this.lastError });
      return undefined;
    }
    try {
      return await this.run(request, state.title, state.queryId);
    } catch {
      return undefined; // shown in the view
    }
  }

  private begin(request: QueryRequest, title: string): number {
    this.stop();
    const runId = ++this.runs;
    this.lastRequest = request;
    this.lastResults = undefined;
    this.lastError = undefined;
    this.queryId = undefined;
    this.lastQueryId = undefined;
    this.panel.title = title;
    this.lastRun = { type: 'run', runId, title, queryString: request.queryString, logGroupNames: [...request.logGroupNames], startTime: request.startTime, endTime: request.endTime };
    this.post(this.lastRun);
    this.persist();
    return runId;
  }

  /**
   * Runs `request`, stopping the run before it (or, with `resumeQueryId`, reads that query's results again).
   * Resolves with the final results, or with the last partial results marked Cancelled when stopped (the
   * view closed, a new run began).
   */
  async run(request: QueryRequest, title: string, resumeQueryId?: string): Promise<QueryResult> {
    const runId = this.begin(request, title);
    const controller = new AbortController();
    this.inFlight = controller;
    const started = Date.now();
    let latest: QueryResult | undefined;
    try {
      const [backend, clients] = await Promise.all([loadBackend(), this.services.clients()]);
      const calls: InsightsCalls = {
        start: (r, signal) => backend.startQuery(clients.logs, r, signal),
        results: (id, signal) => backend.getQueryResults(clients.logs, id, signal),
        stop: (id) => backend.stopQuery(clients.logs, id),
      };
      const onStarted = (id: string) => {
        this.queryId = id;
        this.lastQueryId = id;
        this.persist();
      };
      const onResults = (r: QueryResult) => {
        latest = r;
        this.showResults(runId, r, Date.now() - started);
      };
      if (resumeQueryId !== undefined) {
        onStarted(resumeQueryId);
      }
      const result =
        resumeQueryId !== undefined
          ? await followQuery(calls, resumeQueryId, controller.signal, { onResults, readAtOnce: true })
          : await runQuery(calls, request, controller.signal, {
              onStarted,
              onResults,
              onLimitExceeded: () => (this.services.askWaitForSlot ?? askWaitForSlot)(new QueryLimitError(undefined).message),
              onWaiting: () => this.post({ type: 'waiting', runId }),
            });
      this.services.onFields?.(result.fields);
      return result;
    } catch (error) {
      if (controller.signal.aborted || isCancellation(error)) {
        const cancelled: QueryResult = { ...(latest ?? { statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 }, fields: [], rows: [] }), status: 'Cancelled' };
        if (!this.isDisposed) {
          this.showResults(runId, cancelled, Date.now() - started);
        }
        return cancelled;
      }
      this.lastError = resumeQueryId !== undefined ? `The results of this query could not be read again (${errorMessage(error)}): Run Again to run it anew.` : errorMessage(error);
      this.services.log.error(`Logs Insights query failed: ${this.lastError}`);
      this.post({ type: 'runError', runId, message: this.lastError });
      throw error;
    } finally {
      if (this.inFlight === controller) {
        this.inFlight = undefined;
        this.queryId = undefined;
      }
    }
  }

  private showResults(runId: number, result: QueryResult, elapsedMs: number): void {
    const message: ResultsMessage = { type: 'results', runId, ...result, final: TERMINAL_STATUSES.has(result.status), elapsedMs };
    this.lastResults = message;
    this.post(message);
    this.updated.fire(message);
  }

  private post(message: InsightsHostToWebview): void {
    if (!this.isDisposed && this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private async onMessage(message: unknown): Promise<void> {
    if (isBaseWebviewToHost(message)) {
      if (message.type === 'ready') {
        this.ready = true;
        // A page that (re)loaded gets the run, its latest results (or error) and its state again.
        for (const m of [this.lastRun, this.lastResults]) {
          if (m) {
            this.post(m);
          }
        }
        if (this.lastRun && this.lastError !== undefined && !this.lastResults) {
          this.post({ type: 'runError', runId: this.lastRun.runId, message: this.lastError });
        }
        this.persist();
      } else {
        this.services.log.warn(`Logs Insights view: ${message.message}`);
      }
      return;
    }
    if (!isInsightsWebviewToHost(message)) {
      this.services.log.warn(`Logs Insights view sent a malformed message: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.services.log.error(`Logs Insights view: ${message.type} failed: ${errorMessage(error)}`);
      void vscode.window.showErrorMessage(`Logs Insights: ${errorMessage(error)}`);
    }
  }

  private async handle(message: InsightsWebviewToHost): Promise<void> {
    switch (message.type) {
      case 'shown':
        this.shown = message;
        return;
      case 'stop':
        this.stop();
        return;
      case 'rerun':
        if (this.lastRequest) {
          await this.run(this.lastRequest, this.panel.title);
        }
        return;
      case 'copy': {
        const r = this.lastResults;
        if (!r) {
          return;
        }
        const rows = message.sortField ? sortRows(r.rows, message.sortField, message.descending ?? false) : r.rows;
        this.lastCopied = formatRows(message.format, r.fields, rows);
        await vscode.env.clipboard.writeText(this.lastCopied);
        void vscode.window.setStatusBarMessage(`Copied ${rows.length} rows as ${message.format.toUpperCase()}`, 3000);
        return;
      }
      case 'openRecord': {
        const [backend, clients] = await Promise.all([loadBackend(), this.services.clients()]);
        const record = await backend.getLogRecord(clients.logs, message.ptr);
        this.lastRecord = record;
        this.post({ type: 'record', ptr: message.ptr, record });
        return;
      }
      case 'tailFrom':
        await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: message.logGroupName, logStreamName: message.logStreamName, startTime: message.time });
        return;
      case 'logsAround':
        await vscode.commands.executeCommand(CommandId.TailLogs, {
          logGroupName: message.logGroupName,
          logStreamName: message.logStreamName,
          startTime: message.time - AROUND_MS,
          endTime: message.time + AROUND_MS,
          follow: false,
        });
        return;
      case 'openSource':
        await vscode.commands.executeCommand(CommandId.OpenSourceLink, { path: message.path, line: message.line, ...this.jobOfStream(message.logStreamName) });
        return;
    }
  }

  /** The job a result row's stream belongs to, when the query read one kind of job's logs. */
  private jobOfStream(stream: string | undefined): Record<string, string> {
    const job = stream?.split('/')[0];
    const groups = this.lastRequest?.logGroupNames ?? [];
    if (!job || groups.length !== 1) {
      return {};
    }
    const key = { [JOB_LOG_GROUPS.training]: 'trainingJobName', [JOB_LOG_GROUPS.processing]: 'processingJobName', [JOB_LOG_GROUPS.transform]: 'transformJobName' }[groups[0]];
    return key ? { [key]: job } : {};
  }
}
