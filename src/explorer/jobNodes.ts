/**
 * What the job groups share (training, processing, transform): the paged, filterable group root with its
 * "Load more…" item, the job node that reads its detail once and is polled while it runs, and log streams.
 */
import * as vscode from 'vscode';
import type { JobPage } from '../aws/catalog';
import type { ConsoleResource } from '../shared/console';
import { formatTime } from '../shared/format';
import { CommandId } from '../shared/ids';
import { isTerminalTrainingStatus } from '../shared/model';
import type { TailTarget } from '../shared/targets';
import { ExplorerNode, LoadingNode, MessageNode, iconOf, type NodeContext } from './baseNodes';
import { ContextValue, WATCHED_SUFFIX } from './contextValues';
import { TRAINING_JOB_STATUS_ICONS, UNKNOWN_STATUS_ICON } from './model/icons';
import { filterDescription, isFiltered, jobsPageQuery, noJobsMessage, unseenJobs, type JobFilter, type JobKind } from './model/jobPaging';
import { logStreamLabel, logStreamTooltip } from './model/trainingJobText';
import type { PolledJob } from './runningJobsPoller';

/** What every job's list summary has. */
export interface JobSummaryLike {
  readonly name: string;
  readonly status: string;
  readonly createdAt?: number;
  readonly endedAt?: number;
  readonly modifiedAt?: number;
  /** Once the job failed (details only, for most kinds). */
  readonly failureReason?: string;
}

/** The status icons of jobs of every kind (their statuses are the same five). */
export const JOB_ICONS: Record<string, vscode.ThemeIcon> = Object.fromEntries(Object.entries(TRAINING_JOB_STATUS_ICONS).map(([status, spec]) => [status, iconOf(spec)]));
export const jobIcon = (status: string) => JOB_ICONS[status] ?? new vscode.ThemeIcon(UNKNOWN_STATUS_ICON.id);

/** A watched job's item: "watched" after its description, and the context value whose menu offers Unwatch. */
export function markWatched(item: vscode.TreeItem, watched: boolean): vscode.TreeItem {
  if (watched) {
    item.description = item.description ? `${String(item.description)} · watched` : 'watched';
    item.contextValue = `${item.contextValue ?? ''}${WATCHED_SUFFIX}`;
  }
  return item;
}

/**
 * A job of any kind: its list summary until its detail is read (on expansion or hover), then the detail.
 * While it runs the poller reads it again; its hosts are reloaded on the next expansion.
 */
export abstract class JobNode<S extends JobSummaryLike, D extends S> extends LoadingNode {
  private detailValue: D | undefined;

  constructor(
    ctx: NodeContext,
    private readonly summary: S,
  ) {
    super(ctx);
  }

  /** `training job`, for messages. */
  abstract readonly kindNoun: string;
  protected abstract describe(): Promise<D>;
  /** The job's hosts or instances, once its detail is known. */
  protected abstract hosts(detail: D): Promise<ExplorerNode[]>;

  get job(): S {
    return this.detailValue ?? this.summary;
  }

  get detail(): D | undefined {
    return this.detailValue;
  }

  get isTerminal(): boolean {
    return isTerminalTrainingStatus(this.job.status);
  }

  /** Jobs loaded under this one that the poller reads too (a tuning job's children, a pipeline's executions). */
  nestedJobs(): readonly PolledJob[] {
    return [];
  }

  override get resourceName() {
    return this.job.name;
  }

  /** What the tree shows changed between two reads (the status; training jobs add their secondary status). */
  protected moved(before: S, after: D): boolean {
    return before.status !== after.status;
  }

  /** Reads the job again; true when what the tree shows changed. */
  async poll(): Promise<boolean> {
    const before = this.job;
    const detail = await this.describe();
    this.detailValue = detail;
    const changed = this.moved(before, detail);
    if (changed || !this.isTerminal) {
      // New hosts' streams appear while a job runs; reload the hosts on the next expansion.
      this.reset();
    }
    return changed;
  }

  override resolveTooltip(): Promise<vscode.TreeItem['tooltip']> | undefined {
    if (this.detailValue) {
      return undefined;
    }
    return this.describe().then((detail) => {
      this.detailValue = detail;
      return this.toTreeItem().tooltip;
    });
  }

  protected async load(): Promise<ExplorerNode[]> {
    const detail = this.detailValue ?? (await this.describe());
    const firstDetail = this.detailValue === undefined;
    this.detailValue = detail;
    if (firstDetail) {
      // The tooltip gains what only the detail has (instances, failure reason).
      this.ctx.changed(this);
    }
    return this.hosts(detail);
  }
}

/** How a group root lists and shows its kind of job. */
export interface JobGroupSpec<S extends JobSummaryLike> {
  readonly kind: JobKind;
  /** Tree id of the root (`trainingJobs`), also the prefix of its message and "Load more…" ids. */
  readonly id: string;
  readonly label: string;
  readonly icon: string;
  readonly contextValue: string;
  readonly filteredContextValue: string;
  list(query: ReturnType<typeof jobsPageQuery>): Promise<JobPage<S>>;
}

/** A group of jobs of one kind: newest first, a page at a time, filtered on the service side. */
export class JobsRootNode<S extends JobSummaryLike, N extends JobNode<S, S>> extends ExplorerNode {
  readonly id: string;
  private jobs: N[] = [];
  private nextToken: string | undefined;
  private loaded: Promise<void> | undefined;
  private failure: ExplorerNode | undefined;
  private filterValue: JobFilter = {};

  constructor(
    protected readonly ctx: NodeContext,
    readonly spec: JobGroupSpec<S>,
    private readonly node: (summary: S) => N,
  ) {
    super();
    this.id = spec.id;
  }

  get kind(): JobKind {
    return this.spec.kind;
  }

  get filter(): JobFilter {
    return this.filterValue;
  }

  setFilter(filter: JobFilter): void {
    this.filterValue = filter;
    this.reset();
  }

  /** The jobs loaded so far (for polling and tests). */
  get loadedJobs(): readonly N[] {
    return this.jobs;
  }

  /** What the poller reads: the jobs loaded and whatever is loaded under them (children, executions). */
  get polledJobs(): readonly PolledJob[] {
    const withNested = (j: PolledJob): PolledJob[] => [j, ...(j.nestedJobs?.() ?? []).flatMap(withNested)];
    return this.jobs.flatMap(withNested);
  }

  get hasMore(): boolean {
    return this.nextToken !== undefined;
  }

  reset(): void {
    this.jobs = [];
    this.nextToken = undefined;
    this.loaded = undefined;
    this.failure = undefined;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.spec.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.spec.icon);
    item.description = filterDescription(this.filterValue);
    item.contextValue = isFiltered(this.filterValue) ? this.spec.filteredContextValue : this.spec.contextValue;
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    this.loaded ??= this.loadPage();
    await this.loaded;
    if (this.failure) {
      return [...this.jobs, this.failure];
    }
    if (this.jobs.length === 0) {
      return [new MessageNode(`${this.id}/none`, noJobsMessage(this.kind, this.filterValue))];
    }
    return this.nextToken ? [...this.jobs, new LoadMoreNode(this.id, this.kind, this.jobs.length)] : [...this.jobs];
  }

  /** Appends the next page (the "Load more" item). */
  async loadMore(): Promise<void> {
    await this.loaded;
    if (this.nextToken) {
      this.loaded = this.loadPage(this.nextToken);
      await this.loaded;
      this.ctx.changed(this);
    }
  }

  private async loadPage(nextToken?: string): Promise<void> {
    this.failure = undefined;
    try {
      const [page] = await Promise.all([this.spec.list(jobsPageQuery(this.filterValue, this.ctx.jobsPageSize, nextToken)), this.ctx.loadAlarms()]);
      this.jobs.push(...unseenJobs(this.jobs.map((j) => j.job), page.jobs).map((j) => this.node(j)));
      this.nextToken = page.nextToken;
    } catch (error) {
      // Keep what was loaded and the token, so "retry" continues where it failed.
      this.failure = this.ctx.failureNode(this, error);
      this.nextToken = nextToken;
    }
  }
}

export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(
    rootId: string,
    private readonly kind: JobKind,
    loaded: number,
  ) {
    super();
    this.id = `${rootId}/more/${loaded}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValue.LoadMore;
    item.command =
      this.kind === 'training'
        ? { title: 'Load more training jobs', command: CommandId.LoadMoreTrainingJobs }
        : { title: `Load more ${this.kind} jobs`, command: CommandId.LoadMoreJobs, arguments: [{ kind: this.kind }] };
    return item;
  }
}

export class LogStreamNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly logGroupName: string,
    readonly logStreamName: string,
    private readonly startedAt: number | undefined,
    private readonly lastEventAt: number | undefined,
    scope = '',
  ) {
    super();
    this.id = `${scope}stream/${logGroupName}/${logStreamName}`;
  }
  override get resourceName() {
    return this.logStreamName;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'logStream', logGroupName: this.logGroupName, logStreamName: this.logStreamName };
  }
  override tailTarget(): TailTarget {
    return { kind: 'stream', logGroupName: this.logGroupName, logStreamName: this.logStreamName };
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(logStreamLabel(this.logStreamName), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `started ${formatTime(this.startedAt)}`;
    item.iconPath = new vscode.ThemeIcon('list-flat');
    item.contextValue = ContextValue.LogStream;
    item.tooltip = logStreamTooltip(this.logGroupName, this.logStreamName, this.lastEventAt);
    return item;
  }
}
