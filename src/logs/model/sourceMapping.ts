/**
 * Jump to source, the mapping half: how a path inside a job's container maps to a file of the workspace
 * (settings, what the job says about its code, path suffixes). Nothing here touches the file system:
 * callers pass the workspace's file list. Finding the locations in log lines is linkIndex.ts.
 */
import * as path from 'path';

const posix = path.posix;

/** Where SageMaker puts the training code (`sagemaker_submit_directory` is unpacked here). */
export const CONTAINER_CODE_DIR = '/opt/ml/code';

/** Where the SageMaker SDK's processors put a processing job's code (its `code` ProcessingInput). */
export const PROCESSING_CODE_DIR = '/opt/ml/processing/input/code';

export interface WorkspaceFolderInfo {
  readonly name: string;
  /** Absolute path with forward slashes. */
  readonly path: string;
}

/** What a job says about its code: where it is in the container and which file it runs. */
export interface CodeInfo {
  /** The code's directory in the container: /opt/ml/code when not given (training jobs). */
  readonly codeDir?: string;
  /** The file the job runs, relative to `codeDir`: `sagemaker_program` (`train.py`), a processing job's script. */
  readonly program?: string;
  /** `sagemaker_submit_directory`: an S3 tarball, or a local directory in local mode. */
  readonly submitDirectory?: string;
}

export type TrainingCodeInfo = CodeInfo;

export interface MappingContext {
  readonly folders: readonly WorkspaceFolderInfo[];
  /** `sagemakerMonitor.sourceMappings`: container prefix → workspace path (`${workspaceFolder}` allowed). */
  readonly sourceMappings?: Readonly<Record<string, unknown>>;
  readonly code?: CodeInfo;
  /** Absolute paths (forward slashes) of the workspace's files. */
  readonly files: readonly string[];
}

export type Resolution =
  /** `hyperParameters`: a training job's code; `codeInput`: a processing job's code input. */
  | { readonly kind: 'found'; readonly how: 'mapping' | 'hyperParameters' | 'codeInput' | 'suffix'; readonly candidates: readonly string[] }
  | { readonly kind: 'notFound'; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string };

/** The training job's code settings from its HyperParameters (SageMaker stores them JSON-quoted). */
export function trainingCodeInfo(hyperParameters: Readonly<Record<string, string>> | undefined): TrainingCodeInfo {
  const unquote = (v: string | undefined) => {
    if (v === undefined) {
      return undefined;
    }
    try {
      const parsed: unknown = JSON.parse(v);
      return typeof parsed === 'string' ? parsed : v;
    } catch {
      return v;
    }
  };
  const program = unquote(hyperParameters?.sagemaker_program);
  const submitDirectory = unquote(hyperParameters?.sagemaker_submit_directory);
  return { ...(program ? { program } : {}), ...(submitDirectory ? { submitDirectory } : {}) };
}

/** A script a command line names: an absolute path with a source file's extension (`/opt/…/preprocess.py`, not `/usr/bin/python3.9`). */
const SCRIPT = /^\/(?:[^/\0]+\/)*[^/\0]+\.(?:py|R|r|sh|bash|js|mjs|cjs|ts|jl|rb|pl|scala|java|jar|ipynb)$/;

/**
 * A processing job's code from its ContainerEntrypoint (and ContainerArguments) and ProcessingInputs: the
 * script is the first absolute script path the command names inside an input (else the first at all:
 * `python3 /opt/ml/processing/input/code/preprocess.py`); its code directory is the input's LocalPath that
 * holds it, else /opt/ml/processing/input/code when it is under it, else the script's own directory.
 * Without a script, the input at /opt/ml/processing/input/code.
 */
export function processingCodeInfo(job: {
  readonly containerEntrypoint: readonly string[];
  readonly containerArguments?: readonly string[];
  readonly inputs?: readonly { readonly localPath?: string }[];
}): CodeInfo {
  const dirs = (job.inputs ?? [])
    .map((i) => i.localPath)
    .filter((p): p is string => typeof p === 'string' && posix.isAbsolute(p))
    .map(normalizeWorkspacePath)
    .filter((d) => d !== '/');
  const holding = (file: string) => dirs.filter((d) => file !== d && sameOrUnder(file, d)).sort((a, b) => b.length - a.length)[0];
  const scripts = [...job.containerEntrypoint, ...(job.containerArguments ?? [])]
    .map((a) => a.trim())
    .filter((a) => SCRIPT.test(a))
    .map(normalizeWorkspacePath);
  const script = scripts.find((f) => holding(f) !== undefined) ?? scripts[0];
  if (!script) {
    return dirs.includes(PROCESSING_CODE_DIR) ? { codeDir: PROCESSING_CODE_DIR } : {};
  }
  const codeDir = holding(script) ?? (sameOrUnder(script, PROCESSING_CODE_DIR) ? PROCESSING_CODE_DIR : posix.dirname(script));
  return { codeDir, program: posix.relative(codeDir, script) };
}

/** Forward slashes, no `.`/`..` segments, no trailing slash; a relative path is taken from the code directory. */
export function normalizeContainerPath(p: string): string {
  const slashed = p.replace(/\\/g, '/').replace(/\0/g, '');
  const abs = posix.isAbsolute(slashed) || /^[A-Za-z]:\//.test(slashed) ? slashed : posix.join(CONTAINER_CODE_DIR, slashed);
  const n = posix.normalize(abs);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

function normalizeWorkspacePath(p: string): string {
  const n = posix.normalize(p.replace(/\\/g, '/'));
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

const caseInsensitive = /^[A-Za-z]:\//;

function sameOrUnder(child: string, parent: string): boolean {
  const [c, p] = caseInsensitive.test(parent) ? [child.toLowerCase(), parent.toLowerCase()] : [child, parent];
  return c === p || c.startsWith(p.endsWith('/') ? p : `${p}/`);
}

/** True when the path lies inside one of the workspace folders (after resolving `..`). */
export function isInsideWorkspace(p: string, folders: readonly WorkspaceFolderInfo[]): boolean {
  const n = normalizeWorkspacePath(p);
  return folders.some((f) => sameOrUnder(n, normalizeWorkspacePath(f.path)));
}

/** `${workspaceFolder}`, `${workspaceFolder:name}`; a relative value is taken from the first folder. */
export function expandMappingTarget(value: string, folders: readonly WorkspaceFolderInfo[]): string | undefined {
  let unknownFolder = false;
  const expanded = value.replace(/\$\{workspaceFolder(?::([^}]+))?\}/g, (_m, name: string | undefined) => {
    const folder = name === undefined ? folders[0] : folders.find((f) => f.name === name);
    if (!folder) {
      unknownFolder = true;
      return '';
    }
    return folder.path;
  });
  if (unknownFolder) {
    return undefined;
  }
  const slashed = expanded.replace(/\\/g, '/');
  if (posix.isAbsolute(slashed) || caseInsensitive.test(slashed)) {
    return normalizeWorkspacePath(slashed);
  }
  return folders[0] ? normalizeWorkspacePath(posix.join(folders[0].path, slashed)) : undefined;
}

/** The longest container prefix of `sourceMappings` that covers the path, applied; undefined when none does. */
export function applySourceMappings(containerPath: string, ctx: Pick<MappingContext, 'folders' | 'sourceMappings'>): string | undefined {
  let best: { prefix: string; target: string } | undefined;
  for (const [key, value] of Object.entries(ctx.sourceMappings ?? {})) {
    if (typeof value !== 'string' || key.trim() === '') {
      continue;
    }
    const prefix = normalizeContainerPath(key.trim());
    if (sameOrUnder(containerPath, prefix) && (!best || prefix.length > best.prefix.length)) {
      const target = expandMappingTarget(value.trim(), ctx.folders);
      if (target !== undefined) {
        best = { prefix, target };
      }
    }
  }
  if (!best) {
    return undefined;
  }
  const rest = containerPath.slice(best.prefix === '/' ? 1 : best.prefix.length).replace(/^\//, '');
  return normalizeWorkspacePath(rest ? posix.join(best.target, rest) : best.target);
}

const LIBRARY_DIR = /\/(?:site-packages|dist-packages)\//;
const STDLIB_DIR = /\/lib\/python\d+(?:\.\d+)?\//;

/** For `…/site-packages/torch/nn/linear.py`: `torch/nn/linear.py`; undefined for the user's own code. */
export function libraryModulePath(containerPath: string): string | undefined {
  const m = LIBRARY_DIR.exec(containerPath) ?? STDLIB_DIR.exec(containerPath);
  return m ? containerPath.slice(m.index + m[0].length) : undefined;
}

function segments(p: string): string[] {
  return p.split('/').filter((s) => s !== '');
}

/** How many trailing path segments two paths share. */
function commonSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) {
    n++;
  }
  return n;
}

/** The workspace files that share the longest path suffix (at least `minSegments`, the file name at least). */
export function longestSuffixMatches(containerPath: string, files: readonly string[], minSegments = 1): string[] {
  const want = segments(containerPath);
  const name = want[want.length - 1];
  if (!name) {
    return [];
  }
  let best = 0;
  let matches: string[] = [];
  for (const f of files) {
    if (!f.endsWith(`/${name}`)) {
      continue;
    }
    const n = commonSuffix(want, segments(f));
    if (n < Math.max(1, minSegments)) {
      continue;
    }
    if (n > best) {
      best = n;
      matches = [f];
    } else if (n === best) {
      matches.push(f);
    }
  }
  return matches.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

/** Directories in the workspace that hold the entry point, i.e. candidates for what the code directory was made from. */
function codeRoots(ctx: MappingContext): string[] {
  const code = ctx.code;
  if (!code) {
    return [];
  }
  const local = code.submitDirectory && !/^s3:\/\//i.test(code.submitDirectory) ? normalizeWorkspacePath(code.submitDirectory.replace(/^file:\/\//, '')) : undefined;
  if (local && isInsideWorkspace(local, ctx.folders)) {
    return [local];
  }
  const program = code.program ? normalizeWorkspacePath(code.program).replace(/^\.?\//, '') : undefined;
  if (!program || program.startsWith('..')) {
    return [];
  }
  return ctx.files.filter((f) => f.endsWith(`/${program}`)).map((f) => f.slice(0, f.length - program.length - 1));
}

/**
 * Maps a container path to workspace files: `sourceMappings` (longest prefix) first; else, for code under
 * the job's code directory (/opt/ml/code, a processing job's code input), the directories holding the file
 * the job runs (`sagemaker_program`, the processing script); else the longest matching path suffix. Library frames (site-packages) only map when their whole module path is in the workspace.
 * Nothing outside the workspace folders is ever returned.
 */
export function resolveSourcePath(written: string, ctx: MappingContext): Resolution {
  if (ctx.folders.length === 0) {
    return { kind: 'notFound', reason: 'No folder is open in this window.' };
  }
  const containerPath = normalizeContainerPath(written);
  const fileSet = new Set(ctx.files.map(normalizeWorkspacePath));
  const inside = (p: string) => isInsideWorkspace(p, ctx.folders);

  const mapped = applySourceMappings(containerPath, ctx);
  if (mapped !== undefined) {
    if (!inside(mapped)) {
      return { kind: 'refused', reason: `The source mapping for ${containerPath} points outside the workspace folders (${mapped}).` };
    }
    if (fileSet.has(mapped)) {
      return { kind: 'found', how: 'mapping', candidates: [mapped] };
    }
  }

  const library = libraryModulePath(containerPath);
  const codeDir = ctx.code?.codeDir ? normalizeContainerPath(ctx.code.codeDir) : CONTAINER_CODE_DIR;
  if (library === undefined && sameOrUnder(containerPath, codeDir)) {
    const rest = containerPath.slice(codeDir.length + 1);
    if (rest) {
      const hits = codeRoots(ctx)
        .map((root) => normalizeWorkspacePath(posix.join(root, rest)))
        .filter((p) => inside(p) && fileSet.has(p));
      if (hits.length > 0) {
        return { kind: 'found', how: ctx.code?.codeDir ? 'codeInput' : 'hyperParameters', candidates: [...new Set(hits)] };
      }
    }
  }

  const minSegments = library !== undefined ? segments(library).length : 1;
  const suffix = longestSuffixMatches(containerPath, [...fileSet], minSegments).filter(inside);
  if (suffix.length > 0) {
    return { kind: 'found', how: 'suffix', candidates: suffix };
  }
  if (mapped !== undefined) {
    return { kind: 'notFound', reason: `${containerPath} maps to ${mapped}, which does not exist.` };
  }
  return { kind: 'notFound', reason: `No file in the workspace matches ${containerPath}.` };
}

/** True for frames that are not the user's code (site-packages, the interpreter, Node internals). */
export function isLibraryPath(written: string): boolean {
  const p = normalizeContainerPath(written);
  return libraryModulePath(p) !== undefined || /^node:|\/node_modules\//.test(written);
}

/** A mapping key to offer when a path is not found: the code directory (training's, processing's), else the file's directory. */
export function suggestedMappingPrefix(written: string): string {
  const p = normalizeContainerPath(written);
  return [CONTAINER_CODE_DIR, PROCESSING_CODE_DIR].find((dir) => sameOrUnder(p, dir)) ?? posix.dirname(p);
}
