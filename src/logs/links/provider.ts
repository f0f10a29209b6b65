/**
 * Jump to source from the log channels: a DocumentLinkProvider on `sagemaker-log` documents that finds
 * traceback frames cheaply (src/logs/model/linkIndex.ts) and maps them to workspace files only when a link
 * is resolved, hovered or clicked (resolver.ts). A link that does not name one file runs the command
 * (commands.ts).
 */
import * as vscode from 'vscode';
import { CommandId, LOG_LANGUAGE_ID } from '../../shared/ids';
import { jobArgument, jobRefOfTarget, parseJobRef, type JobRef } from '../../shared/jobRef';
import { Disposable } from '../../shared/lifecycle';
import type { TailTarget } from '../../shared/targets';
import { jobOfFailureReportPath } from '../engine/reportPath';
import { SourceRefIndex, type SourceRef } from '../model/linkIndex';
import { isLibraryPath } from '../model/sourceMapping';
import type { SourceResolver } from './resolver';

/** Virtual documents of this extension that show log text (the Show Failure report). */
export const FAILURE_SCHEME = 'sagemaker-failure';

/**
 * Output channels are documents with scheme `output` and the channel's language id (checked in the
 * extension host of VS Code 1.100 and 1.139 by test/integration/logs/links.test.ts).
 */
export const LOG_DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'output', language: LOG_LANGUAGE_ID },
  { scheme: FAILURE_SCHEME, language: LOG_LANGUAGE_ID },
];

/** What a link or the open command needs to find the file again: the path, and the job whose log wrote it. */
export interface SourceLinkArgs {
  readonly path: string;
  readonly line: number;
  readonly column?: number;
  readonly trainingJobName?: string;
  readonly processingJobName?: string;
  readonly transformJobName?: string;
}

/** The job a link's arguments name, if any. */
export function jobOfLinkArgs(args: SourceLinkArgs): JobRef | undefined {
  return args.trainingJobName || args.processingJobName || args.transformJobName ? parseJobRef(args) : undefined;
}

const CHANNEL_PREFIX = 'SageMaker Logs: ';

/** The job (or endpoint) a log document belongs to, by name: from the channel name or the failure report's URI. */
export function resourceNameOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme === FAILURE_SCHEME) {
    return jobOfFailureReportPath(uri.path)?.name;
  }
  let text: string;
  try {
    text = decodeURIComponent(uri.toString(true));
  } catch {
    text = uri.toString(true);
  }
  const at = text.lastIndexOf(CHANNEL_PREFIX);
  if (at < 0) {
    return undefined;
  }
  const name = /^[A-Za-z0-9][A-Za-z0-9-]*/.exec(text.slice(at + CHANNEL_PREFIX.length));
  return name?.[0];
}

export class SourceLink extends vscode.DocumentLink {
  constructor(
    range: vscode.Range,
    readonly args: SourceLinkArgs,
  ) {
    super(range);
  }
}

/** A URI that opens the file at the line when clicked (the fragment is VS Code's `#L<line>,<column>`). */
export function fileTarget(file: string, line: number, column?: number): vscode.Uri {
  return vscode.Uri.file(file).with({ fragment: `L${line}${column ? `,${column}` : ''}` });
}

function commandTarget(args: SourceLinkArgs): vscode.Uri {
  return vscode.Uri.parse(`command:${CommandId.OpenSourceLink}?${encodeURIComponent(JSON.stringify([args]))}`);
}

/** What started the tail of a channel (by the resource name after `SageMaker Logs: `); undefined when no tail did. */
export type ChannelTargets = (resourceName: string) => TailTarget | undefined;

export class SourceLinkProvider extends Disposable implements vscode.DocumentLinkProvider<SourceLink> {
  private readonly index = new SourceRefIndex();

  constructor(
    private readonly resolver: SourceResolver,
    private readonly channelTargets: ChannelTargets = () => undefined,
  ) {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.index.forget(d.uri.toString())));
  }

  /**
   * The job a log document is of: a report says so in its URI; a channel is its tail's target's (none for an
   * endpoint's). A channel no tail of this window wrote is taken for a training job's, as it always was.
   */
  jobOf(uri: vscode.Uri): JobRef | undefined {
    if (uri.scheme === FAILURE_SCHEME) {
      return jobOfFailureReportPath(uri.path);
    }
    const name = resourceNameOf(uri);
    if (name === undefined) {
      return undefined;
    }
    const target = this.channelTargets(name);
    return target ? jobRefOfTarget(target) : { kind: 'training', name };
  }

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<SourceLink[]> {
    const job = this.jobOf(document.uri);
    const refs = this.index.refs(document.uri.toString(), { lineCount: document.lineCount, lineAt: (i) => document.lineAt(i).text }, () => token.isCancellationRequested);
    if (!refs) {
      return [];
    }
    const links: SourceLink[] = [];
    for (const { line, ref } of refs) {
      // Library frames are linked only when that file is in the workspace (a vendored or mapped package).
      if (!isLibraryPath(ref.path) || (await this.resolver.resolvePlain(ref.path)).kind === 'found') {
        links.push(this.link(line, ref, job));
      }
    }
    return links;
  }

  private link(line: number, ref: SourceRef, job: JobRef | undefined): SourceLink {
    const args: SourceLinkArgs = { path: ref.path, line: ref.line, ...(ref.column ? { column: ref.column } : {}), ...(job ? jobArgument(job) : {}) };
    const link = new SourceLink(new vscode.Range(line, ref.start, line, ref.end), args);
    link.tooltip = `Open ${ref.path} at line ${ref.line}`;
    return link;
  }

  async resolveDocumentLink(link: SourceLink): Promise<SourceLink> {
    const { path, line, column } = link.args;
    const resolution = await this.resolver.resolve(path, jobOfLinkArgs(link.args));
    if (resolution.kind === 'found' && resolution.candidates.length === 1) {
      link.target = fileTarget(resolution.candidates[0], line, column);
      link.tooltip = `Open ${vscode.workspace.asRelativePath(vscode.Uri.file(resolution.candidates[0]))}:${line}`;
    } else {
      // Several candidates or none: the command asks which, or offers to add a mapping.
      link.target = commandTarget(link.args);
    }
    return link;
  }
}
