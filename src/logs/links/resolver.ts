/**
 * Jump to source, the resolver: maps a path written in a log (a container path) to workspace files, with
 * the `sourceMappings` setting, what the job says about its code (a training job's HyperParameters, a
 * processing job's entrypoint and code input) and a listing of the workspace's files.
 * The mapping itself is pure (src/logs/model/sourceMapping.ts); this side lists files and reads settings.
 */
import * as vscode from 'vscode';
import type { ResourceCatalog } from '../../aws/catalog';
import { CONFIG_SECTION } from '../../shared/ids';
import { jobKey, type JobRef } from '../../shared/jobRef';
import { Disposable } from '../../shared/lifecycle';
import { processingCodeInfo, resolveSourcePath, trainingCodeInfo, type CodeInfo, type Resolution, type WorkspaceFolderInfo } from '../model/sourceMapping';

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

/** What a job says about its code: a training job's HyperParameters, a processing job's script and code input. */
export async function jobCodeInfo(catalog: Pick<ResourceCatalog, 'describeTrainingJob' | 'describeProcessingJob'>, job: JobRef): Promise<CodeInfo | undefined> {
  switch (job.kind) {
    case 'training':
      return trainingCodeInfo((await catalog.describeTrainingJob(job.name)).hyperParameters);
    case 'processing':
      return processingCodeInfo(await catalog.describeProcessingJob(job.name));
    case 'transform':
      // The model server's code (/opt/ml/model/code) is in the model's tarball: path suffixes find it.
      return undefined;
  }
}

/** Maps container paths to workspace files with the settings, what the job says about its code, and the file index. */
export class SourceResolver extends Disposable {
  private readonly index = this._register(new WorkspaceFileIndex());
  private readonly codeInfo = new Map<string, { at: number; value: Promise<CodeInfo | undefined> }>();
  /** Answers without the job's code (library frames, asked for on every provide), until files or settings change. */
  private readonly plain = new Map<string, Promise<Resolution>>();

  constructor(private readonly codeInfoOf: (job: JobRef) => Promise<CodeInfo | undefined>) {
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

  /** `resolve` without the job's code, memoized: cheap enough to call for every library frame. */
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

  private code(job: JobRef | undefined): Promise<CodeInfo | undefined> {
    if (!job) {
      return Promise.resolve(undefined);
    }
    const key = jobKey(job);
    const cached = this.codeInfo.get(key);
    if (cached && Date.now() - cached.at < 10 * 60_000) {
      return cached.value;
    }
    // Not that kind of job after all, or no connection: resolve without the job's code.
    const value = this.codeInfoOf(job).catch(() => undefined);
    this.codeInfo.set(key, { at: Date.now(), value });
    return value;
  }

  async resolve(path: string, job?: JobRef, withCode = true): Promise<Resolution> {
    const [files, code] = await Promise.all([this.index.list(), withCode ? this.code(job) : Promise.resolve(undefined)]);
    const sourceMappings = vscode.workspace.getConfiguration(CONFIG_SECTION).get<Record<string, unknown>>('sourceMappings', {});
    return resolveSourcePath(path, { folders: workspaceFolderInfos(), sourceMappings, files, ...(code ? { code } : {}) });
  }
}
