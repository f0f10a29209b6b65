import { UserFacingError } from '../platform/errors';
import { parseMetricsTarget } from '../shared/targets';
import type { MetricsPanel } from './metricsPanel';
import type { MetricsPanels } from './metricsPanels';

/**
 * `sagemakerMonitor.openMetrics` with `{ endpointName, variantName? }` or `{ trainingJobName, host? }`: opens or
 * reveals its panel. With no argument (the command palette) it asks for the target with `pick`.
 */
export async function openMetrics(panels: MetricsPanels, arg: unknown, pick?: (title: string) => Promise<unknown>): Promise<MetricsPanel | undefined> {
  if (arg === undefined && pick) {
    arg = await pick('Open Metrics');
    if (arg === undefined) {
      return undefined;
    }
  }
  const parsed = parseMetricsTarget(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Open Metrics: ${parsed.error}`);
  }
  return panels.show(parsed.value);
}
