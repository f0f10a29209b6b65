/** What an endpoint hosts beyond instances: inference components, and enhanced metrics' containers and accelerators. */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import { inferenceComponentAlarmKey } from '../shared/metrics/alarms';
import type { EndpointInstance, InferenceComponentInfo } from '../shared/model';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode, iconOf, showAlarms, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { inferenceComponentDescription, inferenceComponentTooltip } from './model/endpointText';
import { ENDPOINT_STATUS_ICONS, UNKNOWN_STATUS_ICON } from './model/icons';

export class InferenceComponentNode extends ExplorerNode {
  readonly id: string;
  constructor(
    private readonly ctx: NodeContext,
    readonly component: InferenceComponentInfo,
  ) {
    super();
    this.id = `endpoint/${component.endpointName}/${component.variantName}/ic/${component.name}`;
  }
  override get resourceName() {
    return this.component.name;
  }
  override get arn() {
    return this.component.arn || undefined;
  }
  override get consoleResource(): ConsoleResource {
    return { kind: 'endpoint', name: this.component.endpointName };
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'inferenceComponent', endpointName: this.component.endpointName, inferenceComponentName: this.component.name };
  }
  override tailTarget(): TailTarget {
    return { kind: 'inferenceComponent', endpointName: this.component.endpointName, inferenceComponentName: this.component.name };
  }
  toTreeItem(): vscode.TreeItem {
    const ic = this.component;
    const item = new vscode.TreeItem(ic.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = inferenceComponentDescription(ic);
    item.iconPath = iconOf(ENDPOINT_STATUS_ICONS[ic.status] ?? UNKNOWN_STATUS_ICON);
    item.contextValue = ContextValue.InferenceComponent;
    const tip = new vscode.MarkdownString(inferenceComponentTooltip(ic));
    if (ic.failureReason) {
      tip.appendMarkdown('\n\n**Failure:** ').appendText(ic.failureReason);
    }
    item.tooltip = tip;
    return showAlarms(item, this.ctx.alarmBadge(inferenceComponentAlarmKey(ic.name)));
  }
}

/** A container or accelerator (GPU) of an instance, where enhanced metrics publish per ContainerId / AcceleratorId. */
export class InstanceLevelNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly instance: EndpointInstance,
    readonly level: 'container' | 'accelerator',
    readonly value: string,
  ) {
    super();
    this.id = `endpoint/${instance.endpointName}/${instance.variantName}/${instance.instanceId}/${level}/${value}`;
  }
  override get resourceName() {
    return this.value;
  }
  override metricsTarget(): MetricsTarget {
    return { kind: 'endpoint', endpointName: this.instance.endpointName, variantName: this.instance.variantName };
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.value, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.level === 'accelerator' ? 'accelerator · per-GPU metrics' : 'container · per-container metrics';
    item.iconPath = new vscode.ThemeIcon(this.level === 'accelerator' ? 'circuit-board' : 'package');
    item.contextValue = ContextValue.InstanceLevel;
    item.tooltip = `${this.level === 'accelerator' ? 'AcceleratorId' : 'ContainerId'} ${this.value} of ${this.instance.instanceId} (${this.instance.endpointName} / ${this.instance.variantName}): enhanced metrics publish at this level.`;
    return item;
  }
}
