/** Descriptions and tooltip text of the endpoint subtree (endpoints → variants → instances). */
import { formatTime } from '../../shared/format';
import type { EndpointInstance, EndpointSummary, VariantInfo } from '../../shared/model';

/** The endpoint's tooltip (markdown) from the list's summary; the failure reason is appended when read. */
export function endpointTooltip(e: EndpointSummary): string {
  return `**${e.name}** — ${e.status}\n\nCreated ${formatTime(e.createdAt)}  \nModified ${formatTime(e.modifiedAt)}`;
}

export function variantTooltip(endpointName: string, v: VariantInfo): string {
  return `**${endpointName} / ${v.name}**\n\nInstances: ${v.currentInstanceCount ?? '—'} current, ${v.desiredInstanceCount ?? '—'} desired  \nInstance type: ${v.instanceType ?? (v.serverless ? 'serverless' : '—')}  \nWeight: ${v.currentWeight ?? '—'}`;
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
