/** The training job subtree: the paged, filterable jobs root → jobs → algo hosts → log streams (after a restart). */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import { formatDuration, formatTime } from '../shared/format';
import { CommandId } from '../shared/ids';
import { trainingJobAlarmKey } from '../shared/metrics/alarms';
import { isTerminalTrainingStatus, type TrainingHost, type TrainingJobDetail, type TrainingJobSummary } from '../shared/model';
import { TRAINING_JOBS_LOG_GROUP } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode, LoadingNode, MessageNode, showAlarms, themeIcon, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';

const JOB_ICONS: Record<string, vscode.ThemeIcon> = {
  InProgress: themeIcon('sync~spin'),
  Completed: themeIcon('pass', 'testing.iconPassed'),
  Failed: themeIcon('error', 'testing.iconFailed'),
  Stopping: themeIcon('loading~spin'),
  Stopped: themeIcon('debug-stop', 'list.warningForeground'),
};

export interface TrainingJobFilter {
  readonly nameContains?: string;
  readonly status?: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
}

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
    const filtered = Boolean(f.nameContains || f.status);
    item.description = filtered ? [f.nameContains && `"${f.nameContains}"`, f.status].filter(Boolean).join(' · ') : undefined;
    item.contextValue = filtered ? ContextValue.TrainingJobsRootFiltered : ContextValue.TrainingJobsRoot;
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    this.loaded ??= this.loadPage();
    await this.loaded;
    if (this.failure) {
      return [...this.jobs, this.failure];
    }
    if (this.jobs.length === 0) {
      return [new MessageNode('trainingJobs/none', this.filterValue.nameContains || this.filterValue.status ? 'No training jobs match the filter' : 'No training jobs in this region')];
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
      const [page] = await Promise.all([this.ctx.catalog.listTrainingJobs({
        pageSize: this.ctx.trainingJobsPageSize,
        ...(this.filterValue.nameContains ? { nameContains: this.filterValue.nameContains } : {}),
        ...(this.filterValue.status ? { status: this.filterValue.status } : {}),
        ...(nextToken ? { nextToken } : {}),
      }), this.ctx.loadAlarms()]);
      const known = new Set(this.jobs.map((j) => j.job.name));
      this.jobs.push(...page.jobs.filter((j) => !known.has(j.name)).map((j) => new TrainingJobNode(this.ctx, j)));
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
    const end = j.endedAt ?? (this.isTerminal ? j.modifiedAt : Date.now());
    const start = this.detailValue?.startedAt ?? j.createdAt;
    const duration = start !== undefined && end !== undefined ? formatDuration(end - start) : undefined;
    item.description = [j.secondaryStatus && j.secondaryStatus !== j.status ? j.secondaryStatus : j.status, duration].filter(Boolean).join(' · ');
    item.iconPath = JOB_ICONS[j.status] ?? new vscode.ThemeIcon('circle-outline');
    item.contextValue = ContextValue.TrainingJob;
    const tip = new vscode.MarkdownString(`**${j.name}** — ${j.status}${j.secondaryStatus ? ` (${j.secondaryStatus})` : ''}\n\nCreated ${formatTime(j.createdAt)}  \nEnded ${formatTime(j.endedAt)}`);
    const d = this.detailValue;
    if (d) {
      tip.appendMarkdown(`  \n${d.instanceCount} × ${d.instanceType ?? 'instance'}`);
      if (d.failureReason) {
        tip.appendMarkdown('\n\n**Failure:** ').appendText(d.failureReason);
      }
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
    const restarted = h.streams.length > 1;
    const item = new vscode.TreeItem(h.host, restarted ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = h.streams.length === 0 ? 'no logs yet' : restarted ? `${h.streams.length} streams (restarted)` : undefined;
    item.iconPath = new vscode.ThemeIcon(restarted ? 'debug-restart' : 'vm');
    item.contextValue = ContextValue.TrainingHost;
    item.tooltip = new vscode.MarkdownString(`**${h.trainingJobName} / ${h.host}**\n\n${h.streams.map((s) => `\`${s.logStreamName}\` — started ${formatTime(s.startedAt * 1000)}`).join('  \n') || 'No log streams yet.'}`);
    return item;
  }
  override getChildren(): ExplorerNode[] {
    return this.host.streams.length > 1 ? this.host.streams.map((s) => new LogStreamNode(TRAINING_JOBS_LOG_GROUP, s.logStreamName, s.startedAt * 1000, s.lastEventAt)) : [];
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
    const item = new vscode.TreeItem(this.logStreamName.split('/').pop() ?? this.logStreamName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `started ${formatTime(this.startedAt)}`;
    item.iconPath = new vscode.ThemeIcon('list-flat');
    item.contextValue = ContextValue.LogStream;
    item.tooltip = `${this.logGroupName}\n${this.logStreamName}\nLast event: ${formatTime(this.lastEventAt)}`;
    return item;
  }
}
