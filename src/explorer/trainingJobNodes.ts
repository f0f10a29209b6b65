/** The training job subtree: the paged, filterable jobs root → jobs → algo hosts → log streams (after a restart). */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import { formatTime } from '../shared/format';
import { CommandId } from '../shared/ids';
import { trainingJobAlarmKey } from '../shared/metrics/alarms';
import { isTerminalTrainingStatus, type TrainingHost, type TrainingJobDetail, type TrainingJobSummary } from '../shared/model';
import { TRAINING_JOBS_LOG_GROUP } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode, LoadingNode, MessageNode, iconOf, showAlarms, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { TRAINING_JOB_STATUS_ICONS, UNKNOWN_STATUS_ICON } from './model/icons';
import { filterDescription, isFiltered, noTrainingJobsMessage, trainingJobsPageQuery, unseenJobs, type TrainingJobFilter } from './model/trainingJobPaging';
import {
  isRestarted,
  logStreamLabel,
  logStreamTooltip,
  trainingHostDescription,
  trainingHostTooltip,
  trainingJobDescription,
  trainingJobTooltip,
} from './model/trainingJobText';

const JOB_ICONS: Record<string, vscode.ThemeIcon> = Object.fromEntries(Object.entries(TRAINING_JOB_STATUS_ICONS).map(([status, spec]) => [status, iconOf(spec)]));

export class TrainingJobsRootNode extends ExplorerNode {
  readonly id = 'trainingJobs';
  private jobs: TrainingJobNode[] = [];
  private nextToken: string | undefined;
  private loaded: Promise<void> | undefined;
  private failure: ExplorerNode | undefined;
  private filterValue: TrainingJobFilter = {};

  constructor(private readonly ctx: NodeContext) {
    super();
  }

  get filter(): TrainingJobFilter {
    return this.filterValue;
  }

  setFilter(filter: TrainingJobFilter): void {
    this.filterValue = filter;
    this.reset();
  }

  /** The jobs loaded so far (for polling and tests). */
  get loadedJobs(): readonly TrainingJobNode[] {
    return this.jobs;
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
    const item = new vscode.TreeItem('Training Jobs', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('beaker');
    const f = this.filterValue;
    item.description = filterDescription(f);
    item.contextValue = isFiltered(f) ? ContextValue.TrainingJobsRootFiltered : ContextValue.TrainingJobsRoot;
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    this.loaded ??= this.loadPage();
    await this.loaded;
    if (this.failure) {
      return [...this.jobs, this.failure];
    }
    if (this.jobs.length === 0) {
      return [new MessageNode('trainingJobs/none', noTrainingJobsMessage(this.filterValue))];
    }
    return this.nextToken ? [...this.jobs, new LoadMoreNode(this.jobs.length)] : [...this.jobs];
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
      const [page] = await Promise.all([this.ctx.catalog.listTrainingJobs(trainingJobsPageQuery(this.filterValue, this.ctx.trainingJobsPageSize, nextToken)), this.ctx.loadAlarms()]);
      this.jobs.push(...unseenJobs(this.jobs.map((j) => j.job), page.jobs).map((j) => new TrainingJobNode(this.ctx, j)));
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
  constructor(loaded: number) {
    super();
    this.id = `trainingJobs/more/${loaded}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValue.LoadMore;
    item.command = { title: 'Load more training jobs', command: CommandId.LoadMoreTrainingJobs };
    return item;
  }
}

export class TrainingJobNode extends LoadingNode {
  readonly id: string;
  private detailValue: TrainingJobDetail | undefined;

  constructor(
    ctx: NodeContext,
    private summary: TrainingJobSummary,
  ) {
    super(ctx);
    this.id = `trainingJob/${summary.name}`;
  }

  get job(): TrainingJobSummary {
    return this.detailValue ?? this.summary;
  }

  get detail(): TrainingJobDetail | undefined {
    return this.detailValue;
  }

  get isTerminal(): boolean {
    return isTerminalTrainingStatus(this.job.status);
  }

  override get resourceName() {
    return this.job.name;
  }
  override get arn() {
    return this.job.arn;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'trainingJob', name: this.job.name };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'trainingJob', trainingJobName: this.job.name };
  }
  override tailTarget(): TailTarget {
    return { kind: 'trainingJob', trainingJobName: this.job.name };
  }

  /** Reads the job again; true when what the tree shows changed. */
  async poll(): Promise<boolean> {
    const before = this.job;
    const detail = await this.ctx.catalog.describeTrainingJob(this.job.name);
    this.detailValue = detail;
    const changed = before.status !== detail.status || before.secondaryStatus !== detail.secondaryStatus;
    if (changed || !this.isTerminal) {
      // New hosts' streams appear while a job runs; reload the hosts on the next expansion.
      this.reset();
    }
    return changed;
  }

  toTreeItem(): vscode.TreeItem {
    const j = this.job;
    const item = new vscode.TreeItem(j.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = trainingJobDescription(j, this.detailValue, Date.now());
    item.iconPath = JOB_ICONS[j.status] ?? new vscode.ThemeIcon(UNKNOWN_STATUS_ICON.id);
    item.contextValue = ContextValue.TrainingJob;
    const tip = new vscode.MarkdownString(trainingJobTooltip(j, this.detailValue));
    if (this.detailValue?.failureReason) {
      tip.appendMarkdown('\n\n**Failure:** ').appendText(this.detailValue.failureReason);
    }
    item.tooltip = tip;
    return showAlarms(item, this.ctx.alarmBadge(trainingJobAlarmKey(j.name)));
  }

  override resolveTooltip(): Promise<vscode.TreeItem['tooltip']> | undefined {
    if (this.detailValue) {
      return undefined;
    }
    return this.ctx.catalog.describeTrainingJob(this.job.name).then((detail) => {
      this.detailValue = detail;
      return this.toTreeItem().tooltip;
    });
  }

  protected async load(): Promise<ExplorerNode[]> {
    const detail = this.detailValue ?? (await this.ctx.catalog.describeTrainingJob(this.job.name));
    const firstDetail = this.detailValue === undefined;
    this.detailValue = detail;
    if (firstDetail) {
      // The tooltip gains the failure reason and instance type.
      this.ctx.changed(this);
    }
    const hosts = await this.ctx.catalog.listTrainingHosts(detail.name, detail.instanceCount);
    return hosts.map((h) => new TrainingHostNode(h));
  }
}

export class TrainingHostNode extends ExplorerNode {
  readonly id: string;
  constructor(readonly host: TrainingHost) {
    super();
    this.id = `trainingJob/${host.trainingJobName}/${host.host}`;
  }
  override get resourceName() {
    return `${this.host.trainingJobName}/${this.host.host}`;
  }
  override get consoleResource(): ConsoleResource {
    const latest = this.host.streams.at(-1);
    return latest ? { kind: 'logStream', logGroupName: TRAINING_JOBS_LOG_GROUP, logStreamName: latest.logStreamName } : { kind: 'trainingJob', name: this.host.trainingJobName };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'trainingJob', trainingJobName: this.host.trainingJobName, host: this.host.host };
  }
  override tailTarget(): TailTarget {
    return { kind: 'trainingJob', trainingJobName: this.host.trainingJobName, host: this.host.host };
  }
  toTreeItem(): vscode.TreeItem {
    const h = this.host;
    const restarted = isRestarted(h);
    const item = new vscode.TreeItem(h.host, restarted ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = trainingHostDescription(h);
    item.iconPath = new vscode.ThemeIcon(restarted ? 'debug-restart' : 'vm');
    item.contextValue = ContextValue.TrainingHost;
    item.tooltip = new vscode.MarkdownString(trainingHostTooltip(h));
    return item;
  }
  override getChildren(): ExplorerNode[] {
    return isRestarted(this.host) ? this.host.streams.map((s) => new LogStreamNode(TRAINING_JOBS_LOG_GROUP, s.logStreamName, s.startedAt * 1000, s.lastEventAt)) : [];
  }
}

export class LogStreamNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly logGroupName: string,
    readonly logStreamName: string,
    private readonly startedAt: number | undefined,
    private readonly lastEventAt: number | undefined,
  ) {
    super();
    this.id = `stream/${logGroupName}/${logStreamName}`;
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
