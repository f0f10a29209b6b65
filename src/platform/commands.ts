import * as vscode from 'vscode';
import type { CommandId } from '../shared/ids';
import { UserFacingError, errorMessage, isCancellation } from './errors';

/**
 * The one command wrapper (STYLE practice 7): every failure is logged in full to the diagnostics channel,
 * the user sees one short message (with actions where there is something to do), cancellation is silent.
 */
export function registerCommand<A extends unknown[], R>(
  id: CommandId,
  handler: (...args: A) => R | Promise<R>,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isCancellation(error)) {
        return undefined;
      }
      log.error(`${id} failed:`, error instanceof Error ? error : errorMessage(error));
      void showFailure(id, error, log);
      return undefined;
    }
  });
}

async function showFailure(id: CommandId, error: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const showLog = 'Show Log';
  if (error instanceof UserFacingError) {
    const picked = await vscode.window.showErrorMessage(error.message, ...error.actions.map((a) => a.title), showLog);
    const action = error.actions.find((a) => a.title === picked);
    if (action) {
      await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
    } else if (picked === showLog) {
      log.show(true);
    }
    return;
  }
  const picked = await vscode.window.showErrorMessage(`SageMaker Monitor: ${id.split('.').pop()} failed: ${errorMessage(error)}`, showLog);
  if (picked === showLog) {
    log.show(true);
  }
}
