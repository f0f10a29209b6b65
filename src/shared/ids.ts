/** Identifiers that users, keybindings, other extensions and tests rely on (DESIGN §2). Keep them stable. */

export const EXTENSION_ID = 'sagemaker-tools.sagemaker-monitor';

export const ViewContainerId = 'sagemakerMonitor';

export const ViewId = {
  Explorer: 'sagemakerMonitor.explorer',
} as const;

export const CommandId = {
  Refresh: 'sagemakerMonitor.refresh',
  SelectProfile: 'sagemakerMonitor.selectProfile',
  SelectRegion: 'sagemakerMonitor.selectRegion',
  OpenMetrics: 'sagemakerMonitor.openMetrics',
  TailLogs: 'sagemakerMonitor.tailLogs',
  StopTail: 'sagemakerMonitor.stopTail',
  TailLogsWithFilter: 'sagemakerMonitor.tailLogsWithFilter',
  SelectConnection: 'sagemakerMonitor.selectConnection',
  CopyName: 'sagemakerMonitor.copyName',
  CopyArn: 'sagemakerMonitor.copyArn',
  OpenInConsole: 'sagemakerMonitor.openInConsole',
  LoadMoreTrainingJobs: 'sagemakerMonitor.loadMoreTrainingJobs',
  FilterTrainingJobs: 'sagemakerMonitor.filterTrainingJobs',
  ClearTrainingJobsFilter: 'sagemakerMonitor.clearTrainingJobsFilter',
  LoadMoreJobs: 'sagemakerMonitor.loadMoreJobs',
  FilterJobs: 'sagemakerMonitor.filterJobs',
  ClearJobsFilter: 'sagemakerMonitor.clearJobsFilter',
  ShowFailure: 'sagemakerMonitor.showFailure',
  DismissFailure: 'sagemakerMonitor.dismissFailure',
  OpenSourceLink: 'sagemakerMonitor.openSourceLink',
  ChangeTailFilter: 'sagemakerMonitor.changeTailFilter',
  TailLogsFrom: 'sagemakerMonitor.tailLogsFrom',
  QueryLogs: 'sagemakerMonitor.queryLogs',
  RunQuery: 'sagemakerMonitor.runQuery',
  OpenSavedQuery: 'sagemakerMonitor.openSavedQuery',
  SaveQuery: 'sagemakerMonitor.saveQuery',
  Watch: 'sagemakerMonitor.watch',
  Unwatch: 'sagemakerMonitor.unwatch',
  CompareJobs: 'sagemakerMonitor.compareJobs',
  /** "Compare Children" of a tuning job in the tree: compareJobs with the tuning job. */
  CompareTuningChildren: 'sagemakerMonitor.compareTuningChildren',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Webview panel types (also in package.json's `onWebviewPanel:` activation events, for restoring panels). */
export const WebviewViewType = {
  Metrics: 'sagemakerMonitor.metrics',
  Insights: 'sagemakerMonitor.insights',
  Compare: 'sagemakerMonitor.compare',
} as const;

/** Context keys set with `setContext`, used in `when` clauses of package.json. */
export const ContextKey = {
  Tailing: 'sagemakerMonitor.tailing',
  /** A Show Failure diagnostic is in the Problems panel. */
  FailureShown: 'sagemakerMonitor.failureShown',
} as const;

export const CONFIG_SECTION = 'sagemakerMonitor';

export const DIAGNOSTICS_CHANNEL_NAME = 'SageMaker Monitor';

/** Output channel that shows the log events of one training job or endpoint. */
export function logChannelName(resourceName: string): string {
  return `SageMaker Logs: ${resourceName}`;
}

/** The language of tail channels and Show Failure reports (package.json `contributes.languages`, the grammar). */
export const LOG_LANGUAGE_ID = 'sagemaker-log';
