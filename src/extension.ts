import * as vscode from 'vscode';
import { AwsSession } from './aws/session';
import { checkEndpointUrl, selectProfile, selectRegion } from './connection/connectionCommands';
import { askForMfaCode } from './connection/mfa';
import { ConnectionStatusBar, selectConnection } from './connection/statusBar';
import { registerCommand } from './core/commands';
import { Settings } from './core/settings';
import { copyArn, copyName, filterTrainingJobs, openInConsole } from './explorer/explorerCommands';
import { ExplorerProvider } from './explorer/explorerProvider';
import type { ExplorerNode } from './explorer/nodes';
import { stopTail, tailLogs } from './logs/tailLogs';
import { openMetrics } from './metrics/openMetrics';
import { CommandId, DIAGNOSTICS_CHANNEL_NAME, ViewId } from './shared/ids';

/** What the extension exports: used by the integration tests and by other extensions. */
export interface SageMakerMonitorApi {
  readonly explorer: ExplorerProvider;
  readonly statusBar: ConnectionStatusBar;
}

/** Composition root: builds the objects, registers them for disposal, nothing else. */
export function activate(context: vscode.ExtensionContext): SageMakerMonitorApi {
  const log = vscode.window.createOutputChannel(DIAGNOSTICS_CHANNEL_NAME, { log: true });
  const settings = new Settings();
  const aws = new AwsSession(() => settings.connection(), {
    mfaCodeProvider: askForMfaCode,
    userAgent: `sagemaker-monitor/${context.extension.packageJSON.version}`,
  });
  const region = () => aws.region();
  const explorer = new ExplorerProvider(aws.catalog, {
    log,
    pollIntervalSeconds: () => settings.explorerPollIntervalSeconds(),
  });
  const treeView = vscode.window.createTreeView(ViewId.Explorer, { treeDataProvider: explorer, showCollapseAll: true });
  explorer.setVisible(treeView.visible);
  const statusBar = new ConnectionStatusBar(settings, region);

  context.subscriptions.push(
    log,
    aws,
    explorer,
    treeView,
    statusBar,
    treeView.onDidChangeVisibility((e) => explorer.setVisible(e.visible)),
    settings.onDidChange(['explorer.pollIntervalSeconds'], () => explorer.restartPolling()),
    settings.onDidChangeConnection(() => {
      checkEndpointUrl(settings, log);
      explorer.refresh();
    }),
    registerCommand(CommandId.Refresh, (node?: ExplorerNode) => explorer.refresh(node), log),
    registerCommand(CommandId.SelectProfile, (arg?: unknown) => selectProfile(settings, arg), log),
    registerCommand(CommandId.SelectRegion, (arg?: unknown) => selectRegion(settings, arg), log),
    registerCommand(CommandId.SelectConnection, () => selectConnection(settings), log),
    registerCommand(CommandId.OpenMetrics, (arg?: unknown) => openMetrics(arg), log),
    registerCommand(CommandId.TailLogs, (arg?: unknown) => tailLogs(arg), log),
    registerCommand(CommandId.StopTail, () => stopTail(), log),
    registerCommand(CommandId.CopyName, (arg?: unknown) => copyName(arg), log),
    registerCommand(CommandId.CopyArn, (arg?: unknown) => copyArn(arg), log),
    registerCommand(CommandId.OpenInConsole, (arg?: unknown) => openInConsole(arg, region), log),
    registerCommand(CommandId.LoadMoreTrainingJobs, () => explorer.loadMoreTrainingJobs(), log),
    registerCommand(CommandId.FilterTrainingJobs, (arg?: unknown) => filterTrainingJobs(explorer, arg), log),
    registerCommand(CommandId.ClearTrainingJobsFilter, () => explorer.setTrainingJobFilter({}), log),
  );
  checkEndpointUrl(settings, log);
  log.info(`SageMaker Monitor ${context.extension.packageJSON.version} activated (VS Code ${vscode.version}, Node ${process.version}).`);
  return { explorer, statusBar };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
