/**
 * A finished training job's time and what it was billed for, as the SageMaker Python SDK prints it at the end
 * of `fit()`: "Training seconds: X", "Billable seconds: Y" (both × the instance count, as the SDK does) and,
 * for Managed Spot Training, "Managed Spot Training savings: Z%" with Z = (1 − Billable / Training) × 100 of
 * DescribeTrainingJob's per-instance TrainingTimeInSeconds and BillableTimeInSeconds.
 */

export interface BillableTime {
  /** TrainingTimeInSeconds (per instance; set once the job has ended). */
  readonly trainingSeconds?: number;
  /** BillableTimeInSeconds (per instance). */
  readonly billableSeconds?: number;
  /** EnableManagedSpotTraining. */
  readonly managedSpot?: boolean;
  readonly instanceCount?: number;
}

/** The Spot saving in percent, when the job ran on Spot and both times are known. */
export function spotSavingsPercent(t: BillableTime): number | undefined {
  if (!t.managedSpot || t.trainingSeconds === undefined || t.billableSeconds === undefined || t.trainingSeconds <= 0) {
    return undefined;
  }
  return (1 - t.billableSeconds / t.trainingSeconds) * 100;
}

/** The SDK's lines, in its words; empty while the job has not ended (AWS sets the times only then). */
export function billableTimeLines(t: BillableTime): string[] {
  const n = Math.max(1, t.instanceCount ?? 1);
  const lines: string[] = [];
  if (t.trainingSeconds !== undefined) {
    lines.push(`Training seconds: ${t.trainingSeconds * n}`);
  }
  if (t.billableSeconds !== undefined) {
    lines.push(`Billable seconds: ${t.billableSeconds * n}`);
    const saving = spotSavingsPercent(t);
    if (saving !== undefined) {
      lines.push(`Managed Spot Training savings: ${saving.toFixed(1)}%`);
    }
  }
  return lines;
}
