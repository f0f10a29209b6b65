// Helpers of the Logs Insights suites.
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { QueryLogsResult } from '../../../src/insights/insightsCommands';
import { CommandId } from '../../../src/shared/ids';
import { waitFor } from '../helpers';

export async function closeInsights(api: SageMakerMonitorApi): Promise<void> {
  api.insights.panels.forEach((p) => p.dispose());
  // Query editors are untitled and dirty: revert them so closing asks nothing.
  for (let i = 0; i < 20 && vscode.workspace.textDocuments.some((d) => d.isUntitled && d.languageId === 'cwlq'); i++) {
    const doc = vscode.workspace.textDocuments.find((d) => d.isUntitled && d.languageId === 'cwlq');
    if (doc) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('the Logs Insights views to close', () => (api.insights.panels.length === 0 ? true : undefined));
}

export async function queryLogs(arg: Record<string, unknown>): Promise<QueryLogsResult> {
  return await vscode.commands.executeCommand<QueryLogsResult>(CommandId.QueryLogs, arg);
}
