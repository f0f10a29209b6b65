/** An algo host of a training or processing job: a leaf, or its log streams after a restart. */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import type { JobStream, ProcessingHost, TrainingHost } from '../shared/model';
import { PROCESSING_JOBS_LOG_GROUP, TRAINING_JOBS_LOG_GROUP } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode } from './baseNodes';
import { ContextValue } from './contextValues';
import { LogStreamNode } from './jobNodes';
import { hostTooltip, isRestarted, trainingHostDescription } from './model/trainingJobText';

/** What differs between the two kinds of algo host: the job's kind, its log group and the node's context value. */
const HOST_KINDS = {
  trainingJob: { logGroupName: TRAINING_JOBS_LOG_GROUP, contextValue: ContextValue.TrainingHost },
  processingJob: { logGroupName: PROCESSING_JOBS_LOG_GROUP, contextValue: ContextValue.ProcessingHost },
} as const;

type HostKind = keyof typeof HOST_KINDS;

export abstract class AlgoHostNode extends ExplorerNode {
  readonly id: string;
  protected constructor(
    private readonly kind: HostKind,
    readonly jobName: string,
    readonly hostName: string,
    readonly streams: readonly JobStream[],
    private readonly scope: string,
  ) {
    super();
    this.id = `${scope}${kind}/${jobName}/${hostName}`;
  }
  /** The host's metrics and tail target (the same object for both). */
  protected abstract target(): MetricsTarget & TailTarget;

  override get resourceName() {
    return `${this.jobName}/${this.hostName}`;
  }
  override get consoleResource(): ConsoleResource {
    const latest = this.streams.at(-1);
    return latest ? { kind: 'logStream', logGroupName: HOST_KINDS[this.kind].logGroupName, logStreamName: latest.logStreamName } : { kind: this.kind, name: this.jobName };
  }
  override metricsTarget(): MetricsTarget {
    return this.target();
  }
  override tailTarget(): TailTarget {
    return this.target();
  }
  toTreeItem(): vscode.TreeItem {
    const host = { host: this.hostName, streams: this.streams };
    const restarted = isRestarted(host);
    const item = new vscode.TreeItem(this.hostName, restarted ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = trainingHostDescription(host);
    item.iconPath = new vscode.ThemeIcon(restarted ? 'debug-restart' : 'vm');
    item.contextValue = HOST_KINDS[this.kind].contextValue;
    item.tooltip = new vscode.MarkdownString(hostTooltip(this.jobName, this.hostName, this.streams));
    return item;
  }
  override getChildren(): ExplorerNode[] {
    const group = HOST_KINDS[this.kind].logGroupName;
    return isRestarted({ streams: this.streams }) ? this.streams.map((s) => new LogStreamNode(group, s.logStreamName, s.startedAt * 1000, s.lastEventAt, this.scope)) : [];
  }
}

export class TrainingHostNode extends AlgoHostNode {
  constructor(
    readonly host: TrainingHost,
    scope = '',
  ) {
    super('trainingJob', host.trainingJobName, host.host, host.streams, scope);
  }
  protected target(): MetricsTarget & TailTarget {
    return { kind: 'trainingJob', trainingJobName: this.host.trainingJobName, host: this.host.host };
  }
}

export class ProcessingHostNode extends AlgoHostNode {
  constructor(
    readonly host: ProcessingHost,
    scope = '',
  ) {
    super('processingJob', host.processingJobName, host.host, host.streams, scope);
  }
  protected target(): MetricsTarget & TailTarget {
    return { kind: 'processingJob', processingJobName: this.host.processingJobName, host: this.host.host };
  }
}
