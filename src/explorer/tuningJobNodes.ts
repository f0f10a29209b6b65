/**
 * The tuning job subtree: the paged, filterable group → tuning jobs → their training jobs ranked by the
 * objective (best first) → the usual training job subtree.
 */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import { rankTuningChildren, type TuningChild, type TuningJobDetail, type TuningJobSummary } from '../shared/tuningPipelines';
import { MessageNode, type ExplorerNode, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { JobNode, JobsRootNode, jobIcon } from './jobNodes';
import { tunedHyperParametersText, tuningChildDescription, tuningJobDescription, tuningJobTooltip } from './model/tuningPipelineText';
import type { PolledJob } from './runningJobsPoller';
import { TrainingJobNode } from './trainingJobNodes';

export class TuningJobsRootNode extends JobsRootNode<TuningJobSummary, TuningJobNode> {
  constructor(ctx: NodeContext) {
    super(
      ctx,
      {
        kind: 'tuning',
        id: 'tuningJobs',
        label: 'Tuning Jobs',
        icon: 'graph-scatter',
        contextValue: ContextValue.TuningJobsRoot,
        filteredContextValue: ContextValue.TuningJobsRootFiltered,
        list: (query) => ctx.catalog.listTuningJobs(query),
      },
      (summary) => new TuningJobNode(ctx, summary),
    );
  }
}

export class TuningJobNode extends JobNode<TuningJobSummary, TuningJobDetail> {
  readonly id: string;
  readonly kindNoun = 'tuning job';
  private children: TuningChildNode[] = [];

  constructor(
    ctx: NodeContext,
    summary: TuningJobSummary,
    readonly scope = '',
  ) {
    super(ctx, summary);
    this.id = `${scope}tuningJob/${summary.name}`;
  }

  override get arn() {
    return this.job.arn;
  }
  /** Query Logs reads the node as `{ tuningJobName }` (all its children's logs). */
  get tuningJobName(): string {
    return this.job.name;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'tuningJob', name: this.job.name };
  }

  /** "Compare Children": the tuning job's best children (compareJobs' argument). */
  compareTarget(): { tuningJobName: string } {
    return { tuningJobName: this.job.name };
  }

  /** The children loaded under it: those still running are read again like any running job. */
  override nestedJobs(): readonly PolledJob[] {
    return this.children;
  }

  protected override moved(before: TuningJobSummary, after: TuningJobDetail): boolean {
    const b = before.counters;
    const a = after.counters;
    return before.status !== after.status || b?.completed !== a?.completed || b?.inProgress !== a?.inProgress || b?.stopped !== a?.stopped;
  }

  protected describe(): Promise<TuningJobDetail> {
    return this.ctx.catalog.describeTuningJob(this.job.name);
  }

  protected async hosts(detail: TuningJobDetail): Promise<ExplorerNode[]> {
    const ranked = rankTuningChildren(await this.ctx.catalog.listTuningChildren(detail.name), detail.objective?.type);
    let rank = 0;
    this.children = ranked.map((child) => new TuningChildNode(this.ctx, child, child.objectiveValue !== undefined ? ++rank : undefined, detail.objective?.metricName, `${this.id}/`));
    return this.children.length ? this.children : [new MessageNode(`${this.id}/none`, 'No training job launched yet')];
  }

  toTreeItem(): vscode.TreeItem {
    const j = this.job;
    const item = new vscode.TreeItem(j.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = tuningJobDescription(j, Date.now());
    item.iconPath = jobIcon(j.status);
    item.contextValue = ContextValue.TuningJob;
    const tip = new vscode.MarkdownString(tuningJobTooltip(j, this.detail));
    if (this.detail?.failureReason) {
      tip.appendMarkdown('\n\n**Failure:** ').appendText(this.detail.failureReason);
    }
    item.tooltip = tip;
    return item;
  }
}

/** A training job of a tuning job: the usual training job node, described by its rank and objective value. */
export class TuningChildNode extends TrainingJobNode {
  constructor(
    ctx: NodeContext,
    readonly child: TuningChild,
    readonly rank: number | undefined,
    private readonly metricName: string | undefined,
    scope: string,
  ) {
    super(ctx, { name: child.name, arn: child.arn, status: child.status, createdAt: child.createdAt, endedAt: child.endedAt }, scope);
  }

  override toTreeItem(): vscode.TreeItem {
    const item = super.toTreeItem();
    // The status as last read (a running child is polled), the objective as the tuning job reported it.
    item.description = tuningChildDescription({ ...this.child, status: this.job.status, endedAt: this.job.endedAt ?? this.child.endedAt }, this.rank, this.metricName, Date.now());
    if (this.rank === 1) {
      item.iconPath = new vscode.ThemeIcon('star-full', new vscode.ThemeColor('charts.yellow'));
    }
    const tuned = tunedHyperParametersText(this.child);
    if (tuned && item.tooltip instanceof vscode.MarkdownString) {
      item.tooltip.appendMarkdown(`\n\n${tuned}`);
    }
    if (this.child.failureReason && !this.detail?.failureReason && item.tooltip instanceof vscode.MarkdownString) {
      item.tooltip.appendMarkdown('\n\n**Failure:** ').appendText(this.child.failureReason);
    }
    return item;
  }
}
