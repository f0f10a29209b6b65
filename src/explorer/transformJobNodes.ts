/** The transform job subtree: the paged, filterable group → jobs → instances → their model-server and data-log streams. */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import type { TransformInstance, TransformJobDetail, TransformJobSummary } from '../shared/model';
import { TRANSFORM_JOBS_LOG_GROUP } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode, MessageNode, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { JobNode, JobsRootNode, LogStreamNode, jobIcon, markWatched } from './jobNodes';
import { jobDescription, transformInstanceDescription, transformJobTooltip } from './model/jobText';
import { hostTooltip } from './model/trainingJobText';
import { appendFailure } from './processingJobNodes';

export class TransformJobsRootNode extends JobsRootNode<TransformJobSummary, TransformJobNode> {
  constructor(ctx: NodeContext) {
    super(
      ctx,
      {
        kind: 'transform',
        id: 'transformJobs',
        label: 'Transform Jobs',
        icon: 'arrow-swap',
        contextValue: ContextValue.TransformJobsRoot,
        filteredContextValue: ContextValue.TransformJobsRootFiltered,
        list: (query) => ctx.catalog.listTransformJobs(query),
      },
      (summary) => new TransformJobNode(ctx, summary),
    );
  }
}

export class TransformJobNode extends JobNode<TransformJobSummary, TransformJobDetail> {
  readonly id: string;
  readonly kindNoun = 'transform job';

  constructor(
    ctx: NodeContext,
    summary: TransformJobSummary,
    readonly scope = '',
  ) {
    super(ctx, summary);
    this.id = `${scope}transformJob/${summary.name}`;
  }

  override get arn() {
    return this.job.arn;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'transformJob', name: this.job.name };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'transformJob', transformJobName: this.job.name };
  }
  /** Model server and data log: Tail Logs asks which (tailLogs.ts). */
  override tailTarget(): TailTarget {
    return { kind: 'transformJob', transformJobName: this.job.name };
  }

  protected describe(): Promise<TransformJobDetail> {
    return this.ctx.catalog.describeTransformJob(this.job.name);
  }

  protected async hosts(detail: TransformJobDetail): Promise<ExplorerNode[]> {
    const instances = await this.ctx.catalog.listTransformInstances(detail.name);
    // A transform job's instances are known only from their logs: none until they start.
    return instances.length ? instances.map((i) => new TransformInstanceNode(i, this.scope)) : [new MessageNode(`${this.id}/noInstances`, 'No instance has logged yet')];
  }

  toTreeItem(): vscode.TreeItem {
    const j = this.job;
    const item = new vscode.TreeItem(j.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = jobDescription(j, this.detail, Date.now());
    item.iconPath = jobIcon(j.status);
    item.contextValue = j.status === 'Failed' ? ContextValue.TransformJobFailed : ContextValue.TransformJob;
    item.tooltip = appendFailure(new vscode.MarkdownString(transformJobTooltip(j, this.detail)), j);
    return markWatched(item, this.ctx.isWatched({ kind: 'transform', name: j.name }));
  }
}

export class TransformInstanceNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly instance: TransformInstance,
    private readonly scope = '',
  ) {
    super();
    this.id = `${scope}transformJob/${instance.transformJobName}/${instance.instanceId}`;
  }
  override get resourceName() {
    return this.instance.instanceId;
  }
  override get consoleResource(): ConsoleResource {
    const latest = this.instance.streams.at(-1);
    return latest ? { kind: 'logStream', logGroupName: TRANSFORM_JOBS_LOG_GROUP, logStreamName: latest.logStreamName } : { kind: 'transformJob', name: this.instance.transformJobName };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'transformJob', transformJobName: this.instance.transformJobName, host: this.instance.instanceId };
  }
  /** Both kinds of stream when the instance has both (Tail Logs then asks which), else the one it has. */
  override tailTarget(): TailTarget {
    const i = this.instance;
    const only = i.streams.length > 0 && i.dataLogStreams.length === 0 ? { dataLog: false } : i.streams.length === 0 && i.dataLogStreams.length > 0 ? { dataLog: true } : {};
    return { kind: 'transformJob', transformJobName: i.transformJobName, host: i.instanceId, ...only };
  }
  toTreeItem(): vscode.TreeItem {
    const i = this.instance;
    const item = new vscode.TreeItem(i.instanceId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = transformInstanceDescription(i);
    item.iconPath = new vscode.ThemeIcon('vm');
    item.contextValue = ContextValue.TransformInstance;
    item.tooltip = new vscode.MarkdownString(hostTooltip(i.transformJobName, i.instanceId, [...i.streams, ...i.dataLogStreams]));
    return item;
  }
  override getChildren(): ExplorerNode[] {
    return [...this.instance.streams, ...this.instance.dataLogStreams].map((s) => new LogStreamNode(TRANSFORM_JOBS_LOG_GROUP, s.logStreamName, s.startedAt * 1000, s.lastEventAt, this.scope));
  }
}
