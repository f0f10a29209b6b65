/**
 * The pipeline subtree: the paged group (filtered by a name prefix) → pipelines → executions, newest first,
 * a page at a time → steps in the order they started → the job a step ran, with the same subtree as in its
 * own group. Executions still running are read again while the view is visible.
 */
import * as vscode from 'vscode';
import type { JobPage } from '../aws/catalog';
import { CommandId } from '../shared/ids';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { isTerminalExecutionStatus, type PipelineExecution, type PipelineStep, type PipelineSummary, type StepJob } from '../shared/tuningPipelines';
import { ExplorerNode, LoadingNode, MessageNode, iconOf, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { JobNode, JobsRootNode, type JobSummaryLike } from './jobNodes';
import { UNKNOWN_STATUS_ICON } from './model/icons';
import { executionDescription, executionLabel, executionTooltip, pipelineDescription, pipelineTooltip, STEP_STATUS_ICONS, stepDescription } from './model/tuningPipelineText';
import { ProcessingJobNode } from './processingJobNodes';
import type { PolledJob } from './runningJobsPoller';
import { TrainingJobNode } from './trainingJobNodes';
import { TransformJobNode } from './transformJobNodes';
import { TuningJobNode } from './tuningJobNodes';

/** Executions per page under a pipeline. */
export const EXECUTIONS_PAGE_SIZE = 20;

/** A pipeline as a row of its group (pipelines have no run status of their own). */
export type PipelineRow = PipelineSummary & JobSummaryLike;
/** An execution as a polled "job": its label is its name. */
export type ExecutionRow = PipelineExecution & JobSummaryLike;

const stepIcon = (status: string) => iconOf(STEP_STATUS_ICONS[status] ?? UNKNOWN_STATUS_ICON);

export class PipelinesRootNode extends JobsRootNode<PipelineRow, PipelineNode> {
  constructor(ctx: NodeContext) {
    super(
      ctx,
      {
        kind: 'pipeline',
        id: 'pipelines',
        label: 'Pipelines',
        icon: 'type-hierarchy-sub',
        contextValue: ContextValue.PipelinesRoot,
        filteredContextValue: ContextValue.PipelinesRootFiltered,
        list: async (query): Promise<JobPage<PipelineRow>> => {
          const page = await ctx.catalog.listPipelines(query);
          return { ...page, jobs: page.jobs.map((p) => ({ ...p, status: 'Active' })) };
        },
      },
      (summary) => new PipelineNode(ctx, summary),
    );
  }

  /** The loaded pipeline of that name (for "Load more" executions). */
  pipeline(name: string): PipelineNode | undefined {
    return this.loadedJobs.find((p) => p.job.name === name);
  }
}

export class PipelineNode extends JobNode<PipelineRow, PipelineRow> {
  readonly id: string;
  readonly kindNoun = 'pipeline';
  private executions: PipelineExecutionNode[] = [];
  private nextToken: string | undefined;

  constructor(ctx: NodeContext, summary: PipelineRow) {
    super(ctx, summary);
    this.id = `pipeline/${summary.name}`;
  }

  /** A pipeline is not polled; its running executions are. */
  override get isTerminal(): boolean {
    return true;
  }
  override get arn() {
    return this.job.arn;
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'pipeline', pipelineName: this.job.name };
  }
  override nestedJobs(): readonly PolledJob[] {
    return this.executions;
  }
  override reset(): void {
    super.reset();
    this.executions = [];
    this.nextToken = undefined;
  }

  protected describe(): Promise<PipelineRow> {
    return Promise.resolve(this.job);
  }

  protected async hosts(): Promise<ExplorerNode[]> {
    await this.loadExecutions(undefined);
    return this.shown();
  }

  /** The next page of older executions ("Load more…" under the pipeline). */
  async loadMore(): Promise<void> {
    if (this.nextToken) {
      await this.loadExecutions(this.nextToken);
      // Keep the loaded children (a plain reset would read the first page again).
      this.setChildren(this.shown());
      this.ctx.changed(this);
    }
  }

  private async loadExecutions(nextToken: string | undefined): Promise<void> {
    const page = await this.ctx.catalog.listPipelineExecutions(this.job.name, { pageSize: EXECUTIONS_PAGE_SIZE, ...(nextToken ? { nextToken } : {}) });
    const known = new Set(this.executions.map((e) => e.execution.arn));
    const pipelineName = this.job.name;
    this.executions.push(...page.jobs.filter((e) => !known.has(e.arn)).map((e) => new PipelineExecutionNode(this.ctx, { ...e, pipelineName, name: executionLabel(e) })));
    this.nextToken = page.nextToken;
  }

  private shown(): ExplorerNode[] {
    if (this.executions.length === 0) {
      return [new MessageNode(`${this.id}/none`, 'Never run')];
    }
    return this.nextToken ? [...this.executions, new LoadMoreExecutionsNode(this.id, this.job.name, this.executions.length)] : [...this.executions];
  }

  toTreeItem(): vscode.TreeItem {
    const p = this.job;
    const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = pipelineDescription(p);
    item.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
    item.contextValue = ContextValue.Pipeline;
    item.tooltip = new vscode.MarkdownString(pipelineTooltip(p));
    return item;
  }
}

class LoadMoreExecutionsNode extends ExplorerNode {
  readonly id: string;
  constructor(
    pipelineId: string,
    private readonly pipelineName: string,
    loaded: number,
  ) {
    super();
    this.id = `${pipelineId}/more/${loaded}`;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValue.LoadMore;
    item.command = { title: 'Load more executions', command: CommandId.LoadMoreJobs, arguments: [{ kind: 'pipeline', pipelineName: this.pipelineName }] };
    return item;
  }
}

export class PipelineExecutionNode extends JobNode<ExecutionRow, ExecutionRow> {
  readonly id: string;
  readonly kindNoun = 'pipeline execution';

  constructor(ctx: NodeContext, row: ExecutionRow) {
    super(ctx, row);
    this.id = `pipeline/${row.pipelineName}/execution/${row.arn.split('/').pop() ?? row.arn}`;
  }

  get execution(): ExecutionRow {
    return this.job;
  }
  override get isTerminal(): boolean {
    return isTerminalExecutionStatus(this.job.status);
  }
  override get arn() {
    return this.job.arn;
  }
  override get resourceName() {
    return this.job.arn;
  }

  protected async describe(): Promise<ExecutionRow> {
    const e = await this.ctx.catalog.describePipelineExecution(this.job.arn);
    return { ...e, pipelineName: this.job.pipelineName, name: executionLabel(e) };
  }

  protected async hosts(): Promise<ExplorerNode[]> {
    const steps = await this.ctx.catalog.listPipelineSteps(this.job.arn);
    return steps.length ? steps.map((s) => new PipelineStepNode(this.ctx, s, `${this.id}/`)) : [new MessageNode(`${this.id}/none`, 'No step has started yet')];
  }

  toTreeItem(): vscode.TreeItem {
    const e = this.job;
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = executionDescription(e, Date.now());
    item.iconPath = stepIcon(e.status);
    item.contextValue = ContextValue.PipelineExecution;
    const tip = new vscode.MarkdownString(executionTooltip(e));
    if (e.failureReason) {
      tip.appendMarkdown('\n\n**Failure:** ').appendText(e.failureReason);
    }
    item.tooltip = tip;
    return item;
  }
}

/** The status a step's job has while the step is in that state (until the job itself is read). */
function jobStatusOfStep(status: string): string {
  return { Starting: 'InProgress', Executing: 'InProgress', Succeeded: 'Completed', Failed: 'Failed', Stopping: 'Stopping', Stopped: 'Stopped' }[status] ?? status;
}

/** The job node a step opens: the same subtree as in the job's own group, under the step. */
export function stepJobNode(ctx: NodeContext, job: StepJob, stepStatus: string, scope: string): JobNode<JobSummaryLike, JobSummaryLike> {
  const summary = { name: job.name, arn: job.arn, status: jobStatusOfStep(stepStatus) };
  switch (job.kind) {
    case 'training':
      return new TrainingJobNode(ctx, summary, scope);
    case 'processing':
      return new ProcessingJobNode(ctx, summary, scope);
    case 'transform':
      return new TransformJobNode(ctx, summary, scope);
    case 'tuning':
      return new TuningJobNode(ctx, summary, scope);
  }
}

export class PipelineStepNode extends LoadingNode {
  readonly id: string;
  private jobNode: JobNode<JobSummaryLike, JobSummaryLike> | undefined;

  constructor(
    ctx: NodeContext,
    readonly step: PipelineStep,
    scope: string,
  ) {
    super(ctx);
    this.id = `${scope}step/${step.name}`;
    if (step.job) {
      this.jobNode = stepJobNode(ctx, step.job, step.status, `${this.id}/`);
    }
  }

  override get resourceName() {
    return this.step.name;
  }
  override tailTarget(): TailTarget | undefined {
    return this.jobNode?.tailTarget();
  }
  override metricsTarget(): MetricsTarget | undefined {
    return this.jobNode?.metricsTarget();
  }

  protected load(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.jobNode ? [this.jobNode] : []);
  }

  toTreeItem(): vscode.TreeItem {
    const s = this.step;
    const item = new vscode.TreeItem(s.displayName ?? s.name, this.jobNode ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = stepDescription(s, Date.now());
    item.iconPath = stepIcon(s.status);
    item.contextValue = this.jobNode ? ContextValue.PipelineStep : ContextValue.PipelineStepNoJob;
    const tip = new vscode.MarkdownString(`**${s.name}** — ${s.type} step, ${s.status}${s.attempts && s.attempts > 1 ? ` (attempt ${s.attempts})` : ''}`);
    if (s.job) {
      tip.appendMarkdown('\n\nRan ').appendText(`${s.job.kind} job ${s.job.name}`);
    }
    if (s.failureReason) {
      tip.appendMarkdown('\n\n**Failure:** ').appendText(s.failureReason);
    }
    item.tooltip = tip;
    return item;
  }
}
