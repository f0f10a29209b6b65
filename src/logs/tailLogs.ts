import * as vscode from 'vscode';
import { UserFacingError } from '../core/errors';
import { parseTailTarget, targetResourceName, type TailTarget } from '../shared/targets';

/**
 * `sagemakerMonitor.tailLogs` with `{ trainingJobName, host? }`, `{ endpointName, variantName?, instanceId? }`
 * or `{ logGroupName, logStreamName }`. The argument contract is in place; streaming is not in this version yet.
 */
export async function tailLogs(arg: unknown): Promise<TailTarget> {
  const parsed = parseTailTarget(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Tail Logs: ${parsed.error}`);
  }
  void vscode.window.showInformationMessage(`Log tailing is not available in this version of SageMaker Monitor yet (${targetResourceName(parsed.value)}).`);
  return parsed.value;
}

/** `sagemakerMonitor.stopTail`: picks among the active tails. */
export async function stopTail(): Promise<void> {
  void vscode.window.showInformationMessage('No SageMaker logs are being tailed.');
}
