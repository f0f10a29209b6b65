/**
 * `sagemakerMonitor.openSourceLink`: opens the file a link names, asks which when several match, and offers
 * to add a source mapping when none does. Never opens anything outside the workspace folders.
 */
import * as vscode from 'vscode';
import { UserFacingError } from '../../platform/errors';
import { CONFIG_SECTION } from '../../shared/ids';
import { isInsideWorkspace, suggestedMappingPrefix } from '../model/sourceMapping';
import { jobOfLinkArgs, type SourceLinkArgs } from './provider';
import { slashed, workspaceFolderInfos, type SourceResolver } from './resolver';

function isArgs(arg: unknown): arg is SourceLinkArgs {
  const a = arg as Partial<SourceLinkArgs> | undefined;
  return typeof a === 'object' && a !== null && typeof a.path === 'string' && typeof a.line === 'number' && Number.isSafeInteger(a.line) && a.line > 0;
}

async function openAt(file: string, line: number, column?: number): Promise<vscode.TextEditor> {
  if (!isInsideWorkspace(file, workspaceFolderInfos())) {
    throw new UserFacingError(`Not opening ${file}: links open only files inside the workspace folders.`);
  }
  const position = new vscode.Position(line - 1, Math.max(0, (column ?? 1) - 1));
  return vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position), preview: true });
}

/** `sagemakerMonitor.openSourceLink`: opens what a link names; asks when several files match; offers a mapping when none does. */
export async function openSourceLink(resolver: SourceResolver, arg: unknown): Promise<vscode.TextEditor | undefined> {
  if (!isArgs(arg)) {
    throw new UserFacingError('Open Source Location needs { path, line, column?, trainingJobName? | processingJobName? | transformJobName? }.');
  }
  const resolution = await resolver.resolve(arg.path, jobOfLinkArgs(arg));
  switch (resolution.kind) {
    case 'refused':
      throw new UserFacingError(resolution.reason);
    case 'found': {
      if (resolution.candidates.length === 1) {
        return openAt(resolution.candidates[0], arg.line, arg.column);
      }
      const picked = await vscode.window.showQuickPick(
        resolution.candidates.map((c) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.file(c)), file: c })),
        { title: `Which file is ${arg.path}?`, placeHolder: `Several workspace files match ${arg.path}` },
      );
      return picked ? openAt(picked.file, arg.line, arg.column) : undefined;
    }
    case 'notFound': {
      const add = 'Add Source Mapping…';
      const picked = await vscode.window.showWarningMessage(`${resolution.reason} Map the container directory to a workspace folder to open it.`, add);
      if (picked !== add) {
        return undefined;
      }
      return (await addSourceMapping(arg.path)) ? openSourceLink(resolver, arg) : undefined;
    }
  }
}

/** Asks for the workspace folder that holds what the container path's directory holds; writes `sourceMappings`. */
async function addSourceMapping(containerPath: string): Promise<boolean> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    throw new UserFacingError('Open the folder with your job\'s code first: links only open files inside the workspace.');
  }
  const prefix = suggestedMappingPrefix(containerPath);
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: folders[0].uri,
    openLabel: `Map ${prefix} here`,
    title: `Which workspace folder holds what ${prefix} holds in the container?`,
  });
  const dir = picked?.[0];
  if (!dir) {
    return false;
  }
  const folder = vscode.workspace.getWorkspaceFolder(dir);
  if (!folder) {
    throw new UserFacingError(`${dir.fsPath} is not inside the workspace folders.`);
  }
  const rel = slashed(vscode.workspace.asRelativePath(dir, false));
  const isRoot = dir.path.replace(/\/$/, '') === folder.uri.path.replace(/\/$/, '');
  const variable = folders.length > 1 ? `\${workspaceFolder:${folder.name}}` : '${workspaceFolder}';
  const value = isRoot ? variable : `${variable}/${rel.startsWith(`${folder.name}/`) && folders.length > 1 ? rel.slice(folder.name.length + 1) : rel}`;
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const current = config.get<Record<string, string>>('sourceMappings', {});
  await config.update('sourceMappings', { ...current, [prefix]: value }, vscode.ConfigurationTarget.Workspace);
  void vscode.window.showInformationMessage(`Source mapping added: ${prefix} → ${value}`);
  return true;
}
