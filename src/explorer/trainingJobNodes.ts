/** The training job subtree: the paged, filterable jobs root → jobs → algo hosts → log streams (after a restart). */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import { trainingJobAlarmKey } from '../shared/metrics/alarms';
import type { TrainingJobDetail, TrainingJobSummary } from '../shared/model';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { showAlarms, type ExplorerNode, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { TrainingHostNode } from './hostNodes';
import { JobNode, JobsRootNode, jobIcon, markWatched } from './jobNodes';
import { trainingJobDescription, trainingJobTooltip } from './model/trainingJobText';

export { LoadMoreNode, LogStreamNode } from './jobNodes';

/** The training jobs group: the first kind of job the tree had; the others follow its pattern (jobNodes.ts). */
export class TrainingJobsRootNode extends JobsRootNode<TrainingJobSummary, TrainingJobNode> {
  constructor(ctx: NodeContext) {
    super(
      ctx,
      {
        kind: 'training',
        id: 'trainingJobs',
        label: 'Training Jobs',
        icon: 'beaker',
        contextValue: ContextValue.TrainingJobsRoot,
        filteredContextValue: ContextValue.TrainingJobsRootFiltered,
        list: (query) => ctx.catalog.listTrainingJobs(query),
      },
      (summary) => new TrainingJobNode(ctx, summary),
    );
  }
}

export class TrainingJobNode extends JobNode<TrainingJobSummary, TrainingJobDetail> {
  readonly id: string;
  readonly kindNoun = 'training job';

  /** `scope`: the id prefix of the node's place when the job also shows elsewhere (under a tuning job or a step). */
  constructor(
    ctx: NodeContext,
    summary: TrainingJobSummary,
    readonly scope = '',
  ) {
    super(ctx, summary);
    this.id = `${scope}trainingJob/${summary.name}`;
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

  protected describe(): Promise<TrainingJobDetail> {
    return this.ctx.catalog.describeTrainingJob(this.job.name);
  }

  protected override moved(before: TrainingJobSummary, after: TrainingJobDetail): boolean {
    return before.status !== after.status || before.secondaryStatus !== after.secondaryStatus;
  }

  protected async hosts(detail: TrainingJobDetail): Promise<ExplorerNode[]> {
    const hosts = await this.ctx.catalog.listTrainingHosts(detail.name, detail.instanceCount);
    return hosts.map((h) => new TrainingHostNode(h, this.scope));
  }

  toTreeItem(): vscode.TreeItem {
    const j = this.job;
    const item = new vscode.TreeItem(j.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = trainingJobDescription(j, this.detail, Date.now());
    item.iconPath = jobIcon(j.status);
    item.contextValue = ContextValue.TrainingJob;
    const tip = new vscode.MarkdownString(trainingJobTooltip(j, this.detail));
    if (this.detail?.failureReason) {
      tip.appendMarkdown('\n\n**Failure:** ').appendText(this.detail.failureReason);
    }
    item.tooltip = tip;
    markWatched(item, this.ctx.isWatched({ kind: 'training', name: j.name }));
    return showAlarms(item, this.ctx.alarmBadge(trainingJobAlarmKey(j.name)));
  }
}
