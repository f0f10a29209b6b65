/**
 * "Show Failure" for a failed training, processing or transform job: a read-only report (FailureReason, a
 * processing job's ExitMessage, the first traceback with links, the last lines of every host or instance) and
 * the traceback as a diagnostic on the user's source line. What to read and write is ./engine/failureReport.ts
 * and ./failureReader.ts; this side shows it.
 *
 * The report is a virtual document, not the job's `SageMaker Logs:` channel: that channel belongs to the
 * tail (it is cleared and appended to while a tail runs), whereas the report must stay put, be reopened and
 * searched like any editor, and carry the job in its URI for the link provider.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { classifyAwsError } from '../aws/errors';
import { loadBackend } from '../aws/loadBackend';
import { UserFacingError, isCancellation } from '../platform/errors';
import { CONFIG_SECTION, ContextKey, LOG_LANGUAGE_ID } from '../shared/ids';
import { jobArgument, jobKey, jobNoun, parseJobRef, type JobRef } from '../shared/jobRef';
import { Disposable } from '../shared/lifecycle';
import type { TracebackFrame } from '../shared/logs/traceback';
import { diagnosticMessage, failureReport, failureTraceback, notFailedMessage, type JobFailure } from './engine/failureReport';
import { failureReportPath } from './engine/reportPath';
import type { TimestampStyle } from './engine/format';
import type { FailureLogs } from '../shared/logs/failure';
import { readJobFailure, type FailureCatalog } from './failureReader';
import { FAILURE_SCHEME } from './links/provider';
import type { SourceResolver } from './links/resolver';

export const DIAGNOSTIC_COLLECTION = 'sagemaker';
const TAIL_LINES = 20;

export interface TriageSources {
  readonly catalog: FailureCatalog;
  clients(): Promise<AwsClients>;
  /** Asks for a failed job when the command comes from the command palette; undefined: dismissed. */
  pickFailedJob?(title: string): Promise<JobRef | undefined>;
}

/** What Show Failure resolves to; also carries the job's command argument (`processingJobName: …`). */
export interface ShownFailure {
  readonly trainingJobName?: string;
  readonly processingJobName?: string;
  readonly transformJobName?: string;
  readonly job: JobRef;
  readonly report: vscode.Uri;
  /** The source line the diagnostic is on, when a frame mapped into the workspace. */
  readonly diagnostic?: { readonly uri: vscode.Uri; readonly line: number };
}

const ARGUMENT_HINT = '{ trainingJobName }, { processingJobName } or { transformJobName }';

export class FailureTriage extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION));
  private readonly reports = new Map<string, string>();
  /** Each job's diagnostics and their files (by jobKey), so one job's can be cleared alone. */
  private readonly published = new Map<string, { readonly uri: vscode.Uri; readonly diagnostic: vscode.Diagnostic }[]>();
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly sources: TriageSources,
    private readonly resolver: SourceResolver,
  ) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(FAILURE_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '';
  }

  static reportUri(job: JobRef): vscode.Uri {
    return vscode.Uri.from({ scheme: FAILURE_SCHEME, path: failureReportPath(job) });
  }

  /** `sagemakerMonitor.showFailure` with a job node or `{ trainingJobName | processingJobName | transformJobName }`. */
  async show(arg: unknown): Promise<ShownFailure> {
    const job = await this.jobOf(arg);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the failure of ${job.name}…`, cancellable: true }, async (_p, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await this.showJob(job, abort.signal);
      } finally {
        sub.dispose();
      }
    });
  }

  private async jobOf(arg: unknown): Promise<JobRef> {
    if (arg !== undefined) {
      const job = parseJobRef(arg);
      if (!job) {
        throw new UserFacingError(`Show Failure needs a job: ${ARGUMENT_HINT}.`);
      }
      return job;
    }
    const picked = this.sources.pickFailedJob ? await this.sources.pickFailedJob('Show Failure') : undefined;
    if (!picked) {
      throw Object.assign(new Error('No job picked'), { name: 'Canceled' });
    }
    return picked;
  }

  private async showJob(job: JobRef, signal: AbortSignal): Promise<ShownFailure> {
    const noun = `${jobNoun(job.kind)} ${job.name}`;
    const { failure, logSource } = await explained(`cannot read ${noun}`, () => readJobFailure(this.sources.catalog, job, signal));
    const notFailed = notFailedMessage(failure);
    if (notFailed) {
      throw new UserFacingError(notFailed);
    }
    const logs = await explained(`cannot read the logs of ${noun}`, async () => {
      const [source, backend, clients] = await Promise.all([logSource(signal), loadBackend(), this.sources.clients()]);
      return backend.readFailureLogs(clients.logs, source, { tailLines: TAIL_LINES }, signal);
    });
    const style = vscode.workspace.getConfiguration(CONFIG_SECTION).get<TimestampStyle>('logs.timestamps', 'local');

    const report = FailureTriage.reportUri(job);
    this.reports.set(report.toString(), failureReport(failure, logs, style));
    this.changed.fire(report);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(report), LOG_LANGUAGE_ID);
    await vscode.window.showTextDocument(doc, { preview: false });

    const diagnostic = await this.publish(failure, logs);
    return { ...jobArgument(job), job, report, ...(diagnostic ? { diagnostic } : {}) };
  }

  /** The innermost frame in the workspace gets the error; the frames that called it are related information. */
  private async publish(failure: JobFailure, logs: FailureLogs): Promise<ShownFailure['diagnostic']> {
    const job = failure.job;
    this.clear(job);
    const found = failureTraceback(failure, logs);
    if (!found) {
      return undefined;
    }
    const located: { frame: TracebackFrame; uri: vscode.Uri }[] = [];
    for (const frame of found.traceback.frames) {
      const r = await this.resolver.resolve(frame.path, job);
      if (r.kind === 'found' && r.candidates.length === 1) {
        located.push({ frame, uri: vscode.Uri.file(r.candidates[0]) });
      }
    }
    const innermost = located[located.length - 1];
    if (!innermost) {
      return undefined;
    }
    const line = innermost.frame.line - 1;
    const range = await lineRange(innermost.uri, line);
    const d = new vscode.Diagnostic(range, diagnosticMessage(failure, found.traceback, found.host), vscode.DiagnosticSeverity.Error);
    d.source = 'SageMaker';
    // The code links back to the report, so the Problems panel leads to the whole failure.
    d.code = { value: job.name, target: FailureTriage.reportUri(job) };
    d.relatedInformation = located
      .slice(0, -1)
      .reverse()
      .map(({ frame, uri }) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Position(frame.line - 1, 0)), `called from ${frame.func ?? 'here'}${frame.code ? `: ${frame.code}` : ''}`));
    this.diagnostics.set(innermost.uri, [...(this.diagnostics.get(innermost.uri) ?? []), d]);
    this.published.set(jobKey(job), [{ uri: innermost.uri, diagnostic: d }]);
    void vscode.commands.executeCommand('setContext', ContextKey.FailureShown, true);
    return { uri: innermost.uri, line: innermost.frame.line };
  }

  /** Removes a job's diagnostics (all jobs' without one). */
  clear(job?: JobRef): void {
    const keys = job === undefined ? [...this.published.keys()] : [jobKey(job)];
    for (const key of keys) {
      for (const { uri, diagnostic } of this.published.get(key) ?? []) {
        const rest = (this.diagnostics.get(uri) ?? []).filter((d) => d !== diagnostic);
        this.diagnostics.set(uri, rest.length > 0 ? rest : undefined);
      }
      this.published.delete(key);
    }
    if (this.published.size === 0) {
      void vscode.commands.executeCommand('setContext', ContextKey.FailureShown, false);
    }
  }

  /**
   * `sagemakerMonitor.dismissFailure`: a job (`{ processingJobName }`, a tree node…) dismisses its own; nothing
   * (or what a menu passes that is not a job) dismisses all.
   */
  dismiss(arg?: unknown): void {
    this.clear(arg === undefined ? undefined : parseJobRef(arg));
  }

  /** A new tail of the job replaces what the report said. */
  tailStarted(arg: unknown): void {
    const job = parseJobRef(arg);
    if (job && this.published.has(jobKey(job))) {
      this.clear(job);
    }
  }

  /** What the Problems panel shows for a job: a training job's name, or a job argument (tests). */
  diagnosticsOf(job: string | JobRef | Record<string, unknown>): { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[] {
    const ref = typeof job === 'string' ? { kind: 'training' as const, name: job } : 'kind' in job && 'name' in job ? (job as JobRef) : parseJobRef(job);
    return ref ? [...(this.published.get(jobKey(ref)) ?? [])] : [];
  }
}

/** Runs a read; an AWS failure the user can act on (a missing permission, a deleted job) becomes one clear sentence. */
async function explained<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isCancellation(e) || e instanceof UserFacingError) {
      throw e;
    }
    const failure = classifyAwsError(e);
    if (failure.kind === 'cancelled' || failure.kind === 'other') {
      throw e;
    }
    throw new UserFacingError(`Show Failure: ${what}. ${failure.message}`);
  }
}

/** The source line from its first non-blank character to its end (the whole line when the file cannot be read). */
async function lineRange(uri: vscode.Uri, line: number): Promise<vscode.Range> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split(/\r?\n/)[line] ?? '';
    const start = text.length - text.trimStart().length;
    return new vscode.Range(line, start, line, text.length);
  } catch {
    return new vscode.Range(line, 0, line, 0);
  }
}
