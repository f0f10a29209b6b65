/** The processing job subtree: the paged, filterable group → jobs → algo hosts → log streams (after a restart). */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import type { ProcessingHost, ProcessingJobDetail, ProcessingJobSummary } from '../shared/model';
import { PROCESSING_JOBS_LOG_GROUP } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { JobNode, JobsRootNode, LogStreamNode, jobIcon, markWatched } from './jobNodes';
import { failureText, jobDescription, processingJobTooltip } from './model/jobText';
import { hostTooltip, isRestarted, trainingHostDescription } from './model/trainingJobText';

export class ProcessingJobsRootNode extends JobsRootNode<ProcessingJobSummary, ProcessingJobNode> {
  constructor(ctx: NodeContext) {
    super(
      ctx,
      {
        kind: 'processing',
        id: 'processingJobs',
        label: 'Processing Jobs',
        icon: 'gear',
        contextValue: ContextValue.ProcessingJobsRoot,
        filteredContextValue: ContextValue.ProcessingJobsRootFiltered,
        list: (query) => ctx.catalog.listProcessingJobs(query),
      },
      (summary) => new ProcessingJobNode(ctx, summary),
    );
  }
}

/** Appends a failed job's FailureReason and the end of its ExitMessage to its tooltip, as plain text. */
export function appendFailure(tip: vscode.MarkdownString, job: { failureReason?: string; exitMessage?: string }): vscode.MarkdownString {
  const failure = failureText(job);
  if (failure.reason) {
    tip.appendMarkdown('\n\n**Failure:** ').appendText(failure.reason);
  }
  if (failure.exitMessage) {
    tip.appendMarkdown('\n\n**Exit message:**\n').appendCodeblock(failure.exitMessage, 'text');
  }
  return tip;
}

export class ProcessingJobNode extends JobNode<ProcessingJobSummary, ProcessingJobDetail> {
  readonly id: string;
  readonly kindNoun = 'processing job';

  constructor(
    ctx: NodeContext,
    summary: ProcessingJobSummary,
    readonly scope = '',
  ) {
    super(ctx, summary);
    this.id = `${scope}processingJob/${summary.name}`;
  }

  override get arn() {
    return this.job.arn;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'processingJob', name: this.job.name };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'processingJob', processingJobName: this.job.name };
  }
  override tailTarget(): TailTarget {
    return { kind: 'processingJob', processingJobName: this.job.name };
  }

  protected describe(): Promise<ProcessingJobDetail> {
    return this.ctx.catalog.describeProcessingJob(this.job.name);
  }

  protected async hosts(detail: ProcessingJobDetail): Promise<ExplorerNode[]> {
    const hosts = await this.ctx.catalog.listProcessingHosts(detail.name, detail.instanceCount);
    return hosts.map((h) => new ProcessingHostNode(h, this.scope));
  }

  toTreeItem(): vscode.TreeItem {
    const j = this.job;
    const item = new vscode.TreeItem(j.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = jobDescription(j, this.detail, Date.now());
    item.iconPath = jobIcon(j.status);
    item.contextValue = j.status === 'Failed' ? ContextValue.ProcessingJobFailed : ContextValue.ProcessingJob;
    item.tooltip = appendFailure(new vscode.MarkdownString(processingJobTooltip(j, this.detail)), j);
    return markWatched(item, this.ctx.isWatched({ kind: 'processing', name: j.name }));
  }
}

export class ProcessingHostNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly host: ProcessingHost,
    private readonly scope = '',
  ) {
    super();
    this.id = `${scope}processingJob/${host.processingJobName}/${host.host}`;
  }
  override get resourceName() {
    return `${this.host.processingJobName}/${this.host.host}`;
  }
  override get consoleResource(): ConsoleResource {
    const latest = this.host.streams.at(-1);
    return latest ? { kind: 'logStream', logGroupName: PROCESSING_JOBS_LOG_GROUP, logStreamName: latest.logStreamName } : { kind: 'processingJob', name: this.host.processingJobName };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'processingJob', processingJobName: this.host.processingJobName, host: this.host.host };
  }
  override tailTarget(): TailTarget {
    return { kind: 'processingJob', processingJobName: this.host.processingJobName, host: this.host.host };
  }
  toTreeItem(): vscode.TreeItem {
    const h = this.host;
    const restarted = isRestarted(h);
    const item = new vscode.TreeItem(h.host, restarted ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = trainingHostDescription(h);
    item.iconPath = new vscode.ThemeIcon(restarted ? 'debug-restart' : 'vm');
    item.contextValue = ContextValue.ProcessingHost;
    item.tooltip = new vscode.MarkdownString(hostTooltip(h.processingJobName, h.host, h.streams));
    return item;
  }
  override getChildren(): ExplorerNode[] {
    return isRestarted(this.host) ? this.host.streams.map((s) => new LogStreamNode(PROCESSING_JOBS_LOG_GROUP, s.logStreamName, s.startedAt * 1000, s.lastEventAt, this.scope)) : [];
  }
}
