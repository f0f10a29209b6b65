/** Which codicon (and theme colour) shows which status; the VS Code side turns these into ThemeIcons. */

export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

export const ENDPOINT_STATUS_ICONS: Readonly<Record<string, IconSpec>> = {
  InService: { id: 'pass', color: 'testing.iconPassed' },
  Creating: { id: 'sync~spin' },
  Updating: { id: 'sync~spin' },
  SystemUpdating: { id: 'sync~spin' },
  RollingBack: { id: 'history', color: 'list.warningForeground' },
  Deleting: { id: 'trash' },
  OutOfService: { id: 'circle-slash', color: 'list.warningForeground' },
  Failed: { id: 'error', color: 'testing.iconFailed' },
  UpdateRollbackFailed: { id: 'error', color: 'testing.iconFailed' },
};

export const TRAINING_JOB_STATUS_ICONS: Readonly<Record<string, IconSpec>> = {
  InProgress: { id: 'sync~spin' },
  Completed: { id: 'pass', color: 'testing.iconPassed' },
  Failed: { id: 'error', color: 'testing.iconFailed' },
  Stopping: { id: 'loading~spin' },
  Stopped: { id: 'debug-stop', color: 'list.warningForeground' },
};

/** A status not in the table. */
export const UNKNOWN_STATUS_ICON: IconSpec = { id: 'circle-outline' };
