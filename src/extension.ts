import * as vscode from 'vscode';
import { AwsSession } from './aws/session';
import { checkEndpointUrl, selectProfile, selectRegion } from './connection/connectionCommands';
import { askForMfaCode } from './connection/mfa';
import { ConnectionStatusBar, selectConnection } from './connection/statusBar';
import { registerCommand } from './platform/commands';
import { failedJobPicker, targetPicker } from './platform/pickTarget';
import { Settings } from './platform/settings';
import { clearJobsFilter, copyArn, copyName, filterJobs, filterTrainingJobs, loadMoreJobs, openInConsole } from './explorer/explorerCommands';
import { shownGroups } from './explorer/model/groups';
import { ExplorerProvider } from './explorer/explorerProvider';
import type { ExplorerNode } from './explorer/baseNodes';
import { openSourceLink } from './logs/links/commands';
import { LOG_DOCUMENT_SELECTOR, SourceLinkProvider } from './logs/links/provider';
import { SourceResolver, jobCodeInfo } from './logs/links/resolver';
import { TailManager } from './logs/tailManager';
import type { TailInfo } from './logs/tailSession';
import { changeTailFilter, describeJob, stopTail, tailLogs, tailLogsFrom, tailLogsWithFilter } from './logs/tailLogs';
import { pipelineExecutionArnOf } from './logs/model/pipelineFailure';
import { showPipelineFailure } from './logs/pipelineFailure';
import { FailureTriage } from './logs/triage';
import { ComparePanels } from './metrics/comparePanels';
import { compareJobs, pickJobsToCompare } from './metrics/compareJobs';
import { MetricsPanels } from './metrics/metricsPanels';
import { openMetrics } from './metrics/openMetrics';
import { parseNotificationMode } from './notifications/model/mode';
import { Notifications } from './notifications/notifications';
import { unwatchJob, watchJob } from './notifications/watchCommands';
import { CommandId, DIAGNOSTICS_CHANNEL_NAME, ViewId } from './shared/ids';
import { CWLQ_SELECTOR, QueryCodeLensProvider, QueryCompletionProvider } from './insights/editorSupport';
import { openSavedQuery, queryLogs, runEditorQuery, saveQuery, type InsightsCommandServices } from './insights/insightsCommands';
import { InsightsViews } from './insights/insightsViews';
import { jobRefOfTarget, type JobRef } from './shared/jobRef';
import { JobCurveFeeds, curveParserOf } from './shared/logCurves/feeds';

/** What the extension exports: used by the integration tests and by other extensions. */
export interface SageMakerMonitorApi {
  readonly explorer: ExplorerProvider;
  readonly statusBar: ConnectionStatusBar;
  /** The open metrics panels (one per target). */
  readonly metrics: MetricsPanels;
  /** The open compare panels (one per comparison). */
  readonly compare: ComparePanels;
  /** The log tails of this window (running and finished), with the text each appended to its channel. */
  readonly logTails: () => readonly TailInfo[];
  /** The log tails' status bar text while any tail runs (events per second, "idle — polling every 6 s"). */
  readonly logStatusText: () => string | undefined;
  /** Tests read the text of finished tails: keep it for the tails started from now on (a user's let it go). */
  readonly keepTailTranscripts: (keep: boolean) => void;
  /** Show Failure reports and their diagnostics. */
  readonly triage: FailureTriage;
  /** The Logs Insights results views. */
  readonly insights: InsightsViews;
  /** Watched jobs and the notifications shown (tests replace `present` to answer them). */
  readonly notifications: Notifications;
}

/** One Describe of a job: its status and failure reason (the watch poller's read). */
async function describeForWatch(aws: AwsSession, job: JobRef): Promise<{ status: string; failureReason?: string }> {
  const detail =
    job.kind === 'training'
      ? await aws.catalog.describeTrainingJob(job.name)
      : job.kind === 'processing'
        ? await aws.catalog.describeProcessingJob(job.name)
        : await aws.catalog.describeTransformJob(job.name);
  return { status: detail.status, ...(detail.failureReason ? { failureReason: detail.failureReason } : {}) };
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
  const notifications = new Notifications({
    mode: () => parseNotificationMode(settings.notifications()),
    state: context.workspaceState,
    log,
    describe: (job) => describeForWatch(aws, job),
    intervalSeconds: () => settings.explorerPollIntervalSeconds(),
    // The explorer is made next; the poller asks only when it polls, long after activation.
    explorerPolling: (): boolean => explorer.isVisible,
  });
  const explorer = new ExplorerProvider(aws.catalog, {
    log,
    pollIntervalSeconds: () => settings.explorerPollIntervalSeconds(),
    groups: () => shownGroups(settings.explorerGroups()),
    isWatched: (job) => notifications.isWatched(job),
    jobStatusSeen: (sighting) => notifications.jobSeen(sighting),
    alarmsListed: (alarms) => notifications.alarmsSeen(alarms),
  });
  const treeView = vscode.window.createTreeView(ViewId.Explorer, { treeDataProvider: explorer, showCollapseAll: true, canSelectMany: true });
  explorer.setVisible(treeView.visible);
  const statusBar = new ConnectionStatusBar(settings, region);
  // A training job's curves from its log lines: fed by a tail of the job, or read by its metrics panel.
  const curveFeeds = new JobCurveFeeds(async (name) => curveParserOf((await aws.catalog.describeTrainingJob(name)).metricDefinitions, settings.metricsLogPatterns()));
  const tails = new TailManager(aws, settings, log, { serviceNow: () => aws.clock.now(), curveFeeds });
  const metrics = new MetricsPanels({
    clients: () => aws.clients(),
    catalog: aws.catalog,
    log,
    extensionUri: context.extensionUri,
    // The service's clock, not the local one: a simulator may run shifted or accelerated.
    now: () => aws.clock.now(),
    onAlarmsChanged: () => void explorer.refreshAlarms(),
    logCurves: { feeds: curveFeeds, read: tails.readJobLines },
  });
  const compare = new ComparePanels({ clients: () => aws.clients(), catalog: aws.catalog, log, extensionUri: context.extensionUri, now: () => aws.clock.now(), logCurves: { feeds: curveFeeds, read: tails.readJobLines } });
  // Commands run from the command palette with no argument ask for a job (or host) or endpoint.
  const pickTarget = targetPicker(aws.catalog);
  const defaultExclude = () => settings.logs().excludePattern;
  const sources = new SourceResolver((job) => jobCodeInfo(aws.catalog, job));
  const linkProvider = new SourceLinkProvider(sources, (name) => tails.targetOf(name));
  const insights = new InsightsViews({ clients: () => aws.clients(), log, extensionUri: context.extensionUri });
  const insightsServices: InsightsCommandServices = { views: insights, catalog: aws.catalog, clients: () => aws.clients(), now: () => aws.clock.now(), pick: pickTarget };
  const triage = new FailureTriage({ catalog: aws.catalog, clients: () => aws.clients(), pickFailedJob: failedJobPicker(aws.catalog) }, sources);

  const watchJobOf = (job: JobRef | undefined) => job && notifications.watch(job);

  context.subscriptions.push(
    log,
    aws,
    notifications,
    explorer,
    treeView,
    statusBar,
    metrics,
    compare,
    tails,
    sources,
    triage,
    linkProvider,
    insights,
    vscode.languages.registerCodeLensProvider(CWLQ_SELECTOR, new QueryCodeLensProvider()),
    vscode.languages.registerCompletionItemProvider(CWLQ_SELECTOR, new QueryCompletionProvider(() => insights.seenFields), '@', '|'),
    registerCommand(CommandId.QueryLogs, (arg?: unknown) => queryLogs(insightsServices, arg), log),
    registerCommand(CommandId.RunQuery, (arg?: unknown) => runEditorQuery(insightsServices, arg), log),
    registerCommand(CommandId.OpenSavedQuery, (arg?: unknown) => openSavedQuery(insightsServices, arg), log),
    registerCommand(CommandId.SaveQuery, (arg?: unknown) => saveQuery(insightsServices, arg), log),
    vscode.languages.registerDocumentLinkProvider(LOG_DOCUMENT_SELECTOR, linkProvider),
    treeView.onDidChangeVisibility((e) => explorer.setVisible(e.visible)),
    settings.onDidChange(['explorer.pollIntervalSeconds'], () => explorer.restartPolling()),
    settings.onDidChange(['explorer.pollIntervalSeconds', 'notifications'], () => notifications.settingsChanged()),
    notifications.onDidChangeWatched(() => explorer.watchedChanged()),
    // A job tailed or whose metrics panel opened is watched: a notification when it ends.
    tails.onDidStart((started) => watchJobOf(jobRefOfTarget(started.target))),
    metrics.onDidOpen((panel) => watchJobOf(panel.target.kind === 'pipeline' ? undefined : jobRefOfTarget(panel.target))),
    registerCommand(CommandId.Watch, (arg?: unknown) => watchJob(notifications, arg, pickTarget), log),
    registerCommand(CommandId.Unwatch, (arg?: unknown) => unwatchJob(notifications, arg, pickTarget), log),
    settings.onDidChange(['explorer.groups'], () => explorer.groupsChanged()),
    settings.onDidChangeConnection(() => {
      checkEndpointUrl(settings, log);
      explorer.refresh();
    }),
    registerCommand(CommandId.Refresh, (node?: ExplorerNode) => explorer.refresh(node), log),
    registerCommand(CommandId.SelectProfile, (arg?: unknown) => selectProfile(settings, arg), log),
    registerCommand(CommandId.SelectRegion, (arg?: unknown) => selectRegion(settings, arg), log),
    registerCommand(CommandId.SelectConnection, () => selectConnection(settings), log),
    registerCommand(CommandId.OpenMetrics, (arg?: unknown) => openMetrics(metrics, arg, pickTarget), log),
    registerCommand(
      CommandId.CompareJobs,
      async (arg?: unknown, selected?: unknown) => {
        const given = arg ?? (await pickJobsToCompare(aws.catalog));
        return given === undefined ? undefined : compareJobs(compare, given, selected);
      },
      log,
    ),
    registerCommand(CommandId.CompareTuningChildren, (arg?: unknown) => compareJobs(compare, arg), log),
    // A new tail of a job, however started, replaces its Show Failure diagnostic.
    tails.onDidStart((started) => triage.tailStarted(started.target)),
    registerCommand(CommandId.TailLogs, (arg?: unknown) => tailLogs(tails, arg, pickTarget), log),
    registerCommand(
      CommandId.TailLogsFrom,
      (arg?: unknown) =>
        tailLogsFrom(tails, arg, {
          pick: pickTarget,
          describeJob: (job) => describeJob(aws.catalog, job),
          backfillLines: () => settings.logs().backfillLines,
          // "Last 15 minutes" of the service's clock (a simulator may run shifted).
          now: () => aws.clock.now(),
        }),
      log,
    ),
    registerCommand(CommandId.ChangeTailFilter, (arg?: unknown) => changeTailFilter(tails, arg, defaultExclude), log),
    registerCommand(CommandId.StopTail, (arg?: unknown) => stopTail(tails, arg), log),
    registerCommand(CommandId.TailLogsWithFilter, (arg?: unknown) => tailLogsWithFilter(tails, arg, defaultExclude), log),
    registerCommand(CommandId.CopyName, (arg?: unknown) => copyName(arg), log),
    registerCommand(CommandId.CopyArn, (arg?: unknown) => copyArn(arg), log),
    registerCommand(CommandId.OpenInConsole, (arg?: unknown) => openInConsole(arg, region), log),
    registerCommand(CommandId.LoadMoreTrainingJobs, () => explorer.loadMoreTrainingJobs(), log),
    registerCommand(CommandId.FilterTrainingJobs, (arg?: unknown) => filterTrainingJobs(explorer, arg), log),
    registerCommand(CommandId.ClearTrainingJobsFilter, () => explorer.setTrainingJobFilter({}), log),
    registerCommand(CommandId.LoadMoreJobs, (arg?: unknown) => loadMoreJobs(explorer, arg), log),
    registerCommand(CommandId.FilterJobs, (arg?: unknown) => filterJobs(explorer, arg), log),
    registerCommand(CommandId.ClearJobsFilter, (arg?: unknown) => clearJobsFilter(explorer, arg), log),
    registerCommand(
      CommandId.ShowFailure,
      (arg?: unknown): Promise<unknown> => {
        const executionArn = pipelineExecutionArnOf(arg);
        return executionArn ? showPipelineFailure(executionArn, aws.catalog, (job) => triage.show(job)) : triage.show(arg);
      },
      log,
    ),
    registerCommand(CommandId.DismissFailure, (arg?: unknown) => triage.dismiss(arg), log),
    registerCommand(CommandId.OpenSourceLink, (arg?: unknown) => openSourceLink(sources, arg), log),
  );
  checkEndpointUrl(settings, log);
  log.info(`SageMaker Monitor ${context.extension.packageJSON.version} activated (VS Code ${vscode.version}, Node ${process.version}).`);
  return { explorer, statusBar, metrics, compare, logTails: () => tails.tails(), logStatusText: () => tails.statusText(), keepTailTranscripts: (keep) => (tails.keepTranscripts = keep), triage, insights, notifications };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
