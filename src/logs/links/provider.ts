/**
 * Jump to source from the log channels: a DocumentLinkProvider on `sagemaker-log` documents that finds
 * traceback frames cheaply and maps them to workspace files only when a link is resolved (hovered/clicked).
 */
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { CONFIG_SECTION, CommandId } from '../../shared/ids';
import { Disposable } from '../../shared/lifecycle';
import {
  findSourceRefs,
  isInsideWorkspace,
  isLibraryPath,
  resolveSourcePath,
  suggestedMappingPrefix,
  trainingCodeInfo,
  type Resolution,
  type SourceRef,
  type TrainingCodeInfo,
  type WorkspaceFolderInfo,
} from '../model/sourceMapping';

export const LOG_LANGUAGE = 'sagemaker-log';
/** Virtual documents of this extension that show log text (the Show Failure report). */
export const FAILURE_SCHEME = 'sagemaker-failure';

/**
 * Output channels are documents with scheme `output` and the channel's language id (checked in the
 * extension host of VS Code 1.100 and 1.139 by test/integration/logs/links.test.ts).
 */
export const LOG_DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'output', language: LOG_LANGUAGE },
  { scheme: FAILURE_SCHEME, language: LOG_LANGUAGE },
];

/** What a link or the open command needs to find the file again. */
export interface SourceLinkArgs {
  readonly path: string;
  readonly line: number;
  readonly column?: number;
  readonly trainingJobName?: string;
}

const CHANNEL_PREFIX = 'SageMaker Logs: ';
const INDEX_EXCLUDE = '**/{.git,node_modules,__pycache__,.venv,venv,.tox,.mypy_cache}/**';
const INDEX_LIMIT = 50_000;

/** The training job (or endpoint) a log document belongs to: from the channel name or the failure report's URI. */
export function resourceNameOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme === FAILURE_SCHEME) {
    return uri.path.replace(/^\//, '').replace(/\.log$/, '') || undefined;
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

function slashed(p: string): string {
  return p.replace(/\\/g, '/');
}

/** The workspace's files, listed once and kept current by a watcher (suffix matching needs them all). */
class WorkspaceFileIndex extends Disposable {
  private files: Promise<string[]> | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  private watching = false;

  /** Watches from the first listing on, so activation does not pay for it. */
  private watch(): void {
    if (this.watching) {
      return;
    }
    this.watching = true;
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*', false, true, false));
    const forget = () => {
      this.files = undefined;
      this.changed.fire();
    };
    this._register(watcher.onDidCreate(forget));
    this._register(watcher.onDidDelete(forget));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(forget));
  }

  list(): Promise<string[]> {
    this.watch();
    this.files ??= Promise.resolve(vscode.workspace.findFiles('**/*', INDEX_EXCLUDE, INDEX_LIMIT)).then(
      (uris) => uris.filter((u) => u.scheme === 'file').map((u) => slashed(u.fsPath)),
      () => [],
    );
    return this.files;
  }
}

export function workspaceFolderInfos(): WorkspaceFolderInfo[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, path: slashed(f.uri.fsPath) }));
}

/** Maps container paths to workspace files with the settings, the job's HyperParameters and the file index. */
export class SourceResolver extends Disposable {
  private readonly index = this._register(new WorkspaceFileIndex());
  private readonly codeInfo = new Map<string, { at: number; value: Promise<TrainingCodeInfo | undefined> }>();
  /** Answers without HyperParameters (library frames, asked for on every provide), until files or settings change. */
  private readonly plain = new Map<string, Promise<Resolution>>();

  constructor(private readonly hyperParameters: (trainingJobName: string) => Promise<Readonly<Record<string, string>>>) {
    super();
    this._register(this.index.onDidChange(() => this.plain.clear()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG_SECTION}.sourceMappings`)) {
          this.plain.clear();
        }
      }),
    );
  }

  /** `resolve` without the job's HyperParameters, memoized: cheap enough to call for every library frame. */
  resolvePlain(path: string): Promise<Resolution> {
    let r = this.plain.get(path);
    if (!r) {
      r = this.resolve(path, undefined, false);
      this.plain.set(path, r);
      if (this.plain.size > 5000) {
        this.plain.delete(this.plain.keys().next().value as string);
      }
    }
    return r;
  }

  private code(trainingJobName: string | undefined): Promise<TrainingCodeInfo | undefined> {
    if (!trainingJobName) {
      return Promise.resolve(undefined);
    }
    const cached = this.codeInfo.get(trainingJobName);
    if (cached && Date.now() - cached.at < 10 * 60_000) {
      return cached.value;
    }
    // An endpoint's channel, or no connection: resolve without HyperParameters.
    const value = this.hyperParameters(trainingJobName).then(trainingCodeInfo, () => undefined);
    this.codeInfo.set(trainingJobName, { at: Date.now(), value });
    return value;
  }

  async resolve(path: string, trainingJobName?: string, withCode = true): Promise<Resolution> {
    const [files, code] = await Promise.all([this.index.list(), withCode ? this.code(trainingJobName) : Promise.resolve(undefined)]);
    const sourceMappings = vscode.workspace.getConfiguration(CONFIG_SECTION).get<Record<string, unknown>>('sourceMappings', {});
    return resolveSourcePath(path, { folders: workspaceFolderInfos(), sourceMappings, files, ...(code ? { code } : {}) });
  }
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

/** A quick test that a line may hold a location at all, so large channels are scanned cheaply. */
const MAYBE_LOCATION = /\.[A-Za-z]\w*:\d|, line \d/;

/** What one scan of a document found; log channels only grow, so the next scan starts where this one ended. */
interface ScanState {
  readonly lineCount: number;
  readonly firstLine: string;
  readonly lastLine: string;
  readonly refs: readonly { readonly line: number; readonly ref: SourceRef }[];
}

export class SourceLinkProvider extends Disposable implements vscode.DocumentLinkProvider<SourceLink> {
  private readonly scans = new Map<string, ScanState>();

  constructor(private readonly resolver: SourceResolver) {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.scans.delete(d.uri.toString())));
  }

  /** Every location in the document; only the lines appended since the last scan are read again. */
  private scan(document: vscode.TextDocument, token: vscode.CancellationToken): ScanState['refs'] | undefined {
    const key = document.uri.toString();
    const previous = this.scans.get(key);
    const n = document.lineCount;
    const grown =
      previous !== undefined &&
      n >= previous.lineCount &&
      document.lineAt(0).text === previous.firstLine &&
      document.lineAt(previous.lineCount - 1).text === previous.lastLine;
    // The last line may have been half written: read it again.
    const from = grown ? previous.lineCount - 1 : 0;
    const refs = grown ? previous.refs.filter((r) => r.line < from) : [];
    for (let i = from; i < n; i++) {
      const text = document.lineAt(i).text;
      if (MAYBE_LOCATION.test(text)) {
        refs.push(...findSourceRefs(text).map((ref) => ({ line: i, ref })));
      }
      if ((i & 0xfff) === 0 && token.isCancellationRequested) {
        return undefined;
      }
    }
    this.scans.set(key, { lineCount: n, firstLine: document.lineAt(0).text, lastLine: document.lineAt(n - 1).text, refs });
    return refs;
  }

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<SourceLink[]> {
    const trainingJobName = resourceNameOf(document.uri);
    const refs = this.scan(document, token);
    if (!refs) {
      return [];
    }
    const links: SourceLink[] = [];
    for (const { line, ref } of refs) {
      // Library frames are linked only when that file is in the workspace (a vendored or mapped package).
      if (!isLibraryPath(ref.path) || (await this.resolver.resolvePlain(ref.path)).kind === 'found') {
        links.push(this.link(line, ref, trainingJobName));
      }
    }
    return links;
  }

  private link(line: number, ref: SourceRef, trainingJobName: string | undefined): SourceLink {
    const args: SourceLinkArgs = { path: ref.path, line: ref.line, ...(ref.column ? { column: ref.column } : {}), ...(trainingJobName ? { trainingJobName } : {}) };
    const link = new SourceLink(new vscode.Range(line, ref.start, line, ref.end), args);
    link.tooltip = `Open ${ref.path} at line ${ref.line}`;
    return link;
  }

  async resolveDocumentLink(link: SourceLink): Promise<SourceLink> {
    const { path, line, column, trainingJobName } = link.args;
    const resolution = await this.resolver.resolve(path, trainingJobName);
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

function isArgs(arg: unknown): arg is SourceLinkArgs {
  const a = arg as Partial<SourceLinkArgs> | undefined;
  return typeof a === 'object' && a !== null && typeof a.path === 'string' && typeof a.line === 'number' && Number.isSafeInteger(a.line) && a.line > 0;
}

async function openAt(file: string, line: number, column?: number): Promise<vscode.TextEditor> {
  if (!isInsideWorkspace(file, workspaceFolderInfos())) {
    throw new UserFacingError(`Not opening ${file}: links open only files inside the workspace folders.`);
  }
  const position = new vscode.Position(line - 1, Math.max(0, (column ?? 1) - 1));
  return vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position), preview: true });
}

/** `sagemakerMonitor.openSourceLink`: opens what a link names; asks when several files match; offers a mapping when none does. */
export async function openSourceLink(resolver: SourceResolver, arg: unknown): Promise<vscode.TextEditor | undefined> {
  if (!isArgs(arg)) {
    throw new UserFacingError('Open Source Location needs { path, line, column?, trainingJobName? }.');
  }
  const resolution = await resolver.resolve(arg.path, arg.trainingJobName);
  switch (resolution.kind) {
    case 'refused':
      throw new UserFacingError(resolution.reason);
    case 'found': {
      if (resolution.candidates.length === 1) {
        return openAt(resolution.candidates[0], arg.line, arg.column);
      }
      const picked = await vscode.window.showQuickPick(
        resolution.candidates.map((c) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.file(c)), file: c })),
        { title: `Which file is ${arg.path}?`, placeHolder: `Several workspace files match ${arg.path}` },
      );
      return picked ? openAt(picked.file, arg.line, arg.column) : undefined;
    }
    case 'notFound': {
      const add = 'Add Source Mapping…';
      const picked = await vscode.window.showWarningMessage(`${resolution.reason} Map the container directory to a workspace folder to open it.`, add);
      if (picked !== add) {
        return undefined;
      }
      return (await addSourceMapping(arg.path)) ? openSourceLink(resolver, arg) : undefined;
    }
  }
}

/** Asks for the workspace folder that holds what the container path's directory holds; writes `sourceMappings`. */
async function addSourceMapping(containerPath: string): Promise<boolean> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    throw new UserFacingError('Open the folder with your training code first: links only open files inside the workspace.');
  }
  const prefix = suggestedMappingPrefix(containerPath);
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: folders[0].uri,
    openLabel: `Map ${prefix} here`,
    title: `Which workspace folder holds what ${prefix} holds in the container?`,
  });
  const dir = picked?.[0];
  if (!dir) {
    return false;
  }
  const folder = vscode.workspace.getWorkspaceFolder(dir);
  if (!folder) {
    throw new UserFacingError(`${dir.fsPath} is not inside the workspace folders.`);
  }
  const rel = slashed(vscode.workspace.asRelativePath(dir, false));
  const isRoot = dir.path.replace(/\/$/, '') === folder.uri.path.replace(/\/$/, '');
  const variable = folders.length > 1 ? `\${workspaceFolder:${folder.name}}` : '${workspaceFolder}';
  const value = isRoot ? variable : `${variable}/${rel.startsWith(`${folder.name}/`) && folders.length > 1 ? rel.slice(folder.name.length + 1) : rel}`;
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const current = config.get<Record<string, string>>('sourceMappings', {});
  await config.update('sourceMappings', { ...current, [prefix]: value }, vscode.ConfigurationTarget.Workspace);
  void vscode.window.showInformationMessage(`Source mapping added: ${prefix} → ${value}`);
  return true;
}
