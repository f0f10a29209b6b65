/**
 * The GetMetricData requests of one panel refresh: every series of the panel in ONE call, split only when a
 * call would pass 500 queries or 100,800 datapoints (DESIGN §3). Shaped like the SDK's GetMetricDataInput.
 */
import { MAX_DATAPOINTS_PER_CALL, MAX_QUERIES_PER_CALL, pointsPerSeries, type TimeRange } from './period';
import type { Dimension, SeriesSpec } from './panels';

export interface MetricDataQuery {
  readonly Id: string;
  readonly Label: string;
  readonly MetricStat: {
    readonly Metric: { readonly Namespace: string; readonly MetricName: string; readonly Dimensions: readonly Dimension[] };
    readonly Period: number;
    readonly Stat: string;
  };
  readonly ReturnData: true;
}

export interface MetricDataRequest {
  readonly MetricDataQueries: readonly MetricDataQuery[];
  readonly StartTime: Date;
  readonly EndTime: Date;
  readonly ScanBy: 'TimestampAscending';
}

/** The window aligned to whole periods, so consecutive refreshes ask for the same buckets. */
export function alignRange(range: TimeRange, periodSeconds: number): TimeRange {
  const p = periodSeconds * 1000;
  return { start: Math.floor(range.start / p) * p, end: Math.ceil(range.end / p) * p };
}

export function metricDataQuery(series: SeriesSpec, periodSeconds: number): MetricDataQuery {
  return {
    Id: series.id,
    Label: series.label,
    MetricStat: {
      Metric: { Namespace: series.namespace, MetricName: series.metricName, Dimensions: series.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })) },
      Period: periodSeconds,
      Stat: series.stat,
    },
    ReturnData: true,
  };
}

export function buildMetricDataRequests(series: readonly SeriesSpec[], range: TimeRange, periodSeconds: number): MetricDataRequest[] {
  const aligned = alignRange(range, periodSeconds);
  const points = pointsPerSeries(aligned, periodSeconds);
  const requests: MetricDataRequest[] = [];
  let batch: MetricDataQuery[] = [];
  let batchPoints = 0;
  const flush = () => {
    if (batch.length > 0) {
      requests.push({ MetricDataQueries: batch, StartTime: new Date(aligned.start), EndTime: new Date(aligned.end), ScanBy: 'TimestampAscending' });
    }
    batch = [];
    batchPoints = 0;
  };
  for (const s of series) {
    if (batch.length >= MAX_QUERIES_PER_CALL || (batch.length > 0 && batchPoints + points > MAX_DATAPOINTS_PER_CALL)) {
      flush();
    }
    batch.push(metricDataQuery(s, periodSeconds));
    batchPoints += points;
  }
  flush();
  return requests;
}

/** How many calls a refresh takes: ⌈series / 500⌉ unless the datapoint limit splits further. */
export function callsPerRefresh(seriesCount: number, range: TimeRange, periodSeconds: number): number {
  const perSeries = pointsPerSeries(alignRange(range, periodSeconds), periodSeconds);
  const perCall = Math.max(1, Math.min(MAX_QUERIES_PER_CALL, Math.floor(MAX_DATAPOINTS_PER_CALL / perSeries)));
  return Math.ceil(seriesCount / perCall);
}
