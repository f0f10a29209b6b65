/**
 * CloudWatch metric series. Scenario series are GENERATED: each raw sample is a pure function of
 * (series seed, timestamp, resolution); only PutMetricData points are stored. Retention tiers:
 * 60 s samples for 15 days, 300 s for 63 days, 3600 s for 455 days (15 months).
 */
import { gauss, hashString, rand01, smoothNoise } from './hash';
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

// ---------------------------------------------------------------- generators

const one = (v: number): Sample => ({ count: 1, sum: v, min: v, max: v });

export interface TrafficProfile {
  /** mean requests per minute */
  rpm: number;
  /** 5XX bursts: fraction of 30-minute windows with a burst */
  burstRate?: number;
  /** base error rates */
  err4xx?: number;
  err5xx?: number;
  /** mean model latency (µs) */
  latencyUs: number;
  instances: number;
}

/** Requests per minute of a variant at t (daily cycle, weekly dip, smooth noise, rare spikes). */
export function trafficRpm(seed: number, p: TrafficProfile, t: number): number {
  const day = Math.sin(2 * Math.PI * (t / DAY - 0.35));
  const weekday = (Math.floor(t / DAY) + 4) % 7; // 1970-01-01 was a Thursday
  const weekend = weekday === 0 || weekday === 6 ? 0.7 : 1;
  const noise = 1 + 0.18 * smoothNoise(seed, t, 1800) + 0.06 * smoothNoise(seed + 7, t, 240);
  const hour = Math.floor(t / 3600);
  const spike = rand01(seed, hour, 99) < 0.03 && t % 3600 < 900 ? 2 + 2 * rand01(seed, hour, 98) : 1;
  return Math.max(0, p.rpm * (1 + 0.45 * day) * weekend * noise * spike);
}

export function inBurst(seed: number, p: TrafficProfile, t: number): boolean {
  if (!p.burstRate) return false;
  const w = Math.floor(t / 1800);
  return rand01(seed, w, 55) < p.burstRate && t % 1800 < 420;
}

function requests(seed: number, p: TrafficProfile, t: number, res: number): number {
  const n = (trafficRpm(seed, p, t) * res) / 60;
  return Math.max(0, Math.round(n * (1 + 0.04 * gauss(seed, t, 3))));
}

export function invocationGenerators(seedKey: string, p: TrafficProfile): Record<string, { gen: Generator; unit: string; spread?: number }> {
  const seed = hashString(seedKey);
  const errCount = (t: number, res: number, which: 4 | 5): [number, number] => {
    const n = requests(seed, p, t, res);
    let rate = which === 4 ? (p.err4xx ?? 0.002) : (p.err5xx ?? 0.0005);
    if (which === 5 && inBurst(seed, p, t)) rate = 0.15 + 0.25 * rand01(seed, Math.floor(t / 1800), 56);
    const e = Math.min(n, Math.round(n * rate + (rand01(seed, t, which) < (n * rate) % 1 ? 1 : 0)));
    return [n, e];
  };
  const latency = (t: number): number => {
    const load = trafficRpm(seed, p, t) / Math.max(1, p.rpm);
    const burst = inBurst(seed, p, t) ? 2.5 : 1;
    return p.latencyUs * (0.8 + 0.25 * load) * (1 + 0.12 * smoothNoise(seed + 3, t, 600)) * burst;
  };
  const latencySample = (t: number, res: number, scale: number): Sample | null => {
    const n = requests(seed, p, t, res);
    if (n === 0) return null;
    const m = latency(t) * scale;
    return { count: n, sum: m * n, min: m * 0.35, max: m * (2.2 + rand01(seed, t, 9)) };
  };
  return {
    Invocations: {
      unit: 'Count',
      gen: (t, res) => {
        const n = requests(seed, p, t, res);
        return { count: Math.max(n, 1), sum: n, min: n ? 1 : 0, max: n ? 1 : 0 };
      },
    },
    InvocationsPerInstance: {
      unit: 'Count',
      gen: (t, res) => {
        const n = requests(seed, p, t, res) / p.instances;
        return { count: Math.max(1, Math.round(n)), sum: n, min: 0, max: n };
      },
    },
    Invocation4XXErrors: {
      unit: 'Count',
      gen: (t, res) => {
        const [n, e] = errCount(t, res, 4);
        return { count: Math.max(n, 1), sum: e, min: 0, max: e > 0 ? 1 : 0 };
      },
    },
    Invocation5XXErrors: {
      unit: 'Count',
      gen: (t, res) => {
        const [n, e] = errCount(t, res, 5);
        return { count: Math.max(n, 1), sum: e, min: 0, max: e > 0 ? 1 : 0 };
      },
    },
    InvocationModelErrors: {
      unit: 'Count',
      gen: (t, res) => {
        const [n, e] = errCount(t, res, 5);
        const m = Math.round(e * 0.8);
        return { count: Math.max(n, 1), sum: m, min: 0, max: m > 0 ? 1 : 0 };
      },
    },
    ModelLatency: { unit: 'Microseconds', spread: 0.45, gen: (t, res) => latencySample(t, res, 1) },
    OverheadLatency: {
      unit: 'Microseconds',
      spread: 0.3,
      gen: (t, res) => {
        const n = requests(seed, p, t, res);
        if (n === 0) return null;
        const m = 2500 + 800 * smoothNoise(seed + 11, t, 900);
        return { count: n, sum: m * n, min: m * 0.5, max: m * 3 };
      },
    },
    ModelSetupTime: {
      unit: 'Microseconds',
      gen: (t, res) => {
        // published only when a model copy is set up: a few times a day
        const hour = Math.floor(t / 3600);
        if (rand01(seed, hour, 77) > 0.08 || t % 3600 >= res) return null;
        return one(4.5e6 + 2e6 * rand01(seed, hour, 78));
      },
    },
  };
}

export interface InstanceProfile {
  cores: number;
  gpus: number;
  /** typical CPU busy fraction per core at mean load */
  cpuLevel: number;
  memLevel: number;
  gpuLevel: number;
  traffic?: { seed: number; profile: TrafficProfile };
}

export function instanceGenerators(seedKey: string, p: InstanceProfile): Record<string, { gen: Generator; unit: string }> {
  const seed = hashString(seedKey);
  const load = (t: number) => (p.traffic ? trafficRpm(p.traffic.seed, p.traffic.profile, t) / Math.max(1, p.traffic.profile.rpm) : 1);
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi, v));
  const out: Record<string, { gen: Generator; unit: string }> = {
    CPUUtilization: {
      unit: 'Percent',
      gen: (t) => one(clamp(p.cores * 100 * (p.cpuLevel * (0.6 + 0.4 * load(t)) + 0.05 * smoothNoise(seed, t, 300) + 0.02 * gauss(seed, t, 1)), p.cores * 100)),
    },
    MemoryUtilization: {
      unit: 'Percent',
      gen: (t) => one(clamp(100 * (p.memLevel + 0.04 * smoothNoise(seed + 1, t, 7200) + 0.01 * gauss(seed, t, 2)), 100)),
    },
    DiskUtilization: {
      unit: 'Percent',
      gen: (t) => one(clamp(18 + 6 * (((t / DAY) % 30) / 30) + 0.5 * smoothNoise(seed + 2, t, 3600), 100)),
    },
  };
  if (p.gpus > 0) {
    out.GPUUtilization = {
      unit: 'Percent',
      gen: (t) => one(clamp(p.gpus * 100 * (p.gpuLevel * (0.5 + 0.5 * load(t)) + 0.06 * smoothNoise(seed + 3, t, 300)), p.gpus * 100)),
    };
    out.GPUMemoryUtilization = {
      unit: 'Percent',
      gen: (t) => one(clamp(p.gpus * 100 * (0.55 + 0.05 * smoothNoise(seed + 4, t, 3600)), p.gpus * 100)),
    };
  }
  return out;
}

/** Training-curve value at t for a job training in [from, to] (seconds). Shared by logs and metrics. */
export function trainingCurve(seedKey: string, metric: 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy', t: number, from: number, to: number, jitterKey = 0): number {
  const seed = hashString(seedKey + metric);
  const prog = Math.max(0, Math.min(1, (t - from) / Math.max(1, to - from)));
  const noise = 0.015 * gauss(seed, Math.floor(t), jitterKey);
  switch (metric) {
    case 'loss':
      return Math.max(0.01, 0.06 + 0.62 * Math.exp(-3.2 * prog) + noise);
    case 'val_loss':
      return Math.max(0.01, 0.11 + 0.58 * Math.exp(-2.8 * prog) + noise / 2);
    case 'accuracy':
      return Math.min(0.999, 0.52 + 0.44 * (1 - Math.exp(-3.5 * prog)) + noise);
    case 'val_accuracy':
      return Math.min(0.999, 0.5 + 0.42 * (1 - Math.exp(-3 * prog)) + noise / 2);
  }
}

export function trainingHostGenerators(seedKey: string, cores: number, gpus: number): Record<string, { gen: Generator; unit: string }> {
  const seed = hashString(seedKey);
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi, v));
  const out: Record<string, { gen: Generator; unit: string }> = {
    CPUUtilization: { unit: 'Percent', gen: (t) => one(clamp(cores * 100 * (0.55 + 0.1 * smoothNoise(seed, t, 120)), cores * 100)) },
    MemoryUtilization: { unit: 'Percent', gen: (t) => one(clamp(100 * (0.62 + 0.05 * smoothNoise(seed + 1, t, 900)), 100)) },
    DiskUtilization: { unit: 'Percent', gen: (t) => one(clamp(35 + 3 * smoothNoise(seed + 2, t, 3600), 100)) },
  };
  if (gpus > 0) {
    out.GPUUtilization = { unit: 'Percent', gen: (t) => one(clamp(gpus * 100 * (0.86 + 0.08 * smoothNoise(seed + 3, t, 60)), gpus * 100)) };
    out.GPUMemoryUtilization = { unit: 'Percent', gen: (t) => one(clamp(gpus * 100 * (0.71 + 0.02 * smoothNoise(seed + 4, t, 600)), gpus * 100)) };
  }
  return out;
}
