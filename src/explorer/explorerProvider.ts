import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import { classifyAwsError } from '../aws/errors';
import { jobRefOfTarget, type JobRef } from '../shared/jobRef';
import { Disposable } from '../shared/lifecycle';
import type { AlarmInfo } from '../shared/metrics/alarms';
import { AlarmBadges } from './alarmBadges';
import { FailureNode, type ExplorerNode, type NodeContext } from './baseNodes';
import { EndpointsRootNode } from './endpointNodes';
import { JobsRootNode } from './jobNodes';
import { failureAction } from './model/failureActions';
import { EXPLORER_GROUPS, type ExplorerGroup } from './model/groups';
import type { JobFilter, JobKind, TrainingJobFilter } from './model/jobPaging';
import { ProcessingJobsRootNode } from './processingJobNodes';
import { RunningJobsPoller, type PolledJob } from './runningJobsPoller';
import { TrainingJobsRootNode } from './trainingJobNodes';
import { TransformJobsRootNode } from './transformJobNodes';
import { PipelinesRootNode } from './pipelineNodes';
import { TuningJobsRootNode } from './tuningJobNodes';

interface Roots {
  readonly endpoints: EndpointsRootNode;
  readonly trainingJobs: TrainingJobsRootNode;
  readonly processingJobs: ProcessingJobsRootNode;
  readonly transformJobs: TransformJobsRootNode;
  readonly tuningJobs: TuningJobsRootNode;
  readonly pipelines: PipelinesRootNode;
}

type JobGroup = 'trainingJobs' | 'processingJobs' | 'transformJobs' | 'tuningJobs' | 'pipelines';
const JOB_GROUPS: readonly JobGroup[] = ['trainingJobs', 'processingJobs', 'transformJobs', 'tuningJobs', 'pipelines'];

const GROUP_OF_KIND: Readonly<Record<JobKind, JobGroup>> = {
  training: 'trainingJobs',
  processing: 'processingJobs',
  transform: 'transformJobs',
  tuning: 'tuningJobs',
  pipeline: 'pipelines',
};

export interface ExplorerOptions {
  /** Seconds between reads of training jobs that are still running. */
  readonly pollIntervalSeconds: () => number;
  /** Jobs per page of every job group. */
  readonly jobsPageSize?: number;
  /** The top-level groups shown (`sagemakerMonitor.explorer.groups`); all when not given. */
  readonly groups?: () => readonly ExplorerGroup[];
  /** Whether a job is watched (its item says so and offers Unwatch). */
  readonly isWatched?: (job: JobRef) => boolean;
  /** Each status of a job the poller read, and the one it had before (notifications ride on these reads). */
  readonly jobStatusSeen?: (sighting: { readonly job: JobRef; readonly status: string; readonly failureReason?: string }) => void;
  /** Each alarm listing read for the badges. */
  readonly alarmsListed?: (alarms: readonly AlarmInfo[]) => void;
  readonly log: vscode.LogOutputChannel;
}

/**
 * The SageMaker explorer: endpoints → variants → instances; training and processing jobs → algo hosts; transform
 * jobs → instances; the groups the settings hide are left out. It maps nodes to
 * tree items; all reads go through the injected catalogue. Jobs in progress (runningJobsPoller.ts) and the
 * alarm badges (alarmBadges.ts) are read again on timers while the view is visible.
 */
export class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  private rootNodes: Roots;
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
      new AlarmBadges({ catalog, intervalSeconds: options.pollIntervalSeconds, active, redraw: () => this.changed.fire(undefined), listed: options.alarmsListed, log: options.log }),
    );
    this.jobPoller = this._register(
      new RunningJobsPoller({
        jobs: () => this.shownJobRoots().flatMap((r): readonly PolledJob[] => r.polledJobs),
        intervalSeconds: options.pollIntervalSeconds,
        active,
        changed: (node) => this.changed.fire(node),
        polled: (job, before) => this.jobPolled(job, before),
        log: options.log,
      }),
    );
    this.ctx = {
      catalog: this.catalog,
      changed: (node) => this.changed.fire(node),
      failureNode: (parent, error) => this.failureNode(parent, error),
      jobsPageSize: options.jobsPageSize ?? 50,
      loadAlarms: () => this.alarms.load(),
      alarmBadge: (key) => this.alarms.badge(key),
      isWatched: (job) => options.isWatched?.(job) ?? false,
    };
    this.rootNodes = this.newRoots();
  }

  /** Roots, for tests and commands (hidden groups too). */
  get roots(): Roots {
    return this.rootNodes;
  }

  private newRoots(): Roots {
    return {
      endpoints: new EndpointsRootNode(this.ctx),
      trainingJobs: new TrainingJobsRootNode(this.ctx),
      processingJobs: new ProcessingJobsRootNode(this.ctx),
      transformJobs: new TransformJobsRootNode(this.ctx),
      tuningJobs: new TuningJobsRootNode(this.ctx),
      pipelines: new PipelinesRootNode(this.ctx),
    };
  }

  private shownGroups(): readonly ExplorerGroup[] {
    const shown = new Set(this.options.groups?.() ?? EXPLORER_GROUPS);
    return EXPLORER_GROUPS.filter((g) => shown.has(g));
  }

  private shownJobRoots(): ReturnType<ExplorerProvider['jobRoot']>[] {
    const shown = this.shownGroups();
    return JOB_GROUPS.filter((g) => shown.includes(g)).map((g) => this.rootNodes[g]);
  }

  /** The group of one kind of job. */
  jobRoot(kind: JobKind): Roots[JobGroup] {
    return this.rootNodes[GROUP_OF_KIND[kind]];
  }

  /** A job of the kinds that run on hosts was read: its status before and after, for notifications. */
  private jobPolled(node: PolledJob, before: string): void {
    const target = node.tailTarget();
    const job = target && jobRefOfTarget(target);
    if (job && this.options.jobStatusSeen) {
      this.options.jobStatusSeen({ job, status: before });
      const failureReason = node.detail?.failureReason;
      this.options.jobStatusSeen({ job, status: node.job.status, ...(failureReason ? { failureReason } : {}) });
    }
  }

  /** Jobs were watched or unwatched: redraw their marks. */
  watchedChanged(): void {
    this.changed.fire(undefined);
  }

  /** The shown groups changed (the setting): redraw the top level and poll what is shown. */
  groupsChanged(): void {
    this.changed.fire(undefined);
    this.jobPoller.schedule();
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
      return this.shownGroups().map((g) => this.rootNodes[g]);
    }
    const children = await node.getChildren();
    if (node instanceof JobsRootNode) {
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
    // A failure node or no node: start again from the roots, keeping the job groups' filters.
    this.catalog.invalidate();
    this.alarms.forget();
    const before = this.rootNodes;
    this.rootNodes = this.newRoots();
    for (const g of JOB_GROUPS) {
      this.rootNodes[g].setFilter(before[g].filter);
    }
    this.changed.fire(undefined);
  }

  /** Reads the alarms again (one DescribeAlarms listing) and redraws the badges, e.g. after creating one. */
  async refreshAlarms(): Promise<void> {
    await this.alarms.reload();
    this.changed.fire(undefined);
  }

  async loadMoreTrainingJobs(): Promise<void> {
    await this.loadMoreJobs('training');
  }

  async loadMoreJobs(kind: JobKind): Promise<void> {
    await this.jobRoot(kind).loadMore();
  }

  /** The next page of a pipeline's executions. */
  async loadMoreExecutions(pipelineName: string): Promise<void> {
    await this.rootNodes.pipelines.pipeline(pipelineName)?.loadMore();
  }

  setTrainingJobFilter(filter: TrainingJobFilter): void {
    this.setJobFilter('training', filter);
  }

  get trainingJobFilter(): TrainingJobFilter {
    return this.jobFilter('training');
  }

  setJobFilter(kind: JobKind, filter: JobFilter): void {
    const root = this.jobRoot(kind);
    root.setFilter(filter);
    this.changed.fire(root);
  }

  jobFilter(kind: JobKind): JobFilter {
    return this.jobRoot(kind).filter;
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
    const group = parent === this.rootNodes.endpoints || parent instanceof JobsRootNode;
    return new FailureNode(`${parent.id}/failure`, failure, failureAction(failure, parent, { group }));
  }
}
