/**
 * CloudWatch metric series. Scenario series are GENERATED: each raw sample is a pure function of
 * (series seed, timestamp, resolution), the generators in generators.ts; only PutMetricData points are stored.
 * Retention tiers: 60 s samples for 15 days, 300 s for 63 days, 3600 s for 455 days (15 months).
 * Here: the store, the retention tiers and the statistics over a period.
 */
import { lowerBound } from './logStore';

export interface Dim {
  Name: string;
  Value: string;
}

/** One raw aggregate (a CloudWatch "statistic set"). */
export interface Sample {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Generates the raw sample at t (epoch seconds, aligned to res) with resolution res seconds. */
export type Generator = (t: number, res: number) => Sample | null;

export interface Series {
  key: string;
  namespace: string;
  metricName: string;
  dims: Dim[];
  unit: string;
  /** epoch seconds: first / last time with data (end undefined = ongoing) */
  start: number;
  end?: number;
  gen?: Generator;
  /** latency-like series: percentiles from a log-normal spread around the mean */
  spread?: number;
  stored?: { t: number[]; s: Sample[] };
}

export const DAY = 86400;
export const TIER_1M = 15 * DAY;
export const TIER_5M = 63 * DAY;
export const TIER_1H = 455 * DAY;

export function dimsKey(dims: Dim[]): string {
  return [...dims]
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
    .map((d) => `${d.Name}=${d.Value}`)
    .join(',');
}

export function seriesKey(namespace: string, metricName: string, dims: Dim[]): string {
  return `${namespace}|${metricName}|${dimsKey(dims)}`;
}

/** Resolution of stored data for a timestamp of the given age (seconds); undefined = expired. */
export function tierResolution(ageSec: number): number | undefined {
  if (ageSec <= TIER_1M) return 60;
  if (ageSec <= TIER_5M) return 300;
  if (ageSec <= TIER_1H) return 3600;
  return undefined;
}

export class MetricStore {
  readonly series = new Map<string, Series>();

  add(s: Omit<Series, 'key'>): Series {
    const key = seriesKey(s.namespace, s.metricName, s.dims);
    const full: Series = { ...s, key };
    this.series.set(key, full);
    return full;
  }

  get(namespace: string, metricName: string, dims: Dim[]): Series | undefined {
    return this.series.get(seriesKey(namespace, metricName, dims));
  }

  put(namespace: string, metricName: string, dims: Dim[], unit: string | undefined, t: number, s: Sample): void {
    const key = seriesKey(namespace, metricName, dims);
    let series = this.series.get(key);
    if (!series) {
      series = { key, namespace, metricName, dims, unit: unit ?? 'None', start: t, end: t };
      this.series.set(key, series);
    }
    if (series.start > t) series.start = t;
    if (series.end !== undefined && series.end < t) series.end = t;
    if (!series.stored) series.stored = { t: [], s: [] };
    const st = series.stored;
    let i = st.t.length;
    while (i > 0 && st.t[i - 1] > t) i--;
    st.t.splice(i, 0, t);
    st.s.splice(i, 0, s);
  }
}

// ---------------------------------------------------------------- statistics

const Z: Record<string, number> = {};
function zOf(p: number): number {
  const k = String(p);
  if (Z[k] !== undefined) return Z[k];
  // inverse normal CDF (Acklam's approximation, good enough here)
  const q = Math.min(Math.max(p / 100, 1e-6), 1 - 1e-6);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let z: number;
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    z = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  } else if (q > 1 - 0.02425) {
    const r = Math.sqrt(-2 * Math.log(1 - q));
    z = -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  } else {
    const r = q - 0.5;
    const r2 = r * r;
    z = ((((((a[0] * r2 + a[1]) * r2 + a[2]) * r2 + a[3]) * r2 + a[4]) * r2 + a[5]) * r) / (((((b[0] * r2 + b[1]) * r2 + b[2]) * r2 + b[3]) * r2 + b[4]) * r2 + 1);
  }
  Z[k] = z;
  return z;
}

export type StatName = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount' | { p: number };

export function parseStat(stat: string): StatName | undefined {
  if (stat === 'Sum' || stat === 'Average' || stat === 'Minimum' || stat === 'Maximum' || stat === 'SampleCount') return stat;
  const m = /^p(\d{1,2}(\.\d+)?|100)$/.exec(stat);
  if (m) return { p: Number(m[1]) };
  return undefined;
}

function reduce(samples: Sample[], stat: StatName, spread: number | undefined): number | undefined {
  if (samples.length === 0) return undefined;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const s of samples) {
    count += s.count;
    sum += s.sum;
    if (s.min < min) min = s.min;
    if (s.max > max) max = s.max;
  }
  if (typeof stat === 'object') {
    if (spread) {
      let w = 0;
      let acc = 0;
      const f = Math.exp(spread * zOf(stat.p));
      for (const s of samples) {
        if (s.count <= 0) continue;
        acc += (s.sum / s.count) * f * s.count;
        w += s.count;
      }
      if (w === 0) return undefined;
      return Math.min(max, Math.max(min, acc / w));
    }
    const means = samples.filter((s) => s.count > 0).map((s) => s.sum / s.count).sort((a, b) => a - b);
    if (!means.length) return undefined;
    const idx = Math.min(means.length - 1, Math.max(0, Math.ceil((stat.p / 100) * means.length) - 1));
    return means[idx];
  }
  switch (stat) {
    case 'Sum':
      return sum;
    case 'SampleCount':
      return count;
    case 'Average':
      return count > 0 ? sum / count : undefined;
    case 'Minimum':
      return min;
    case 'Maximum':
      return max;
  }
}

export interface StatResult {
  timestamps: number[];
  values: number[];
  /** some buckets had no data at this period because of the retention tiers */
  resolutionGap: boolean;
}

/** Round a start time down as CloudWatch does (by the age of the start time). */
export function roundStart(startSec: number, nowSec: number): number {
  const age = nowSec - startSec;
  const r = age > TIER_5M ? 3600 : age > TIER_1M ? 300 : 60;
  return Math.floor(startSec / r) * r;
}

/** Values of one series at `period` over [start, end) (seconds), ascending. */
export function computeSeries(series: Series, startSec: number, endSec: number, period: number, stat: StatName, nowSec: number): StatResult {
  const timestamps: number[] = [];
  const values: number[] = [];
  let resolutionGap = false;
  const start = period >= 60 ? roundStart(startSec, nowSec) : Math.floor(startSec / period) * period;
  const lastRaw = nowSec; // a raw sample at t is published once t + res <= now
  // skip buckets before a generated series starts (cheaply)
  let b = start;
  if (series.start > start && !series.stored) b = start + Math.floor((series.start - start) / period) * period;
  const end = Math.min(endSec, series.end !== undefined && !series.stored ? series.end + period : endSec);
  const st = series.stored;
  const samples: Sample[] = [];
  for (; b < end; b += period) {
    samples.length = 0;
    const age = nowSec - b;
    const r = tierResolution(age);
    if (r === undefined) continue;
    if (series.gen) {
      if (period % r !== 0) {
        resolutionGap = true;
      } else {
        const lo = Math.max(b, Math.ceil(series.start / r) * r);
        const hi = Math.min(b + period, series.end !== undefined ? series.end + 1 : Infinity);
        for (let t = lo; t < hi && t + r <= lastRaw; t += r) {
          const s = series.gen(t, r);
          if (s) samples.push(s);
        }
      }
    }
    if (st && st.t.length) {
      // stored (PutMetricData) points: high resolution (< 60 s) only for the last 3 hours
      const rs = age <= 3 * 3600 ? 1 : r;
      if (period % rs !== 0) {
        resolutionGap = true;
      } else {
        let i = lowerBound(st.t, b);
        for (; i < st.t.length && st.t[i] < b + period; i++) samples.push(st.s[i]);
      }
    }
    const v = reduce(samples, stat, series.spread);
    if (v !== undefined && Number.isFinite(v)) {
      timestamps.push(b);
      values.push(Math.round(v * 1e6) / 1e6);
    }
  }
  return { timestamps, values, resolutionGap };
}

/** Does the series have data in [fromSec, toSec]? (ListMetrics: active in the last 2 weeks) */
export function activeBetween(s: Series, fromSec: number, toSec: number): boolean {
  if (s.start > toSec) return false;
  if (s.stored && s.stored.t.length && s.stored.t[s.stored.t.length - 1] >= fromSec) return true;
  if (!s.gen) return false;
  return s.end === undefined || s.end >= fromSec;
}
