import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import { classifyAwsError } from '../aws/errors';
import { Disposable } from '../shared/lifecycle';
import { AlarmBadges } from './alarmBadges';
import { FailureNode, type ExplorerNode, type NodeContext } from './baseNodes';
import { EndpointsRootNode } from './endpointNodes';
import { failureAction } from './model/failureActions';
import { RunningJobsPoller } from './runningJobsPoller';
import type { TrainingJobFilter } from './model/trainingJobPaging';
import { TrainingJobsRootNode } from './trainingJobNodes';

export interface ExplorerOptions {
  /** Seconds between reads of training jobs that are still running. */
  readonly pollIntervalSeconds: () => number;
  readonly trainingJobsPageSize?: number;
  readonly log: vscode.LogOutputChannel;
}

/**
 * The SageMaker explorer: endpoints → variants → instances, training jobs → algo hosts. It maps nodes to
 * tree items; all reads go through the injected catalogue. Jobs in progress (runningJobsPoller.ts) and the
 * alarm badges (alarmBadges.ts) are read again on timers while the view is visible.
 */
export class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  private endpoints: EndpointsRootNode;
  private trainingJobs: TrainingJobsRootNode;
  private readonly ctx: NodeContext;
  private visible = false;
  private readonly alarms: AlarmBadges;
  private readonly jobPoller: RunningJobsPoller;

  constructor(
    private readonly catalog: ResourceCatalog,
    private readonly options: ExplorerOptions,
  ) {
    super();
    const active = () => this.visible && !this.isDisposed;
    this.alarms = this._register(
      new AlarmBadges({ catalog, intervalSeconds: options.pollIntervalSeconds, active, redraw: () => this.changed.fire(undefined), log: options.log }),
    );
    this.jobPoller = this._register(
      new RunningJobsPoller({ jobs: () => this.trainingJobs.loadedJobs, intervalSeconds: options.pollIntervalSeconds, active, changed: (node) => this.changed.fire(node), log: options.log }),
    );
    this.ctx = {
      catalog: this.catalog,
      changed: (node) => this.changed.fire(node),
      failureNode: (parent, error) => this.failureNode(parent, error),
      trainingJobsPageSize: options.trainingJobsPageSize ?? 50,
      loadAlarms: () => this.alarms.load(),
      alarmBadge: (key) => this.alarms.badge(key),
    };
    this.endpoints = new EndpointsRootNode(this.ctx);
    this.trainingJobs = new TrainingJobsRootNode(this.ctx);
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
      this.jobPoller.schedule();
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
    this.alarms.forget();
    const filter = this.trainingJobs.filter;
    this.endpoints = new EndpointsRootNode(this.ctx);
    this.trainingJobs = new TrainingJobsRootNode(this.ctx);
    this.trainingJobs.setFilter(filter);
    this.changed.fire(undefined);
  }

  /** Reads the alarms again (one DescribeAlarms listing) and redraws the badges, e.g. after creating one. */
  async refreshAlarms(): Promise<void> {
    await this.alarms.reload();
    this.changed.fire(undefined);
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
  /** Whether the tree view is visible (its pollers run only then). */
  get isVisible(): boolean {
    return this.visible;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.jobPoller.schedule();
      this.alarms.schedule();
    } else {
      this.stopPolling();
    }
  }

  /** Reads every loaded job that is still running; fires a change for each that moved on. */
  pollRunningJobs(): Promise<number> {
    return this.jobPoller.pollNow();
  }

  /** Starts the polling timers again, e.g. with a new interval. */
  restartPolling(): void {
    this.stopPolling();
    this.jobPoller.schedule();
    this.alarms.schedule();
  }

  private stopPolling(): void {
    this.jobPoller.stop();
    this.alarms.stop();
  }

  private failureNode(parent: ExplorerNode, error: unknown): ExplorerNode {
    const failure = classifyAwsError(error);
    this.options.log.error(`${parent.id}: ${failure.code}: ${failure.message}`, error instanceof Error ? error : undefined);
    return new FailureNode(`${parent.id}/failure`, failure, failureAction(failure, parent));
  }
}
