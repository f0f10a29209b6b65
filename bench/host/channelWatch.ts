// What the workbench shows of output channels, for bench/host/p1e.ts: the channel's document as the extension host
// mirrors it, when it ends with a line, whether the workbench is quiet; what the extension's log channels are given;
// CPU profiles of the extension host and (through the offline rig) of the workbench.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What went through one output channel during a run (the channel wrapped by `recordChannels`). */
export interface ChannelSpans {
  appends: number;
  replaces: number;
  clears: number;
  chars: number;
  biggest: number;
  lastAt: number;
}

/** The spans being recorded (set by the benchmark around a run). */
export const recorder: { spans: ChannelSpans | undefined } = { spans: undefined };
export const newSpans = (): ChannelSpans => ({ appends: 0, replaces: 0, clears: 0, chars: 0, biggest: 0, lastAt: NaN });

/**
 * Counts what the extension's log channels are given (appends, replaces, characters, the time of the last call),
 * by wrapping the channels `vscode.window.createOutputChannel` makes from now on (the extension shares this API
 * object with the benchmark, which lives in its folder). A counter and a clock read a call: nothing measurable.
 */
export function recordChannels(): () => void {
  const window = vscode.window as { createOutputChannel: (...args: unknown[]) => unknown };
  const original = window.createOutputChannel;
  window.createOutputChannel = function (this: unknown, ...args: unknown[]) {
    const channel = original.apply(this, args) as vscode.OutputChannel;
    if (typeof args[0] === 'string' && args[0].startsWith('SageMaker Logs: ')) {
      const { append, replace, clear } = channel;
      const note = (kind: 'appends' | 'replaces', text: string) => {
        const spans = recorder.spans;
        if (spans) {
          spans[kind]++;
          spans.chars += text.length;
          spans.biggest = Math.max(spans.biggest, text.length);
          spans.lastAt = performance.now();
        }
      };
      Object.assign(channel, {
        append: (text: string) => (note('appends', text), append(text)),
        replace: (text: string) => (note('replaces', text), replace(text)),
        clear: () => (recorder.spans && recorder.spans.clears++, clear()),
      });
    }
    return channel;
  };
  return () => (window.createOutputChannel = original);
}

export function decoded(uri: vscode.Uri): string {
  try {
    return decodeURIComponent(uri.toString(true));
  } catch {
    return uri.toString(true);
  }
}

/** The document of an output channel (the workbench's model of it, mirrored here), when the workbench shows it. */
export function channelDocument(channelName: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && decoded(d.uri).endsWith(channelName));
}

/** Whether one of the document's last few lines passes `test` (the last line is empty after a final newline). */
export function endsWithLine(doc: vscode.TextDocument, test: (line: string) => boolean): boolean {
  for (let i = doc.lineCount - 1; i >= Math.max(0, doc.lineCount - 4); i--) {
    if (test(doc.lineAt(i).text)) {
      return true;
    }
  }
  return false;
}

/**
 * Resolves with the time at which the channel's document first ends with a line passing `test` after not ending
 * with one (a document that still shows an earlier run's last line must first be emptied).
 */
export function whenDocumentEndsWith(channelName: string, test: (line: string) => boolean, timeoutMs: number): { at: Promise<number>; cancel: () => void } {
  const subscriptions: vscode.Disposable[] = [];
  let timer: NodeJS.Timeout | undefined;
  const cancel = () => {
    clearTimeout(timer);
    subscriptions.forEach((s) => s.dispose());
  };
  const current = channelDocument(channelName);
  let lacked = current === undefined || !endsWithLine(current, test);
  const at = new Promise<number>((resolve, reject) => {
    const check = (doc: vscode.TextDocument) => {
      if (doc.uri.scheme !== 'output' || !decoded(doc.uri).endsWith(channelName)) {
        return;
      }
      if (!endsWithLine(doc, test)) {
        lacked = true;
      } else if (lacked) {
        cancel();
        resolve(performance.now());
      }
    };
    subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => check(e.document)), vscode.workspace.onDidOpenTextDocument(check));
    timer = setTimeout(() => {
      cancel();
      const doc = channelDocument(channelName);
      reject(new Error(`P1e: ${channelName} did not show its last line within ${timeoutMs} ms (document ${doc ? `of ${doc.lineCount} lines, ending ${JSON.stringify(doc.lineAt(Math.max(0, doc.lineCount - 2)).text.slice(0, 200))}` : 'not open'})`));
    }, timeoutMs);
  });
  return { at, cancel };
}

export async function until(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) {
      throw new Error(`P1e: ${what}`);
    }
    await sleep(20);
  }
}

/**
 * CPU profiles around `fn` (only when a file is given): the extension host's to `file`, and the workbench's (the
 * offline rig's code-shim.js profiles the page when the host logs SMM_RENDERER_PROFILE) to `*.renderer.cpuprofile`.
 */
export async function profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) {
    return fn();
  }
  console.log('SMM_RENDERER_PROFILE start');
  await sleep(500);
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`SMM_RENDERER_PROFILE stop ${file.replace(/\.cpuprofile$/, '.renderer.cpuprofile')}`);
  }
}

/**
 * Waits until the workbench has been quiet for a second (a command round trip to it under 30 ms, ten times in a
 * row), at most a minute: a large channel keeps it busy (tokenizing, syncing) well after its last line shows,
 * and the next run must not pay for that. Returns how long it took.
 */
export async function quietWorkbench(): Promise<number> {
  const start = performance.now();
  let quiet = 0;
  for (let i = 0; quiet < 10 && performance.now() - start < 60_000; i++) {
    const t = performance.now();
    await vscode.commands.executeCommand('setContext', 'sagemakerMonitor.benchPing', i);
    quiet = performance.now() - t < 30 ? quiet + 1 : 0;
    await sleep(100);
  }
  return performance.now() - start;
}

/**
 * What the channel shows once the workbench is quiet again: its lines, and how many of them are there twice (a
 * channel's file is rotated at 30 MB, and a clear or replace after that can bring back lines already shown).
 */
export async function afterwards(channelName: string): Promise<{ linesAfter: number; repeatedAfter: number }> {
  await quietWorkbench();
  const doc = channelDocument(channelName);
  const lines = doc ? doc.getText().split('\n').filter((l) => l !== '') : [];
  return { linesAfter: lines.length, repeatedAfter: lines.length - new Set(lines).size };
}

