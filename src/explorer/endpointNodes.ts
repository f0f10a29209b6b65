/** The endpoint subtree: endpoints → production variants → instances. */
import * as vscode from 'vscode';
import type { ConsoleResource } from '../shared/console';
import { formatVariantDescription } from '../shared/format';
import { endpointAlarmKey, variantAlarmKey } from '../shared/metrics/alarms';
import { endpointKinds, type EndpointDetail, type EndpointInstance, type EndpointSummary, type InferenceComponentInfo } from '../shared/model';
import { endpointLogGroup } from '../shared/names';
import type { MetricsTarget, TailTarget } from '../shared/targets';
import { ExplorerNode, LoadingNode, MessageNode, iconOf, showAlarms, type NodeContext } from './baseNodes';
import { ContextValue } from './contextValues';
import { endpointDescription, endpointTooltip, instanceDescription, instanceTooltip, variantExtras, variantTooltip, type EndpointGauges } from './model/endpointText';
import { InferenceComponentNode, InstanceLevelNode } from './inferenceComponentNodes';
import { LogStreamNode } from './jobNodes';
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
  private gauges: EndpointGauges | undefined;
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
    item.description = endpointDescription(e.status, this.detail ? endpointKinds(this.detail) : undefined, this.gauges);
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
    const detail = await this.ctx.catalog.describeEndpoint(this.endpoint.name);
    this.detail = detail;
    const kinds = endpointKinds(detail);
    // The kind's gauges and inference components; either failing leaves the variants (and says so where it shows).
    const [gauges, components] = await Promise.all([
      this.ctx.catalog.endpointGauges(detail).catch(() => undefined),
      kinds.has('inferenceComponents') ? this.ctx.catalog.listInferenceComponents(detail.name).catch((e: unknown) => e) : Promise.resolve([]),
    ]);
    this.gauges = gauges;
    this.ctx.changed(this);
    if (detail.variants.length === 0) {
      return [new MessageNode(`${this.id}/none`, 'No production variants yet')];
    }
    return detail.variants.map((v) => new VariantNode(this.ctx, this.endpoint, v, { gauges, components: Array.isArray(components) ? components.filter((c) => c.variantName === v.name) : components}));
  }
}

export class VariantNode extends LoadingNode {
  readonly id: string;
  constructor(
    ctx: NodeContext,
    readonly endpoint: EndpointSummary,
    readonly variant: EndpointDetail['variants'][number],
    private readonly hosted: VariantHosted = {},
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
    const components = Array.isArray(this.hosted.components) ? this.hosted.components.length : undefined;
    item.description = formatVariantDescription(v, variantExtras(v, this.hosted.gauges, components));
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = ContextValue.Variant;
    item.tooltip = new vscode.MarkdownString(variantTooltip(this.endpoint.name, v));
    return showAlarms(item, this.ctx.alarmBadge(variantAlarmKey(this.endpoint.name, v.name)));
  }
  protected async load(): Promise<ExplorerNode[]> {
    const components = this.componentNodes();
    const instances = await this.ctx.catalog.listEndpointInstances(this.endpoint.name, this.variant.name);
    if (instances.length === 0) {
      return [...components, new MessageNode(`${this.id}/none`, 'No instances have logged or published metrics yet')];
    }
    return [...components, ...instances.map((i) => new InstanceNode(i))];
  }

  /** The variant's inference components first (a failed listing is a node that says why, the instances still show). */
  private componentNodes(): ExplorerNode[] {
    const c = this.hosted.components;
    if (c === undefined) {
      return [];
    }
    if (!Array.isArray(c)) {
      return [new MessageNode(`${this.id}/componentsFailed`, `Inference components could not be listed: ${c instanceof Error ? c.message : String(c)}`)];
    }
    return c.map((ic) => new InferenceComponentNode(this.ctx, ic));
  }
}

/** What an endpoint's description tells its variants: gauges, inference components (or why they could not be listed). */
interface VariantHosted {
  readonly gauges?: EndpointGauges;
  readonly components?: readonly InferenceComponentInfo[] | unknown;
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
    const item = new vscode.TreeItem(i.instanceId, this.children().length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = instanceDescription(i);
    item.iconPath = new vscode.ThemeIcon('vm');
    item.contextValue = ContextValue.Instance;
    item.tooltip = new vscode.MarkdownString(instanceTooltip(i));
    return item;
  }
  override getChildren(): ExplorerNode[] {
    return this.children();
  }
  /** An async instance's two streams (model server, data log) apart; enhanced metrics' containers and accelerators. */
  private children(): ExplorerNode[] {
    const i = this.instance;
    const group = endpointLogGroup(i.endpointName);
    const streams = i.dataLogStreamName ? [i.logStreamName, i.dataLogStreamName].filter((n): n is string => !!n).map((n) => new LogStreamNode(group, n, undefined, n === i.logStreamName ? i.lastEventAt : undefined, `${this.id}/`)) : [];
    const levels = [...(i.containers ?? []).map((c) => new InstanceLevelNode(i, 'container', c)), ...(i.accelerators ?? []).map((a) => new InstanceLevelNode(i, 'accelerator', a))];
    return [...streams, ...levels];
  }
}
