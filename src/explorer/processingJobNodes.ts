/** The processing job subtree: the paged, filterable group → jobs → algo hosts → log streams (after a restart). */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import type { ProcessingJobDetail, ProcessingJobSummary } from '../shared/model';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { type ExplorerNode, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { ProcessingHostNode } from './hostNodes';
import { JobNode, JobsRootNode, jobIcon, markWatched } from './jobNodes';
import { failureText, jobDescription, processingJobTooltip } from './model/jobText';

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
