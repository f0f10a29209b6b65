/**
 * "Show Failure" for a failed training job: a read-only report (FailureReason, the first traceback with
 * links, the last lines of every host) and the traceback as a diagnostic on the user's source line.
 *
 * The report is a virtual document, not the job's `SageMaker Logs:` channel: that channel belongs to the
 * tail (it is cleared and appended to while a tail runs), whereas the report must stay put, be reopened and
 * searched like any editor, and carry the job name in its URI for the link provider.
 */
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import { loadBackend } from '../aws/loadBackend';
import type { FailureLogLine, FailureLogs } from '../aws/failureLogs';
import { UserFacingError } from '../platform/errors';
import { CONFIG_SECTION, ContextKey, LOG_LANGUAGE_ID } from '../shared/ids';
import { Disposable } from '../shared/lifecycle';
import type { TrainingHost, TrainingJobDetail } from '../shared/model';
import { formatTimestamp, type TimestampStyle } from './engine/format';
import { findTraceback, type TracebackFrame } from '../shared/logs/traceback';
import { parseTailTarget } from '../shared/targets';
import { FAILURE_SCHEME } from './links/provider';
import type { SourceResolver } from './links/resolver';

export const DIAGNOSTIC_COLLECTION = 'sagemaker';
const TAIL_LINES = 20;

export interface TriageSources {
  describeTrainingJob(trainingJobName: string, signal?: AbortSignal): Promise<TrainingJobDetail>;
  listTrainingHosts(trainingJobName: string, instanceCount: number, signal?: AbortSignal): Promise<TrainingHost[]>;
  clients(): Promise<AwsClients>;
}

export interface ShownFailure {
  readonly trainingJobName: string;
  readonly report: vscode.Uri;
  /** The source line the diagnostic is on, when a frame mapped into the workspace. */
  readonly diagnostic?: { readonly uri: vscode.Uri; readonly line: number };
}

/** The report's text: marked section lines (`=== [failure] …`) that the sagemaker-log grammar colours. */
export function failureReport(job: TrainingJobDetail, logs: FailureLogs, style: TimestampStyle): string {
  const out: string[] = [];
  const line = (host: string, l: FailureLogLine) => {
    const ts = formatTimestamp(l.timestamp, style);
    return `${ts ? `${ts} ` : ''}[${host}] ${l.message}`;
  };
  out.push(`=== [failure] Training job ${job.name} failed${job.endedAt ? ` at ${formatTimestamp(job.endedAt, style === 'none' ? 'utc' : style)}` : ''}`);
  out.push('FailureReason:');
  out.push(...(job.failureReason ?? '(none given)').split(/\r?\n/).map((l) => `  ${l}`));
  out.push('');
  if (logs.traceback) {
    out.push(`=== [traceback] first traceback, ${logs.traceback.host} (${logs.traceback.logStreamName})`);
    out.push(...logs.traceback.lines.map((l) => line(logs.traceback?.host ?? '', l)));
  } else {
    out.push('=== [traceback] no Python traceback found near the end of the logs');
  }
  for (const h of logs.hosts) {
    out.push('');
    out.push(`=== [host] ${h.host}: last ${h.lastLines.length} lines (${h.logStreamName})`);
    out.push(...h.lastLines.map((l) => line(h.host, l)));
  }
  if (logs.hosts.length === 0) {
    out.push('', '=== [host] no log streams: the job failed before any host started');
  }
  return out.join('\n') + '\n';
}

export class FailureTriage extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION));
  private readonly reports = new Map<string, string>();
  /** Each job's diagnostics and their files, so one job's can be cleared alone. */
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

  static reportUri(trainingJobName: string): vscode.Uri {
    return vscode.Uri.from({ scheme: FAILURE_SCHEME, path: `/${trainingJobName}.log` });
  }

  /** `sagemakerMonitor.showFailure` with a training job node or `{ trainingJobName }`. */
  async show(arg: unknown): Promise<ShownFailure> {
    const trainingJobName = await this.jobName(arg);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the failure of ${trainingJobName}…`, cancellable: true }, async (_p, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await this.showJob(trainingJobName, abort.signal);
      } finally {
        sub.dispose();
      }
    });
  }

  private async jobName(arg: unknown): Promise<string> {
    if (arg !== undefined) {
      const parsed = parseTailTarget(arg);
      if (!parsed.ok || parsed.value.kind !== 'trainingJob') {
        throw new UserFacingError('Show Failure needs a training job: { trainingJobName }.');
      }
      return parsed.value.trainingJobName;
    }
    const name = await vscode.window.showInputBox({ title: 'Show Failure', prompt: 'Name of the failed training job', ignoreFocusOut: true });
    if (!name) {
      throw Object.assign(new Error('No training job given'), { name: 'Canceled' });
    }
    return name.trim();
  }

  private async showJob(trainingJobName: string, signal: AbortSignal): Promise<ShownFailure> {
    const job = await this.sources.describeTrainingJob(trainingJobName, signal);
    if (job.status !== 'Failed') {
      throw new UserFacingError(`Training job ${trainingJobName} has not failed (it is ${job.status}${job.secondaryStatus ? `, ${job.secondaryStatus}` : ''}).`);
    }
    const [hosts, backend, clients] = await Promise.all([this.sources.listTrainingHosts(trainingJobName, job.instanceCount, signal), loadBackend(), this.sources.clients()]);
    const logs = await backend.readFailureLogs(clients.logs, trainingJobName, hosts, { tailLines: TAIL_LINES }, signal);
    const style = vscode.workspace.getConfiguration(CONFIG_SECTION).get<TimestampStyle>('logs.timestamps', 'local');

    const report = FailureTriage.reportUri(trainingJobName);
    this.reports.set(report.toString(), failureReport(job, logs, style));
    this.changed.fire(report);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(report), LOG_LANGUAGE_ID);
    await vscode.window.showTextDocument(doc, { preview: false });

    const diagnostic = await this.publish(trainingJobName, logs);
    return { trainingJobName, report, ...(diagnostic ? { diagnostic } : {}) };
  }

  /** The innermost frame in the workspace gets the error; the frames that called it are related information. */
  private async publish(trainingJobName: string, logs: FailureLogs): Promise<ShownFailure['diagnostic']> {
    this.clear(trainingJobName);
    const tb = logs.traceback ? findTraceback(logs.traceback.lines.map((l) => l.message)) : undefined;
    if (!tb) {
      return undefined;
    }
    const located: { frame: TracebackFrame; uri: vscode.Uri }[] = [];
    for (const frame of tb.frames) {
      const r = await this.resolver.resolve(frame.path, { kind: 'training', name: trainingJobName });
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
    const d = new vscode.Diagnostic(range, `${tb.error || 'Training failed here'} (training job ${trainingJobName}, ${logs.traceback?.host ?? 'host'})`, vscode.DiagnosticSeverity.Error);
    d.source = 'SageMaker';
    // The code links back to the report, so the Problems panel leads to the whole failure.
    d.code = { value: trainingJobName, target: FailureTriage.reportUri(trainingJobName) };
    d.relatedInformation = located
      .slice(0, -1)
      .reverse()
      .map(({ frame, uri }) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Position(frame.line - 1, 0)), `called from ${frame.func ?? 'here'}${frame.code ? `: ${frame.code}` : ''}`));
    this.diagnostics.set(innermost.uri, [...(this.diagnostics.get(innermost.uri) ?? []), d]);
    this.published.set(trainingJobName, [{ uri: innermost.uri, diagnostic: d }]);
    void vscode.commands.executeCommand('setContext', ContextKey.FailureShown, true);
    return { uri: innermost.uri, line: innermost.frame.line };
  }

  /** Removes a job's diagnostics (all jobs' without a name). */
  clear(trainingJobName?: string): void {
    const jobs = trainingJobName === undefined ? [...this.published.keys()] : [trainingJobName];
    for (const job of jobs) {
      for (const { uri, diagnostic } of this.published.get(job) ?? []) {
        const rest = (this.diagnostics.get(uri) ?? []).filter((d) => d !== diagnostic);
        this.diagnostics.set(uri, rest.length > 0 ? rest : undefined);
      }
      this.published.delete(job);
    }
    if (this.published.size === 0) {
      void vscode.commands.executeCommand('setContext', ContextKey.FailureShown, false);
    }
  }

  /** `sagemakerMonitor.dismissFailure`: `{ trainingJobName }` dismisses one job, nothing dismisses all. */
  dismiss(arg?: unknown): void {
    const parsed = arg === undefined ? undefined : parseTailTarget(arg);
    this.clear(parsed?.ok && parsed.value.kind === 'trainingJob' ? parsed.value.trainingJobName : undefined);
  }

  /** A new tail of the job replaces what the report said. */
  tailStarted(arg: unknown): void {
    const parsed = parseTailTarget(arg);
    if (parsed.ok && parsed.value.kind === 'trainingJob' && this.published.has(parsed.value.trainingJobName)) {
      this.clear(parsed.value.trainingJobName);
    }
  }

  /** What the Problems panel shows for a job (tests). */
  diagnosticsOf(trainingJobName: string): { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[] {
    return [...(this.published.get(trainingJobName) ?? [])];
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
