/** The top-level groups of the tree and the `sagemakerMonitor.explorer.groups` setting that hides some. */

export type ExplorerGroup = 'endpoints' | 'trainingJobs' | 'processingJobs' | 'transformJobs' | 'tuningJobs' | 'pipelines';

/** Every group, in the order the tree shows them. */
export const EXPLORER_GROUPS: readonly ExplorerGroup[] = ['endpoints', 'trainingJobs', 'processingJobs', 'transformJobs', 'tuningJobs', 'pipelines'];

export const GROUPS_SETTING = 'sagemakerMonitor.explorer.groups';

/**
 * The groups shown: every group the setting does not set to `false` (a missing key, a malformed setting or
 * an unknown key leaves a group shown: hiding is always explicit).
 */
export function shownGroups(setting: unknown): ExplorerGroup[] {
  const flags = typeof setting === 'object' && setting !== null && !Array.isArray(setting) ? (setting as Record<string, unknown>) : {};
  return EXPLORER_GROUPS.filter((g) => flags[g] !== false);
}
