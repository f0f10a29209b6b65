/**
 * The resource of the tree an alarm watches, from its dimensions (the most specific one: a variant rather
 * than its endpoint), with the Open Metrics argument of that resource.
 */
import type { AlarmInfo } from '../../shared/metrics/alarms';
import { parseHostDimension } from '../../shared/names';

export interface AlarmResource {
  /** One key per resource: the notices of several alarms on it are one. */
  readonly key: string;
  /** `endpoint fraud-detector-api / AllTraffic`, for the message. */
  readonly label: string;
  /** `sagemakerMonitor.openMetrics`'s argument; undefined when the alarm's dimensions do not name one (an inference component without its endpoint). */
  readonly metrics?: Readonly<Record<string, string>>;
}

function endpointResource(endpointName: string, variantName: string | undefined): AlarmResource {
  return variantName
    ? { key: `variant:${endpointName}/${variantName}`, label: `endpoint ${endpointName} / ${variantName}`, metrics: { endpointName, variantName } }
    : { key: `endpoint:${endpointName}`, label: `endpoint ${endpointName}`, metrics: { endpointName } };
}

/** The resource an alarm watches; undefined when it watches nothing the tree shows. */
export function alarmResource(alarm: Pick<AlarmInfo, 'namespace' | 'dimensions'>): AlarmResource | undefined {
  const dim = (name: string) => alarm.dimensions.find((d) => d.Name === name)?.Value;
  const ic = dim('InferenceComponentName');
  const endpoint = dim('EndpointName');
  if (ic) {
    return { key: `inferenceComponent:${ic}`, label: `inference component ${ic}`, ...(endpoint ? { metrics: { endpointName: endpoint, inferenceComponentName: ic } } : {}) };
  }
  if (endpoint) {
    return endpointResource(endpoint, dim('VariantName'));
  }
  const job = dim('TrainingJobName');
  const host = dim('Host');
  const parsed = host ? parseHostDimension(alarm.namespace, host) : undefined;
  if (parsed?.kind === 'endpoint') {
    return endpointResource(parsed.endpointName, parsed.variantName);
  }
  const trainingJobName = job ?? (parsed?.kind === 'training' ? parsed.trainingJobName : undefined);
  return trainingJobName ? { key: `trainingJob:${trainingJobName}`, label: `training job ${trainingJobName}`, metrics: { trainingJobName } } : undefined;
}
