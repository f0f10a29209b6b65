import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import { classifyAwsError, type AwsFailure } from '../aws/errors';
import { CommandId } from '../shared/ids';
import { Disposable } from '../shared/lifecycle';
import { AlarmIndex } from '../shared/metrics/alarms';
import { FailureNode, type ExplorerNode, type NodeContext } from './baseNodes';
import { EndpointsRootNode } from './endpointNodes';
import { TrainingJobsRootNode, type TrainingJobFilter } from './trainingJobNodes';

export interface ExplorerOptions {
  /** Seconds between reads of training jobs that are still running. */
  readonly pollIntervalSeconds: () => number;
  readonly trainingJobsPageSize?: number;
  readonly log: vscode.LogOutputChannel;
}

/**
 * The SageMaker explorer: endpoints → variants → instances, training jobs → algo hosts. It maps nodes to
 * tree items; all reads go through the injected catalogue. Jobs in progress are read again on a timer
 * while the view is visible, until they end.
 */
export class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  private endpoints: EndpointsRootNode;
  private trainingJobs: TrainingJobsRootNode;
  private readonly ctx: NodeContext;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private visible = false;
  private alarms = new AlarmIndex();
  private alarmsLoading: Promise<void> | undefined;
  /** When the alarm listing now shown was asked for; the badges are re-read once it is an interval old. */
  private alarmsAskedAt = 0;
  private alarmTimer: NodeJS.Timeout | undefined;
  /** Said once, not at every re-read while the permission is missing. */
  private lastAlarmWarning: string | undefined;

  constructor(
    private readonly catalog: ResourceCatalog,
    private readonly options: ExplorerOptions,
  ) {
    super();
    this.ctx = {
      catalog: this.catalog,
      changed: (node) => this.changed.fire(node),
      failureNode: (parent, error) => this.failureNode(parent, error),
      trainingJobsPageSize: options.trainingJobsPageSize ?? 50,
      loadAlarms: () => this.loadAlarms(),
      alarmBadge: (key) => this.alarms.badge(key),
    };
    this.endpoints = new EndpointsRootNode(this.ctx);
    this.trainingJobs = new TrainingJobsRootNode(this.ctx);
    this._register({ dispose: () => this.stopPolling() });
  }

  /** Roots, for tests and commands. */
  get roots(): { endpoints: EndpointsRootNode; trainingJobs: TrainingJobsRootNode } {
    return { endpoints: this.endpoints, trainingJobs: this.trainingJobs };
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  /** On hover: the failure reason and instance details that the list calls do not return. */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): Promise<vscode.TreeItem> {
    try {
      const tooltip = await node.resolveTooltip();
      if (tooltip) {
        item.tooltip = tooltip;
      }
    } catch (error) {
      this.options.log.warn(`${node.id}: could not read details for the tooltip: ${classifyAwsError(error).message}`);
    }
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) {
      return [this.endpoints, this.trainingJobs];
    }
    const children = await node.getChildren();
    if (node === this.trainingJobs) {
      this.schedulePolling();
    }
    return children;
  }

  /** Reloads one node's children, or everything. */
  refresh(node?: ExplorerNode): void {
    if (node && 'reset' in node && typeof node.reset === 'function') {
      node.reset();
      this.changed.fire(node);
      return;
    }
    // A failure node or no node: start again from the roots, keeping the training job filter.
    this.catalog.invalidate();
    this.alarmsLoading = undefined;
    const filter = this.trainingJobs.filter;
    this.endpoints = new EndpointsRootNode(this.ctx);
    this.trainingJobs = new TrainingJobsRootNode(this.ctx);
    this.trainingJobs.setFilter(filter);
    this.changed.fire(undefined);
  }

  /** Reads the alarms again (one DescribeAlarms listing) and redraws the badges, e.g. after creating one. */
  async refreshAlarms(): Promise<void> {
    this.catalog.invalidateAlarms();
    this.alarmsLoading = undefined;
    await this.loadAlarms();
    this.changed.fire(undefined);
  }

  private loadAlarms(): Promise<void> {
    if (this.alarmsLoading) {
      return this.alarmsLoading;
    }
    this.alarmsAskedAt = Date.now();
    this.alarmsLoading = this.catalog.alarmIndex().then(
      (index) => {
        this.alarms = index;
        this.lastAlarmWarning = undefined;
      },
      (error: unknown) => {
        // Badges are a bonus: without cloudwatch:DescribeAlarms the tree works as before.
        const failure = classifyAwsError(error);
        const warning = `Alarm badges are off: DescribeAlarms failed (${failure.code}: ${failure.message})`;
        if (warning !== this.lastAlarmWarning) {
          this.options.log.warn(warning);
        }
        this.lastAlarmWarning = warning;
        this.alarms = new AlarmIndex();
      },
    );
    this.scheduleAlarmRefresh();
    return this.alarmsLoading;
  }

  async loadMoreTrainingJobs(): Promise<void> {
    await this.trainingJobs.loadMore();
  }

  setTrainingJobFilter(filter: TrainingJobFilter): void {
    this.trainingJobs.setFilter(filter);
    this.changed.fire(this.trainingJobs);
  }

  get trainingJobFilter(): TrainingJobFilter {
    return this.trainingJobs.filter;
  }

  /** The view's visibility: jobs and alarm states are polled only while someone can see them. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.schedulePolling();
      this.scheduleAlarmRefresh();
    } else {
      this.stopPolling();
    }
  }

  /**
   * Alarm states change by themselves: while the view is visible and badges have been shown, the listing is
   * read again once it is `pollIntervalSeconds` old (one DescribeAlarms listing, however many nodes), and
   * the tree redrawn only when some alarm changed state.
   */
  private scheduleAlarmRefresh(): void {
    if (this.alarmTimer || !this.visible || this.isDisposed || !this.alarmsLoading) {
      return;
    }
    const intervalMs = this.options.pollIntervalSeconds() * 1000;
    const tick = async () => {
      this.alarmTimer = undefined;
      if (!this.visible || this.isDisposed || !this.alarmsLoading) {
        return;
      }
      if (Date.now() - this.alarmsAskedAt >= intervalMs) {
        const before = alarmStates(this.alarms);
        this.catalog.invalidateAlarms();
        this.alarmsLoading = undefined;
        await this.loadAlarms();
        if (alarmStates(this.alarms) !== before) {
          this.changed.fire(undefined);
        }
      }
      this.scheduleAlarmRefresh();
    };
    this.alarmTimer = setTimeout(() => void tick(), Math.max(1000, intervalMs - (Date.now() - this.alarmsAskedAt)));
  }

  /** Reads every loaded job that is still running; fires a change for each that moved on. */
  async pollRunningJobs(): Promise<number> {
    if (this.polling) {
      return 0;
    }
    this.polling = true;
    let changes = 0;
    try {
      const running = this.trainingJobs.loadedJobs.filter((j) => !j.isTerminal);
      await Promise.all(
        running.map(async (job) => {
          try {
            if (await job.poll()) {
              changes++;
            }
            // Fire even without a status change: the running duration in the description moved on.
            this.changed.fire(job);
          } catch (error) {
            this.options.log.warn(`Could not refresh training job ${job.job.name}: ${classifyAwsError(error).message}`);
          }
        }),
      );
    } finally {
      this.polling = false;
    }
    return changes;
  }

  /** Starts the polling timers again, e.g. with a new interval. */
  restartPolling(): void {
    this.stopPolling();
    this.schedulePolling();
    this.scheduleAlarmRefresh();
  }

  private schedulePolling(): void {
    if (this.pollTimer || !this.visible || this.isDisposed) {
      return;
    }
    const tick = async () => {
      this.pollTimer = undefined;
      if (!this.visible || this.isDisposed) {
        return;
      }
      await this.pollRunningJobs();
      if (this.trainingJobs.loadedJobs.some((j) => !j.isTerminal)) {
        this.pollTimer = setTimeout(tick, this.options.pollIntervalSeconds() * 1000);
      }
    };
    if (this.trainingJobs.loadedJobs.some((j) => !j.isTerminal)) {
      this.pollTimer = setTimeout(tick, this.options.pollIntervalSeconds() * 1000);
    }
  }

  private stopPolling(): void {
    if (this.pollTimer) {
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    }
    if (this.alarmTimer) {
      clearTimeout(this.alarmTimer);
      this.alarmTimer = undefined;
    }
  }

  private failureNode(parent: ExplorerNode, error: unknown): ExplorerNode {
    const failure = classifyAwsError(error);
    this.options.log.error(`${parent.id}: ${failure.code}: ${failure.message}`, error instanceof Error ? error : undefined);
    return new FailureNode(`${parent.id}/failure`, failure, actionFor(failure, parent));
  }
}

function actionFor(failure: AwsFailure, parent: ExplorerNode): { title: string; command: string; args?: unknown[] } {
  switch (failure.kind) {
    case 'noCredentials':
      return { title: 'Configure AWS profile', command: CommandId.SelectProfile };
    case 'noRegion':
      return { title: 'Select region', command: CommandId.SelectRegion };
    case 'badEndpoint':
      return { title: 'Check endpoint URL', command: 'workbench.action.openSettings', args: ['sagemakerMonitor.endpointUrl'] };
    case 'expiredCredentials':
      return { title: 'Sign in again, then retry', command: CommandId.Refresh, args: [parent] };
    case 'accessDenied':
      return { title: failure.action ? `Grant ${failure.action}, then retry` : 'Retry', command: CommandId.Refresh, args: [parent] };
    case 'notFound':
      // Deleted since the list was read: reading it again drops it.
      return { title: 'Refresh the list', command: CommandId.Refresh };
    default:
      return { title: 'Retry', command: CommandId.Refresh, args: [parent] };
  }
}

/** Which alarm is in which state: what the badges show. */
function alarmStates(index: AlarmIndex): string {
  return index.alarms
    .map((a) => `${a.alarmName}\u0000${a.state}`)
    .sort()
    .join('\n');
}
