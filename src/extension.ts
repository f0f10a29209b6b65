import * as vscode from 'vscode';
import { checkEndpointUrl, selectProfile, selectRegion } from './connection/connectionCommands';
import { registerCommand } from './core/commands';
import { Settings } from './core/settings';
import { ExplorerProvider } from './explorer/explorerProvider';
import { stopTail, tailLogs } from './logs/tailLogs';
import { openMetrics } from './metrics/openMetrics';
import { CommandId, DIAGNOSTICS_CHANNEL_NAME, ViewId } from './shared/ids';

/** What the extension exports: used by the integration tests and by other extensions. */
export interface SageMakerMonitorApi {
  readonly explorer: vscode.TreeDataProvider<vscode.TreeItem>;
}

/** Composition root: builds the objects, registers them for disposal, nothing else. */
export function activate(context: vscode.ExtensionContext): SageMakerMonitorApi {
  const log = vscode.window.createOutputChannel(DIAGNOSTICS_CHANNEL_NAME, { log: true });
  const settings = new Settings();
  const explorer = new ExplorerProvider();

  context.subscriptions.push(
    log,
    explorer,
    vscode.window.createTreeView(ViewId.Explorer, { treeDataProvider: explorer, showCollapseAll: true }),
    settings.onDidChangeConnection(() => {
      checkEndpointUrl(settings, log);
      explorer.refresh();
    }),
    registerCommand(CommandId.Refresh, () => explorer.refresh(), log),
    registerCommand(CommandId.SelectProfile, (arg?: unknown) => selectProfile(settings, arg), log),
    registerCommand(CommandId.SelectRegion, (arg?: unknown) => selectRegion(settings, arg), log),
    registerCommand(CommandId.OpenMetrics, (arg?: unknown) => openMetrics(arg), log),
    registerCommand(CommandId.TailLogs, (arg?: unknown) => tailLogs(arg), log),
    registerCommand(CommandId.StopTail, () => stopTail(), log),
  );
  checkEndpointUrl(settings, log);
  log.info(`SageMaker Monitor ${context.extension.packageJSON.version} activated (VS Code ${vscode.version}, Node ${process.version}).`);
  return { explorer };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
