import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import type { AwsFailure } from '../aws/errors';
import type { ConsoleResource } from '../shared/console';
import { isTransient } from '../shared/failures';
import { formatDuration, formatTime, formatVariantDescription } from '../shared/format';
import { CommandId } from '../shared/ids';
import { endpointAlarmKey, trainingJobAlarmKey, variantAlarmKey, type AlarmBadge, type AlarmTargetKey } from '../shared/metrics/alarms';
import {
  isTerminalTrainingStatus,
  type EndpointDetail,
  type EndpointInstance,
  type EndpointSummary,
  type TrainingHost,
  type TrainingJobDetail,
  type TrainingJobSummary,
} from '../shared/model';
import { TRAINING_JOBS_LOG_GROUP, endpointLogGroup } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ContextValue } from './contextValues';

/** What a node needs from its tree: the catalogue, and a way to say that it changed. */
export interface NodeContext {
  readonly catalog: ResourceCatalog;
  changed(node: ExplorerNode | undefined): void;
  failureNode(parent: ExplorerNode, error: unknown): ExplorerNode;
  readonly trainingJobsPageSize: number;
  /** Loads the shared alarm listing of this tree refresh (never rejects: no permission = no badges). */
  loadAlarms(): Promise<void>;
  /** The node's alarm badge from the listing loaded so far. */
  alarmBadge(key: AlarmTargetKey): AlarmBadge | undefined;
}

export abstract class ExplorerNode {
  abstract readonly id: string;
  abstract toTreeItem(): vscode.TreeItem;
  getChildren(): Promise<ExplorerNode[]> | ExplorerNode[] {
    return [];
  }
  /** What Copy Name copies. */
  get resourceName(): string | undefined {
    return undefined;
  }
  get arn(): string | undefined {
    return undefined;
  }
  get consoleResource(): ConsoleResource | undefined {
    return undefined;
  }
  metricsTarget(): MetricsTarget | undefined {
    return undefined;
  }
  tailTarget(): TailTarget | undefined {
    return undefined;
  }
  /** Reads what the tooltip needs beyond the list's summary (on hover); undefined when nothing more. */
  resolveTooltip(): Promise<vscode.TreeItem['tooltip']> | undefined {
    return undefined;
  }
}

/** Children loaded once and kept until the node is refreshed; a failure becomes a failure node. */
abstract class LoadingNode extends ExplorerNode {
  private loading: Promise<ExplorerNode[]> | undefined;

  constructor(protected readonly ctx: NodeContext) {
    super();
  }

  protected abstract load(): Promise<ExplorerNode[]>;

  override getChildren(): Promise<ExplorerNode[]> {
    this.loading ??= this.load().catch((error: unknown) => [this.ctx.failureNode(this, error)]);
    return this.loading;
  }

  /** Forget the children; the next expansion loads them again. */
  reset(): void {
    this.loading = undefined;
  }
}

const themeIcon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

/**
 * Shows the node's alarms: ALARM is loud (a red bell instead of the status icon, the alarm names first in
 * the description); INSUFFICIENT_DATA is a quiet note after the description; both are listed in the tooltip.
 */
function showAlarms(item: vscode.TreeItem, badge: AlarmBadge | undefined): vscode.TreeItem {
  if (!badge || badge.state === 'OK') {
    return item;
  }
  const names = badge.alarms.map((a) => a.alarmName);
  const shown = names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
  if (badge.state === 'ALARM') {
    item.description = [`ALARM: ${shown}`, item.description].filter(Boolean).join(' · ');
    item.iconPath = themeIcon('bell-dot', 'list.errorForeground');
  } else {
    item.description = [item.description, 'alarm: insufficient data'].filter(Boolean).join(' · ');
  }
  const tip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip : new vscode.MarkdownString(typeof item.tooltip === 'string' ? item.tooltip : '');
  tip.appendMarkdown(`\n\n**Alarms (${badge.state}):**`);
  for (const a of badge.alarms) {
    tip.appendMarkdown('  \n$(bell) ').appendText(`${a.alarmName}${a.stateReason ? ` — ${a.stateReason}` : ''}`);
  }
  tip.supportThemeIcons = true;
  item.tooltip = tip;
  return item;
}

const ENDPOINT_ICONS: Record<string, vscode.ThemeIcon> = {
  InService: themeIcon('pass', 'testing.iconPassed'),
  Creating: themeIcon('sync~spin'),
  Updating: themeIcon('sync~spin'),
  SystemUpdating: themeIcon('sync~spin'),
  RollingBack: themeIcon('history', 'list.warningForeground'),
  Deleting: themeIcon('trash'),
  OutOfService: themeIcon('circle-slash', 'list.warningForeground'),
  Failed: themeIcon('error', 'testing.iconFailed'),
  UpdateRollbackFailed: themeIcon('error', 'testing.iconFailed'),
};

const JOB_ICONS: Record<string, vscode.ThemeIcon> = {
  InProgress: themeIcon('sync~spin'),
  Completed: themeIcon('pass', 'testing.iconPassed'),
  Failed: themeIcon('error', 'testing.iconFailed'),
  Stopping: themeIcon('loading~spin'),
  Stopped: themeIcon('debug-stop', 'list.warningForeground'),
};

export class MessageNode extends ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly icon = 'info',
  ) {
    super();
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = ContextValue.Message;
    return item;
  }
}

/** A failure shown in place of the children it prevented, with the one action that can fix it. */
export class FailureNode extends ExplorerNode {
  constructor(
    readonly id: string,
    readonly failure: AwsFailure,
    private readonly action: { title: string; command: string; args?: unknown[] },
  ) {
    super();
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.failure.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.action.title;
    item.tooltip = new vscode.MarkdownString(`**${this.failure.message}**\n\n${this.action.title} (${this.failure.code})`);
    item.iconPath = themeIcon(isTransient(this.failure.kind) ? 'warning' : 'error', isTransient(this.failure.kind) ? 'list.warningForeground' : 'list.errorForeground');
    item.contextValue = ContextValue.Failure;
    item.command = { title: this.action.title, command: this.action.command, arguments: this.action.args ?? [] };
    return item;
  }
}

// ── Endpoints ────────────────────────────────────────────────────────────────────────────────────────

export class EndpointsRootNode extends LoadingNode {
  readonly id = 'endpoints';
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Endpoints', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = ContextValue.EndpointsRoot;
    return item;
  }
  protected async load(): Promise<ExplorerNode[]> {
    const [endpoints] = await Promise.all([this.ctx.catalog.listEndpoints(), this.ctx.loadAlarms()]);
    if (endpoints.length === 0) {
      return [new MessageNode('endpoints/none', 'No endpoints in this region')];
    }
    return endpoints.map((e) => new EndpointNode(this.ctx, e));
  }
}

export class EndpointNode extends LoadingNode {
  readonly id: string;
  private detail: EndpointDetail | undefined;
  constructor(
    ctx: NodeContext,
    readonly endpoint: EndpointSummary,
  ) {
    super(ctx);
    this.id = `endpoint/${endpoint.name}`;
  }
  override get resourceName() {
    return this.endpoint.name;
  }
  override get arn() {
    return this.endpoint.arn;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'endpoint', name: this.endpoint.name };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'endpoint', endpointName: this.endpoint.name };
  }
  override tailTarget(): TailTarget {
    return { kind: 'endpoint', endpointName: this.endpoint.name };
  }
  toTreeItem(): vscode.TreeItem {
    const e = this.endpoint;
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = e.status;
    item.iconPath = ENDPOINT_ICONS[e.status] ?? new vscode.ThemeIcon('circle-outline');
    item.contextValue = ContextValue.Endpoint;
    const tip = new vscode.MarkdownString(`**${e.name}** — ${e.status}\n\nCreated ${formatTime(e.createdAt)}  \nModified ${formatTime(e.modifiedAt)}`);
    if (this.detail?.failureReason) {
      tip.appendMarkdown(`\n\n**Failure:** `).appendText(this.detail.failureReason);
    }
    item.tooltip = tip;
    return showAlarms(item, this.ctx.alarmBadge(endpointAlarmKey(e.name)));
  }
  override resolveTooltip(): Promise<vscode.TreeItem['tooltip']> | undefined {
    if (this.detail) {
      return undefined;
    }
    return this.ctx.catalog.describeEndpoint(this.endpoint.name).then((detail) => {
      this.detail = detail;
      return this.toTreeItem().tooltip;
    });
  }

  protected async load(): Promise<ExplorerNode[]> {
    this.detail = await this.ctx.catalog.describeEndpoint(this.endpoint.name);
    if (this.detail.failureReason) {
      this.ctx.changed(this);
    }
    if (this.detail.variants.length === 0) {
      return [new MessageNode(`${this.id}/none`, 'No production variants yet')];
    }
    return this.detail.variants.map((v) => new VariantNode(this.ctx, this.endpoint, v));
  }
}

export class VariantNode extends LoadingNode {
  readonly id: string;
  constructor(
    ctx: NodeContext,
    readonly endpoint: EndpointSummary,
    readonly variant: EndpointDetail['variants'][number],
  ) {
    super(ctx);
    this.id = `endpoint/${endpoint.name}/${variant.name}`;
  }
  override get resourceName() {
    return this.variant.name;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'endpoint', name: this.endpoint.name };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'endpoint', endpointName: this.endpoint.name, variantName: this.variant.name };
  }
  override tailTarget(): TailTarget {
    return { kind: 'endpoint', endpointName: this.endpoint.name, variantName: this.variant.name };
  }
  toTreeItem(): vscode.TreeItem {
    const v = this.variant;
    const item = new vscode.TreeItem(v.name, v.serverless ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = formatVariantDescription(v);
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = ContextValue.Variant;
    item.tooltip = new vscode.MarkdownString(
      `**${this.endpoint.name} / ${v.name}**\n\nInstances: ${v.currentInstanceCount ?? '—'} current, ${v.desiredInstanceCount ?? '—'} desired  \nInstance type: ${v.instanceType ?? (v.serverless ? 'serverless' : '—')}  \nWeight: ${v.currentWeight ?? '—'}`,
    );
    return showAlarms(item, this.ctx.alarmBadge(variantAlarmKey(this.endpoint.name, v.name)));
  }
  protected async load(): Promise<ExplorerNode[]> {
    const instances = await this.ctx.catalog.listEndpointInstances(this.endpoint.name, this.variant.name);
    if (instances.length === 0) {
      return [new MessageNode(`${this.id}/none`, 'No instances have logged or published metrics yet')];
    }
    return instances.map((i) => new InstanceNode(i));
  }
}

const SOURCE_LABEL: Record<EndpointInstance['sources'][number], string> = {
  logStream: 'logs',
  hostDimension: 'Host metrics',
  instanceIdDimension: 'InstanceId metrics',
};

export class InstanceNode extends ExplorerNode {
  readonly id: string;
  constructor(readonly instance: EndpointInstance) {
    super();
    this.id = `endpoint/${instance.endpointName}/${instance.variantName}/${instance.instanceId}`;
  }
  override get resourceName() {
    return this.instance.instanceId;
  }
  override get consoleResource(): ConsoleResource | undefined {
    const i = this.instance;
    return i.logStreamName ? { kind: 'logStream', logGroupName: endpointLogGroup(i.endpointName), logStreamName: i.logStreamName } : { kind: 'endpoint', name: i.endpointName };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'endpoint', endpointName: this.instance.endpointName, variantName: this.instance.variantName };
  }
  override tailTarget(): TailTarget {
    const i = this.instance;
    return { kind: 'endpoint', endpointName: i.endpointName, variantName: i.variantName, instanceId: i.instanceId };
  }
  toTreeItem(): vscode.TreeItem {
    const i = this.instance;
    const item = new vscode.TreeItem(i.instanceId, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = i.sources.map((s) => SOURCE_LABEL[s]).join(' · ');
    item.iconPath = new vscode.ThemeIcon('vm');
    item.contextValue = ContextValue.Instance;
    item.tooltip = new vscode.MarkdownString(
      `**${i.instanceId}**\n\nVariant ${i.variantName} of ${i.endpointName}  \nSeen in: ${i.sources.map((s) => SOURCE_LABEL[s]).join(', ')}  \nLast log event: ${formatTime(i.lastEventAt)}`,
    );
    return item;
  }
}

// ── Training jobs ────────────────────────────────────────────────────────────────────────────────────

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
