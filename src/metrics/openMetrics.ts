import { UserFacingError } from '../core/errors';
import { parseMetricsTarget } from '../shared/targets';
import type { MetricsPanel } from './metricsPanel';
import type { MetricsPanels } from './metricsPanels';

/** `sagemakerMonitor.openMetrics` with `{ endpointName, variantName? }` or `{ trainingJobName, host? }`: opens or reveals its panel. */
export function openMetrics(panels: MetricsPanels, arg: unknown): MetricsPanel {
  const parsed = parseMetricsTarget(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Open Metrics: ${parsed.error}`);
  }
  return panels.show(parsed.value);
}
