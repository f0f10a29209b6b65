/** What a metrics panel writes and says outside itself: saved exports, and how it names its target in the log. */
import * as vscode from 'vscode';
import { describeMetricsTarget, type MetricsTarget } from '../shared/targets';

export type ShowSaveDialog = (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>;

/** Saves an export (CSV text or a PNG data URL) where the user picks, next to the workspace by default. */
export async function saveFile(kind: 'csv' | 'png', fileName: string, content: string, showSaveDialog: ShowSaveDialog): Promise<void> {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '-');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, safe) } : {}),
    filters: kind === 'csv' ? { CSV: ['csv'] } : { PNG: ['png'] },
  });
  if (!uri) {
    return;
  }
  const bytes = kind === 'csv' ? new TextEncoder().encode(content) : Buffer.from(content.replace(/^data:image\/png;base64,/, ''), 'base64');
  await vscode.workspace.fs.writeFile(uri, bytes);
}

export function describeTarget(target: MetricsTarget): string {
  return describeMetricsTarget(target);
}
