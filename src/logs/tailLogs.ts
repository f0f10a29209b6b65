import * as vscode from 'vscode';
import { UserFacingError } from '../core/errors';
import { parseTailTarget, targetResourceName } from '../shared/targets';
import type { TailManager } from './tailManager';
import type { TailInfo } from './tailSession';

/**
 * `sagemakerMonitor.tailLogs` with `{ trainingJobName, host? }`, `{ endpointName, variantName?, instanceId? }`
 * or `{ logGroupName, logStreamName }`, each optionally with `startTime`, `endTime` (a fixed window) and `follow`.
 */
export async function tailLogs(tails: TailManager, arg: unknown): Promise<TailInfo> {
  const parsed = parseTailTarget(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Tail Logs: ${parsed.error}`);
  }
  return tails.start(parsed.value);
}

/** `sagemakerMonitor.stopTail`: `{ name }` (job or endpoint) stops that tail; otherwise picks among the active tails. */
export async function stopTail(tails: TailManager, arg?: unknown): Promise<void> {
  const name = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { name?: unknown }).name === 'string' ? (arg as { name: string }).name : undefined;
  await tails.stop(name);
}

let lastFilterPattern = '';

/** `sagemakerMonitor.tailLogsWithFilter`: asks for a CloudWatch filter pattern, then tails with it. */
export async function tailLogsWithFilter(tails: TailManager, arg: unknown): Promise<TailInfo | undefined> {
  const parsed = parseTailTarget(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Tail Logs: ${parsed.error}`);
  }
  const pattern = await vscode.window.showInputBox({
    title: `Tail ${targetResourceName(parsed.value)} with a filter`,
    prompt: 'A CloudWatch Logs filter pattern, applied by the service: ERROR, ?Traceback ?Exception, "exact phrase", -DEBUG, { $.level = "error" }',
    value: parsed.value.filterPattern ?? lastFilterPattern,
    placeHolder: '?ERROR ?Traceback',
    ignoreFocusOut: true,
  });
  if (pattern === undefined) {
    return undefined;
  }
  lastFilterPattern = pattern.trim();
  const { filterPattern: _previous, ...target } = parsed.value;
  return tails.start(lastFilterPattern ? { ...target, filterPattern: lastFilterPattern } : target);
}
