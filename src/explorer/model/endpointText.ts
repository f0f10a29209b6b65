/** Descriptions and tooltip text of the endpoint subtree (endpoints → variants → instances). */
import { formatTime } from '../../shared/format';
import type { EndpointInstance, EndpointKind, EndpointSummary, InferenceComponentInfo, VariantInfo } from '../../shared/model';

/** The endpoint's tooltip (markdown) from the list's summary; the failure reason is appended when read. */
export function endpointTooltip(e: EndpointSummary): string {
  return `**${e.name}** — ${e.status}\n\nCreated ${formatTime(e.createdAt)}  \nModified ${formatTime(e.modifiedAt)}`;
}

export function variantTooltip(endpointName: string, v: VariantInfo): string {
  const head = `**${endpointName} / ${v.name}**\n\n`;
  const weight = `Weight: ${v.currentWeight ?? '—'}`;
  if (v.serverless) {
    const sc = v.serverlessConfig;
    return `${head}Serverless: ${sc?.memorySizeInMB ?? '—'} MB memory, max ${sc?.maxConcurrency ?? '—'} concurrent, ${sc?.provisionedConcurrency ?? 0} provisioned  \n${weight}`;
  }
  const model = v.modelName ? `Model: ${v.modelName}${v.multiModel ? ' (multi-model)' : ''}  \n` : v.inferenceComponents ? 'Hosts inference components  \n' : '';
  return `${head}Instances: ${v.currentInstanceCount ?? '—'} current, ${v.desiredInstanceCount ?? '—'} desired  \nInstance type: ${v.instanceType ?? '—'}  \n${model}${weight}`;
}

const SOURCE_LABEL: Record<EndpointInstance['sources'][number], string> = {
  logStream: 'logs',
  hostDimension: 'Host metrics',
  instanceIdDimension: 'InstanceId metrics',
};

/** Where the instance was seen: `logs · Host metrics`. */
export function instanceDescription(i: EndpointInstance): string {
  return i.sources.map((s) => SOURCE_LABEL[s]).join(' · ');
}

export function instanceTooltip(i: EndpointInstance): string {
  return `**${i.instanceId}**\n\nVariant ${i.variantName} of ${i.endpointName}  \nSeen in: ${i.sources.map((s) => SOURCE_LABEL[s]).join(', ')}  \nLast log event: ${formatTime(i.lastEventAt)}`;
}

/** The newest values of an endpoint's gauges, for its and its variants' descriptions. */
export interface EndpointGauges {
  /** Async endpoints: ApproximateBacklogSize. */
  readonly backlog?: number;
  /** Async endpoints: HasBacklogWithoutCapacity (1 when requests wait and no instance runs). */
  readonly backlogWithoutCapacity?: number;
  /** Multi-model variants: LoadedModelCount by variant name. */
  readonly loadedModels?: ReadonlyMap<string, number>;
}

/** `InService · async · backlog 42 (no capacity)`: the endpoint's status and, once described, its kind and gauges. */
export function endpointDescription(status: string, kinds: ReadonlySet<EndpointKind> | undefined, gauges: EndpointGauges | undefined): string {
  const parts = [status];
  for (const k of kinds ?? []) {
    if (k !== 'realtime') {
      parts.push(KIND_LABELS[k]);
    }
  }
  if (kinds?.has('async') && gauges?.backlog !== undefined) {
    parts.push(`backlog ${formatCount(gauges.backlog)}${gauges.backlogWithoutCapacity ? ' (no capacity)' : ''}`);
  }
  return parts.join(' · ');
}

const KIND_LABELS: Record<Exclude<EndpointKind, 'realtime'>, string> = {
  async: 'async',
  serverless: 'serverless',
  multiModel: 'multi-model',
  inferenceComponents: 'inference components',
};

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** What a variant adds to its description: its inference components or loaded models. */
export function variantExtras(v: VariantInfo, gauges: EndpointGauges | undefined, inferenceComponents: number | undefined): string[] {
  const extras: string[] = [];
  if (v.inferenceComponents && inferenceComponents !== undefined) {
    extras.push(`${inferenceComponents} inference component${inferenceComponents === 1 ? '' : 's'}`);
  }
  const loaded = gauges?.loadedModels?.get(v.name);
  if (v.multiModel && loaded !== undefined) {
    extras.push(`${formatCount(loaded)} model${loaded === 1 ? '' : 's'} loaded`);
  }
  return extras;
}

/** `InService · 2 copies · 1 GPU, 2 CPUs, 24 GiB per copy`, `Updating · 1→3 copies · …`. */
export function inferenceComponentDescription(ic: InferenceComponentInfo): string {
  const current = ic.currentCopyCount;
  const desired = ic.desiredCopyCount;
  const copies =
    current === undefined && desired === undefined
      ? undefined
      : current !== undefined && desired !== undefined && current !== desired
        ? `${current}→${desired} copies`
        : `${current ?? desired} cop${(current ?? desired) === 1 ? 'y' : 'ies'}`;
  const per = perCopy(ic);
  return [ic.status, copies, per ? `${per} per copy` : undefined].filter(Boolean).join(' · ');
}

function perCopy(ic: InferenceComponentInfo): string {
  const parts: string[] = [];
  if (ic.acceleratorsPerCopy) {
    parts.push(`${ic.acceleratorsPerCopy} GPU${ic.acceleratorsPerCopy === 1 ? '' : 's'}`);
  }
  if (ic.cpuCoresPerCopy) {
    parts.push(`${ic.cpuCoresPerCopy} CPU${ic.cpuCoresPerCopy === 1 ? '' : 's'}`);
  }
  if (ic.memoryPerCopyMb) {
    parts.push(ic.memoryPerCopyMb % 1024 === 0 ? `${ic.memoryPerCopyMb / 1024} GiB` : `${ic.memoryPerCopyMb} MiB`);
  }
  return parts.join(', ');
}

export function inferenceComponentTooltip(ic: InferenceComponentInfo): string {
  const lines = [
    `**${ic.name}** — ${ic.status}`,
    '',
    `Inference component on ${ic.endpointName} / ${ic.variantName}  `,
    `Model: ${ic.modelName ?? '—'}  `,
    `Copies: ${ic.currentCopyCount ?? '—'} current, ${ic.desiredCopyCount ?? '—'} desired  `,
    `Per copy: ${perCopy(ic) || '—'}  `,
    `Created ${formatTime(ic.createdAt)}  `,
    `Modified ${formatTime(ic.modifiedAt)}`,
  ];
  return lines.join('\n');
}
