import * as vscode from 'vscode';
import { UserFacingError } from '../core/errors';
import { parseMetricsTarget, targetResourceName, type MetricsTarget } from '../shared/targets';

/**
 * `sagemakerMonitor.openMetrics` with `{ endpointName, variantName? }` or `{ trainingJobName, host? }`.
 * The argument contract is in place; the metric panels themselves are not in this version yet.
 */
export async function openMetrics(arg: unknown): Promise<MetricsTarget> {
  const parsed = parseMetricsTarget(arg);
  if (!parsed.ok) {
    throw new UserFacingError(`Open Metrics: ${parsed.error}`);
  }
  void vscode.window.showInformationMessage(`Metric panels are not available in this version of SageMaker Monitor yet (${targetResourceName(parsed.value)}).`);
  return parsed.value;
}
