/**
 * Generators of the scenario metric series: each raw sample a pure function of (series seed, timestamp,
 * resolution) — endpoint traffic and invocations, instance utilisation, training curves and training hosts.
 */
import { gauss, hashString, rand01, smoothNoise } from './hash';
import { DAY, type Generator, type Sample } from './metrics';

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
