/** The endpoint subtree: endpoints → production variants → instances. */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import { formatVariantDescription } from '../shared/format';
import { endpointAlarmKey, variantAlarmKey } from '../shared/metrics/alarms';
import type { EndpointDetail, EndpointInstance, EndpointSummary } from '../shared/model';
import { endpointLogGroup } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode, LoadingNode, MessageNode, iconOf, showAlarms, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { endpointTooltip, instanceDescription, instanceTooltip, variantTooltip } from './model/endpointText';
import { ENDPOINT_STATUS_ICONS, UNKNOWN_STATUS_ICON } from './model/icons';

const ENDPOINT_ICONS: Record<string, vscode.ThemeIcon> = Object.fromEntries(Object.entries(ENDPOINT_STATUS_ICONS).map(([status, spec]) => [status, iconOf(spec)]));

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
    item.iconPath = ENDPOINT_ICONS[e.status] ?? new vscode.ThemeIcon(UNKNOWN_STATUS_ICON.id);
    item.contextValue = ContextValue.Endpoint;
    const tip = new vscode.MarkdownString(endpointTooltip(e));
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
    item.tooltip = new vscode.MarkdownString(variantTooltip(this.endpoint.name, v));
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
    item.description = instanceDescription(i);
    item.iconPath = new vscode.ThemeIcon('vm');
    item.contextValue = ContextValue.Instance;
    item.tooltip = new vscode.MarkdownString(instanceTooltip(i));
    return item;
  }
}
