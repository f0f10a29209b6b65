/**
 * Jump to source, the pure half: where a log line names a source location (Python traceback frames,
 * `path:line[:col]`, Node and Java stack frames), and how a path inside the training container maps to a
 * file of the workspace. Nothing here touches the file system: callers pass the workspace's file list.
 */
import * as path from 'path';

const posix = path.posix;

export type SourceRefKind = 'python' | 'node' | 'java' | 'path';

/** A source location named in one log line; `start`/`end` are the link's character range in that line. */
export interface SourceRef {
  readonly kind: SourceRefKind;
  /** As written in the log (Java: the package path plus file name, e.g. `com/acme/Train.java`). */
  readonly path: string;
  readonly line: number;
  readonly column?: number;
  readonly start: number;
  readonly end: number;
}

/** `  File "/opt/ml/code/train.py", line 42, in main` */
const PYTHON_FRAME = /File "([^"\r\n]+)", line (\d+)/g;
/** `at fn (/app/x.js:10:5)`, `at /app/x.js:10:5`, `at async fn (file:///app/x.mjs:3:1)` */
const NODE_FRAME = /\bat (?:(?:async )?[^\s()]+(?: \[as [^\]]+\])? \()?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/]|\.{1,2}\/)[^\s():]+(?:\.[A-Za-z0-9]+)?):(\d+):(\d+)\)?/g;
/** `at com.acme.Train.main(Train.java:42)` (also Kotlin and Scala frames) */
const JAVA_FRAME = /\bat ((?:[\w$]+\.)+)[\w$<>]+\(([\w$-]+\.(?:java|kt|scala|groovy)):(\d+)\)/g;
/**
 * `train.py:42`, `/opt/ml/code/utils/data.py:10:5`: only source-like extensions, so host:port pairs,
 * times and URLs are not mistaken for files.
 */
const PATH_LINE =
  /(?<![\w/.:-])((?:[A-Za-z]:[\\/]|\.{0,2}\/)?[\w.-]+(?:[\\/][\w.-]+)*\.(?:py|pyx|ipynb|js|mjs|cjs|ts|tsx|jsx|java|kt|scala|go|rs|c|cc|cpp|cxx|h|hpp|cu|cuh|r|R|jl|rb|php|cs|lua|sh|sql|yaml|yml|json|toml|cfg|ini)):(\d+)(?::(\d+))?(?![\w/])/g;

function toInt(s: string | undefined): number | undefined {
  if (s === undefined) {
    return undefined;
  }
  const n = Number.parseInt(s, 10);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Every source location in one line, left to right, without overlaps (the more specific form wins). */
export function findSourceRefs(text: string): SourceRef[] {
  if (text.length > 4000) {
    // A huge single line (a JSON dump) is not a frame; keep the provider cheap.
    text = text.slice(0, 4000);
  }
  const found: SourceRef[] = [];
  const add = (r: SourceRef | undefined) => {
    if (r && !found.some((f) => r.start < f.end && f.start < r.end)) {
      found.push(r);
    }
  };
  for (const m of text.matchAll(PYTHON_FRAME)) {
    const line = toInt(m[2]);
    if (line !== undefined && m.index !== undefined) {
      add({ kind: 'python', path: m[1], line, start: m.index + 'File "'.length, end: m.index + m[0].length });
    }
  }
  for (const m of text.matchAll(JAVA_FRAME)) {
    const line = toInt(m[3]);
    if (line !== undefined && m.index !== undefined) {
      const pkg = m[1].split('.').filter((s) => s !== '');
      pkg.pop(); // the class name; the file name says the rest
      const start = m.index + m[0].indexOf('(') + 1;
      add({ kind: 'java', path: [...pkg, m[2]].join('/'), line, start, end: m.index + m[0].length - 1 });
    }
  }
  for (const m of text.matchAll(NODE_FRAME)) {
    const line = toInt(m[2]);
    if (line !== undefined && m.index !== undefined) {
      const loc = `${m[1]}:${m[2]}:${m[3]}`;
      const start = m.index + m[0].lastIndexOf(loc);
      add({ kind: 'node', path: m[1].replace(/^file:\/\//, ''), line, ...optionalColumn(m[3]), start, end: start + loc.length });
    }
  }
  for (const m of text.matchAll(PATH_LINE)) {
    const line = toInt(m[2]);
    if (line !== undefined && m.index !== undefined) {
      add({ kind: 'path', path: m[1], line, ...optionalColumn(m[3]), start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function optionalColumn(s: string | undefined): { column?: number } {
  const column = toInt(s);
  return column === undefined ? {} : { column };
}

// ---------------------------------------------------------------------------------------------- mapping

/** Where SageMaker puts the training code (`sagemaker_submit_directory` is unpacked here). */
export const CONTAINER_CODE_DIR = '/opt/ml/code';

export interface WorkspaceFolderInfo {
  readonly name: string;
  /** Absolute path with forward slashes. */
  readonly path: string;
}

export interface TrainingCodeInfo {
  /** `sagemaker_program`, e.g. `train.py`. */
  readonly program?: string;
  /** `sagemaker_submit_directory`: an S3 tarball, or a local directory in local mode. */
  readonly submitDirectory?: string;
}

export interface MappingContext {
  readonly folders: readonly WorkspaceFolderInfo[];
  /** `sagemakerMonitor.sourceMappings`: container prefix → workspace path (`${workspaceFolder}` allowed). */
  readonly sourceMappings?: Readonly<Record<string, unknown>>;
  readonly code?: TrainingCodeInfo;
  /** Absolute paths (forward slashes) of the workspace's files. */
  readonly files: readonly string[];
}

export type Resolution =
  | { readonly kind: 'found'; readonly how: 'mapping' | 'hyperParameters' | 'suffix'; readonly candidates: readonly string[] }
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

/** Directories in the workspace that hold the entry point, i.e. candidates for what /opt/ml/code was made from. */
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
 * /opt/ml/code, the directories holding the job's `sagemaker_program`; else the longest matching path
 * suffix. Library frames (site-packages) only map when their whole module path is in the workspace.
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
  if (library === undefined && sameOrUnder(containerPath, CONTAINER_CODE_DIR)) {
    const rest = containerPath.slice(CONTAINER_CODE_DIR.length + 1);
    if (rest) {
      const hits = codeRoots(ctx)
        .map((root) => normalizeWorkspacePath(posix.join(root, rest)))
        .filter((p) => inside(p) && fileSet.has(p));
      if (hits.length > 0) {
        return { kind: 'found', how: 'hyperParameters', candidates: [...new Set(hits)] };
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

/** A mapping key to offer when a path is not found: the code directory, else the file's directory. */
export function suggestedMappingPrefix(written: string): string {
  const p = normalizeContainerPath(written);
  return sameOrUnder(p, CONTAINER_CODE_DIR) ? CONTAINER_CODE_DIR : posix.dirname(p);
}
