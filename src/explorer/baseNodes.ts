/** What every explorer node shares: the base classes, the message and failure nodes, alarm badges on items. */
import * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import type { AwsFailure } from '../aws/errors';
import type { ConsoleResource } from '../shared/console';
import type { JobRef } from '../shared/jobRef';
import { isTransient } from '../shared/failures';
import type { AlarmBadge, AlarmTargetKey } from '../shared/metrics/alarms';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ContextValue } from './contextValues';
import { alarmTooltipHeading, alarmTooltipLine, describeWithAlarms, showsBadge } from './model/alarmText';
import type { FailureAction } from './model/failureActions';
import type { IconSpec } from './model/icons';

/** What a node needs from its tree: the catalogue, and a way to say that it changed. */
export interface NodeContext {
  readonly catalog: ResourceCatalog;
  changed(node: ExplorerNode | undefined): void;
  failureNode(parent: ExplorerNode, error: unknown): ExplorerNode;
  /** Jobs per page of every job group. */
  readonly jobsPageSize: number;
  /** Loads the shared alarm listing of this tree refresh (never rejects: no permission = no badges). */
  loadAlarms(): Promise<void>;
  /** The node's alarm badge from the listing loaded so far. */
  alarmBadge(key: AlarmTargetKey): AlarmBadge | undefined;
  /** Whether a job is watched (a notification when it ends). */
  isWatched(job: JobRef): boolean;
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
export abstract class LoadingNode extends ExplorerNode {
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

  /** Replace the children loaded (a page appended) without reading them again. */
  protected setChildren(children: ExplorerNode[]): void {
    this.loading = Promise.resolve(children);
  }
}

export const themeIcon = (id: string, color?: string) => new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

/** The ThemeIcon of a model/icons.ts spec. */
export const iconOf = (spec: IconSpec) => themeIcon(spec.id, spec.color);

/**
 * Shows the node's alarms: ALARM is loud (a red bell instead of the status icon, the alarm names first in
 * the description); INSUFFICIENT_DATA is a quiet note after the description; both are listed in the tooltip.
 */
export function showAlarms(item: vscode.TreeItem, badge: AlarmBadge | undefined): vscode.TreeItem {
  if (!showsBadge(badge)) {
    return item;
  }
  item.description = describeWithAlarms(item.description, badge);
  if (badge.state === 'ALARM') {
    item.iconPath = themeIcon('bell-dot', 'list.errorForeground');
  }
  const tip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip : new vscode.MarkdownString(typeof item.tooltip === 'string' ? item.tooltip : '');
  tip.appendMarkdown(alarmTooltipHeading(badge));
  for (const a of badge.alarms) {
    tip.appendMarkdown('  \n$(bell) ').appendText(alarmTooltipLine(a));
  }
  tip.supportThemeIcons = true;
  item.tooltip = tip;
  return item;
}

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
    private readonly action: FailureAction,
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
