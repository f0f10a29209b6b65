/**
 * Jump to source, the index: which lines of a log document name a source location (Python traceback
 * frames, `path:line[:col]`, Node and Java stack frames), and where in the line. Pure: the link provider
 * (src/logs/links/provider.ts) hands it the document's lines.
 */

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

/** A document as the index reads it: its lines, by number. */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
}

/** One location and the document line it is on. */
export interface LineRef {
  readonly line: number;
  readonly ref: SourceRef;
}

/** A quick test that a line may hold a location at all, so large channels are scanned cheaply. */
const MAYBE_LOCATION = /\.[A-Za-z]\w*:\d|, line \d/;

/** What one scan of a document found; log channels only grow, so the next scan starts where this one ended. */
interface ScanState {
  readonly lineCount: number;
  readonly firstLine: string;
  readonly lastLine: string;
  readonly refs: readonly LineRef[];
}

/** The locations of every open log document, by document key, kept current as the documents grow. */
export class SourceRefIndex {
  private readonly scans = new Map<string, ScanState>();

  /**
   * Every location in the document; only the lines appended since the last scan are read again. Undefined
   * when `cancelled` says so (asked every 4,096 lines).
   */
  refs(key: string, document: LineSource, cancelled: () => boolean): readonly LineRef[] | undefined {
    const previous = this.scans.get(key);
    const n = document.lineCount;
    const grown =
      previous !== undefined &&
      n >= previous.lineCount &&
      document.lineAt(0) === previous.firstLine &&
      document.lineAt(previous.lineCount - 1) === previous.lastLine;
    // The last line may have been half written: read it again.
    const from = grown ? previous.lineCount - 1 : 0;
    const refs = grown ? previous.refs.filter((r) => r.line < from) : [];
    for (let i = from; i < n; i++) {
      const text = document.lineAt(i);
      if (MAYBE_LOCATION.test(text)) {
        refs.push(...findSourceRefs(text).map((ref) => ({ line: i, ref })));
      }
      if ((i & 0xfff) === 0 && cancelled()) {
        return undefined;
      }
    }
    this.scans.set(key, { lineCount: n, firstLine: document.lineAt(0), lastLine: document.lineAt(n - 1), refs });
    return refs;
  }

  /** Drops a closed document's scan. */
  forget(key: string): void {
    this.scans.delete(key);
  }
}
