/**
 * Compare runs: several training jobs side by side (no VS Code, no SDK). One chart per metric with one series
 * per job, every series in the same GetMetricData call(s), x = time since each job's start; the
 * hyperparameters that differ between the jobs.
 */
import { TRAINING_INSTANCE_NAMESPACE, trainingHostDimension } from '../names';
import type { SeriesData } from '../metricsProtocol';
import type { CompareCurveStore } from './compareCurves';
import { algorithmMetricInfo, type Statistic } from './catalogue';
import { known, type SeriesSpec } from './panels';
import { MAX_DATAPOINTS_PER_CALL, MAX_QUERIES_PER_CALL, PERIOD_CHOICES_SECONDS, choosePeriod, pointsPerSeries, type PeriodChoice, type TimeRange } from './period';

/** A compared training job as the panel needs it (from DescribeTrainingJob, and the tuning job for a child). */
export interface CompareJob {
  readonly name: string;
  readonly status: string;
  /** Epoch ms: when training started (else created); x = 0 of the job's series. */
  readonly startedAt?: number;
  readonly createdAt?: number;
  readonly endedAt?: number;
  readonly instanceType?: string;
  readonly instanceCount: number;
  readonly metricNames: readonly string[];
  readonly hyperParameters: Readonly<Record<string, string>>;
  /** A tuning child's final objective value, as the tuning job reported it. */
  readonly objectiveValue?: number;
}

/** The instance metrics offered beside the algorithm metrics (of each job's first host, algo-1). */
export const COMPARE_INSTANCE_METRICS = ['CPUUtilization', 'GPUUtilization', 'MemoryUtilization'] as const;

export interface CompareSeries extends SeriesSpec {
  /** Index of the job in CompareSpec.jobs. */
  readonly job: number;
}

export interface CompareChart {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly series: readonly CompareSeries[];
}

export interface CompareSpec {
  readonly title: string;
  readonly jobs: readonly CompareJob[];
  readonly charts: readonly CompareChart[];
  /** The tuning job's objective, when the jobs are its children. */
  readonly objective?: { readonly type: string; readonly metricName: string };
}

export interface CompareOptions {
  /** Chart CPU, GPU and memory of each job's algo-1 too. */
  readonly instanceMetrics: boolean;
  readonly title: string;
  readonly objective?: { readonly type: string; readonly metricName: string };
}

/** When a job's curve starts: training start, else creation. */
export function jobStart(job: CompareJob): number | undefined {
  return job.startedAt ?? job.createdAt;
}

/**
 * One chart per metric of the union of the jobs' MetricDefinitions (first seen first), a series per job that
 * defines it; then (optionally) the instance metrics of each job's algo-1.
 */
export function compareSpec(jobs: readonly CompareJob[], options: CompareOptions): CompareSpec {
  let n = 0;
  const nextId = () => `c${n++}`;
  const metrics = [...new Set(jobs.flatMap((j) => j.metricNames))];
  const charts: CompareChart[] = metrics.map((metric, m) => {
    const info = algorithmMetricInfo(metric);
    return {
      id: `metric${m}`,
      title: metric,
      unit: '',
      series: jobs.flatMap((job, i) => (job.metricNames.includes(metric) ? [seriesOf(nextId(), i, job.name, info.metricName, [{ Name: 'TrainingJobName', Value: job.name }], info.defaultStatistic, 1)] : [])),
    };
  });
  if (options.instanceMetrics) {
    for (const metric of COMPARE_INSTANCE_METRICS) {
      const info = known(TRAINING_INSTANCE_NAMESPACE, metric);
      charts.push({
        id: `instance-${metric}`,
        title: `${metric} (algo-1)`,
        unit: info.display.label,
        series: jobs.map((job, i) => ({ ...seriesOf(nextId(), i, job.name, metric, [{ Name: 'Host', Value: trainingHostDimension(job.name, 1) }], 'Maximum', info.display.factor), namespace: TRAINING_INSTANCE_NAMESPACE })),
      });
    }
  }
  return { title: options.title, jobs, charts, ...(options.objective ? { objective: options.objective } : {}) };
}

function seriesOf(id: string, job: number, jobName: string, metricName: string, dimensions: SeriesSpec['dimensions'], stat: Statistic, factor: number): CompareSeries {
  return { id, job, label: jobName, namespace: TRAINING_INSTANCE_NAMESPACE, metricName, dimensions, stat, factor };
}

/** Every series of the comparison, in chart order: the queries of the refresh. */
export function compareSeries(spec: CompareSpec): CompareSeries[] {
  return spec.charts.flatMap((c) => c.series);
}

const FIVE_MIN = 5 * 60_000;

/** The one window every job's run fits in: the first start to the last end (now for running jobs), a few minutes either side. */
export function compareRange(jobs: readonly CompareJob[], now: number): TimeRange {
  const starts = jobs.map(jobStart).filter((t): t is number => t !== undefined);
  const start = starts.length ? Math.min(...starts) : now - 3 * 3600_000;
  const end = Math.max(...jobs.map((j) => j.endedAt ?? now), start + 15 * 60_000);
  return { start: start - FIVE_MIN, end: Math.min(end + FIVE_MIN, Math.max(now, start + 15 * 60_000)) };
}

/**
 * The period of the comparison: the panels' choice for the window (retention tier of its start, ≤ 1,440 points
 * per series), made coarser while a call of min(queries, 500) series would pass 100,800 datapoints, so that
 * a refresh is ⌈queries / 500⌉ calls.
 */
export function comparePeriod(range: TimeRange, now: number, queryCount: number): PeriodChoice {
  const chosen = choosePeriod(range, now);
  const perCall = Math.max(1, Math.min(queryCount, MAX_QUERIES_PER_CALL));
  const fits = (p: number) => perCall * pointsPerSeries(range, p) <= MAX_DATAPOINTS_PER_CALL - perCall;
  if (fits(chosen.periodSeconds)) {
    return chosen;
  }
  const coarser = PERIOD_CHOICES_SECONDS.find((p) => p > chosen.periodSeconds && p % chosen.periodSeconds === 0 && fits(p)) ?? PERIOD_CHOICES_SECONDS[PERIOD_CHOICES_SECONDS.length - 1];
  return { periodSeconds: coarser, reason: `${perCall} series in one call` };
}

export interface ElapsedPoint {
  /** Minutes since the job's start. */
  readonly x: number;
  readonly y: number;
}

/** A series on the elapsed-time axis: minutes since the job started; points before the start are left out. */
export function alignByElapsed(data: SeriesData | undefined, start: number | undefined, factor = 1): ElapsedPoint[] {
  if (!data || start === undefined) {
    return [];
  }
  const points: ElapsedPoint[] = [];
  data.timestamps.forEach((t, i) => {
    if (t >= start - 60_000) {
      points.push({ x: Math.max(0, (t - start) / 60_000), y: data.values[i] * factor });
    }
  });
  return points;
}

export interface HyperparameterRow {
  readonly name: string;
  /** One value per job (undefined: the job does not set it). */
  readonly values: readonly (string | undefined)[];
  readonly differs: boolean;
}

/** Every hyperparameter of the jobs, sorted by name, marked where the jobs do not all set the same value. */
export function hyperparameterRows(jobs: readonly CompareJob[]): HyperparameterRow[] {
  const names = [...new Set(jobs.flatMap((j) => Object.keys(j.hyperParameters)))].sort();
  return names.map((name) => {
    const values = jobs.map((j) => (Object.prototype.hasOwnProperty.call(j.hyperParameters, name) ? j.hyperParameters[name] : undefined));
    return { name, values, differs: new Set(values).size > 1 };
  });
}

/** How long a job ran (to now while it runs), `1 h 05 min`, `42 min`, `35 s`. */
export function formatDuration(job: CompareJob, now: number): string {
  const start = jobStart(job);
  if (start === undefined) {
    return '—';
  }
  const s = Math.max(0, Math.round(((job.endedAt ?? now) - start) / 1000));
  if (s < 60) {
    return `${s} s`;
  }
  const min = Math.round(s / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** The last datapoint of a series (the "final" value while a job runs, or once it ended). */
export function lastValue(data: SeriesData | undefined, factor = 1): number | undefined {
  return data && data.values.length ? data.values[data.values.length - 1] * factor : undefined;
}

export const COMPARE_CSV_HEADER = 'chart,job,namespace,metric,statistic,elapsed_minutes,timestamp,value,unit,source,host,step,epoch';

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The shown data as CSV: one row per datapoint, with the minutes since its job's start; then the from-logs points
 * of every job and host (with their step and epoch when the lines had one).
 */
export function compareCsv(spec: CompareSpec, series: readonly SeriesData[], curves?: CompareCurveStore): string {
  const byId = new Map(series.map((s) => [s.id, s]));
  const rows = [COMPARE_CSV_HEADER];
  for (const chart of spec.charts) {
    for (const s of chart.series) {
      const d = byId.get(s.id);
      const start = jobStart(spec.jobs[s.job]);
      d?.timestamps.forEach((t, i) => {
        const elapsed = start === undefined ? '' : ((t - start) / 60_000).toFixed(2);
        rows.push([chart.title, s.label, s.namespace, s.metricName, s.stat, elapsed, new Date(t).toISOString(), String(d.values[i] * s.factor), chart.unit, 'CloudWatch', '', '', ''].map(csvField).join(','));
      });
    }
  }
  for (const c of curves?.all() ?? []) {
    const job = spec.jobs[c.job];
    const start = job ? jobStart(job) : undefined;
    for (const p of c.points) {
      const elapsed = start === undefined ? '' : ((p.t - start) / 60_000).toFixed(2);
      rows.push([`From logs: ${c.metric}`, job?.name ?? '', '', c.metric, '', elapsed, new Date(p.t).toISOString(), String(p.v), '', 'logs', c.host, p.s === undefined ? '' : String(p.s), p.e === undefined ? '' : String(p.e)].map(csvField).join(','));
    }
  }
  return rows.join('\n') + '\n';
}
