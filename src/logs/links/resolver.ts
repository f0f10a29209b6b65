/**
 * Jump to source, the resolver: maps a path written in a log (a container path) to workspace files, with
 * the `sourceMappings` setting, the training job's HyperParameters and a listing of the workspace's files.
 * The mapping itself is pure (src/logs/model/sourceMapping.ts); this side lists files and reads settings.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../shared/ids';
import { Disposable } from '../../shared/lifecycle';
import { resolveSourcePath, trainingCodeInfo, type Resolution, type TrainingCodeInfo, type WorkspaceFolderInfo } from '../model/sourceMapping';

const INDEX_EXCLUDE = '**/{.git,node_modules,__pycache__,.venv,venv,.tox,.mypy_cache}/**';
const INDEX_LIMIT = 50_000;

export function slashed(p: string): string {
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
