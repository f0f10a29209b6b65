/**
 * Generators of the newer endpoint kinds' metrics (DESIGN §3): inference components, asynchronous,
 * serverless and multi-model endpoints. Like generators.ts, each raw sample is a pure function of
 * (series seed, timestamp, resolution); scenario-specific shapes (a backlog, a scale-to-zero stretch)
 * are given as absolute times in the profile.
 */
import { hashString, rand01, smoothNoise } from './hash';
import { type Generator, type Sample } from './metrics';
import { trafficRpm, type TrafficProfile } from './generators';

const one = (v: number): Sample => ({ count: 1, sum: v, min: v, max: v });
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
export type Gens = Record<string, { gen: Generator; unit: string; spread?: number }>;

/** Requests in [t, t+res) at the profile's traffic. */
function requestsIn(seed: number, p: TrafficProfile, t: number, res: number): number {
  return Math.max(0, Math.round((trafficRpm(seed, p, t) * res) / 60));
}

// ------------------------------------------------------------------ inference components

/** `AWS/SageMaker` by InferenceComponentName, beyond invocationGenerators: per-copy load. copies(t) = copies running at t (epoch s). */
export function componentInvocationGenerators(seedKey: string, p: TrafficProfile, copies: (t: number) => number): Gens {
  const seed = hashString(seedKey);
  return {
    InvocationsPerCopy: {
      unit: 'Count',
      gen: (t, res) => {
        const c = copies(t);
        if (c === 0) return null;
        const n = requestsIn(seed, p, t, res) / c;
        return { count: 1, sum: n, min: n, max: n };
      },
    },
    ConcurrentRequestsPerCopy: {
      unit: 'Count',
      gen: (t) => {
        const c = copies(t);
        if (c === 0) return null;
        // Little's law: arrivals per second × seconds per request, shared by the copies
        const v = ((trafficRpm(seed, p, t) / 60) * (p.latencyUs / 1e6)) / c;
        return { count: 1, sum: v, min: v * 0.4, max: v * 2 + 1 };
      },
    },
  };
}

/** `/aws/sagemaker/InferenceComponents` utilisation, normalised to what the component reserved (0–100 %). */
export function componentUtilizationGenerators(seedKey: string, level: { cpu: number; mem: number; gpu: number }, load: (t: number) => number): Gens {
  const seed = hashString(seedKey);
  const pct = (base: number, k: number, t: number, swing: number) => one(clamp(100 * (base * (1 - swing + swing * load(t)) + 0.04 * smoothNoise(seed + k, t, 600)), 0, 100));
  return {
    CPUUtilizationNormalized: { unit: 'Percent', gen: (t) => pct(level.cpu, 1, t, 0.5) },
    MemoryUtilizationNormalized: { unit: 'Percent', gen: (t) => pct(level.mem, 2, t, 0.1) },
    GPUUtilizationNormalized: { unit: 'Percent', gen: (t) => pct(level.gpu, 3, t, 0.6) },
    GPUMemoryUtilizationNormalized: { unit: 'Percent', gen: (t) => pct(Math.min(0.95, level.gpu + 0.3), 4, t, 0.05) },
  };
}

/** `/aws/sagemaker/Endpoints` reservation of an IC endpoint's variant: what its components reserved of the instances (%). */
export function reservationGenerators(reserved: (t: number) => { cpu: number; gpu: number; memMb: number }, capacity: { cpu: number; gpu: number; memMb: number }): Gens {
  return {
    CPUReservation: { unit: 'Percent', gen: (t) => one((100 * reserved(t).cpu) / capacity.cpu) },
    GPUReservation: { unit: 'Percent', gen: (t) => one(capacity.gpu ? (100 * reserved(t).gpu) / capacity.gpu : 0) },
    MemoryReservation: { unit: 'Percent', gen: (t) => one((100 * reserved(t).memMb) / capacity.memMb) },
  };
}

// ------------------------------------------------------------------ asynchronous

/** The backlog's story, in epoch seconds: it rises from `rise` to `peak`, the instances are at 0 in [zeroFrom, zeroTo), it drains by `drained`. */
export interface BacklogShape {
  rise: number;
  zeroFrom: number;
  zeroTo: number;
  peak: number;
  drained: number;
  /** queue length at the peak */
  peakSize: number;
}

/** Queue length at t: a trickle outside the story, a linear rise to the peak, an exponential-ish drain. */
export function backlogAt(seed: number, s: BacklogShape, t: number): number {
  const base = 2 + 3 * (1 + smoothNoise(seed, t, 900));
  if (t < s.rise || t >= s.drained) return Math.round(base);
  if (t < s.peak) return Math.round(base + s.peakSize * ((t - s.rise) / (s.peak - s.rise)) * (1 + 0.03 * smoothNoise(seed + 1, t, 120)));
  const f = (t - s.peak) / (s.drained - s.peak);
  return Math.round(base + s.peakSize * (1 - f) * (1 - f));
}

export function asyncInstances(s: BacklogShape, t: number, normal: number): number {
  return t >= s.zeroFrom && t < s.zeroTo ? 0 : normal;
}

/** `AWS/SageMaker` metrics of an asynchronous endpoint: by EndpointName (`endpoint`) and by EndpointName+VariantName (`variant`). */
export function asyncGenerators(seedKey: string, p: TrafficProfile, s: BacklogShape): { endpoint: Gens; variant: Gens } {
  const seed = hashString(seedKey);
  const instances = (t: number) => asyncInstances(s, t, p.instances);
  const backlog = (t: number) => backlogAt(seed, s, t);
  // requests processed in a bucket: none without capacity; at full speed while draining
  const processed = (t: number, res: number): number => {
    if (instances(t) === 0) return 0;
    const draining = t >= s.zeroTo && t < s.drained;
    return requestsIn(seed, p, t, res) * (draining ? 2.5 : 1);
  };
  const waitSec = (t: number) => backlog(t) / Math.max(0.1, trafficRpm(seed, p, t) / 60);
  return {
    endpoint: {
      ApproximateBacklogSize: { unit: 'Count', gen: (t) => one(backlog(t)) },
      ApproximateBacklogSizePerInstance: { unit: 'Count', gen: (t) => one(backlog(t) / Math.max(1, instances(t))) },
      ApproximateAgeOfOldestRequest: { unit: 'Seconds', gen: (t) => one(Math.round(waitSec(t) * (1.2 + 0.1 * rand01(seed, t, 4)))) },
      HasBacklogWithoutCapacity: { unit: 'Count', gen: (t) => one(instances(t) === 0 && backlog(t) > 0 ? 1 : 0) },
    },
    variant: {
      InvocationsProcesssed: {
        unit: 'Count',
        gen: (t, res) => {
          const n = Math.round(processed(t, res));
          return { count: Math.max(1, n), sum: n, min: n ? 1 : 0, max: n ? 1 : 0 };
        },
      },
      InvocationFailures: {
        unit: 'Count',
        gen: (t, res) => {
          const n = Math.round(processed(t, res));
          const e = Math.round(n * 0.004 + (rand01(seed, t, 5) < 0.1 ? 1 : 0));
          return n ? { count: n, sum: Math.min(n, e), min: 0, max: e ? 1 : 0 } : null;
        },
      },
      ExpiredRequests: {
        unit: 'Count',
        gen: (t) => {
          // requests older than the invocation timeout expire while nothing serves the queue
          const e = instances(t) === 0 && backlog(t) > s.peakSize / 3 ? Math.round(2 + 6 * rand01(seed, t, 6)) : 0;
          return one(e);
        },
      },
      TimeInBacklog: {
        unit: 'Milliseconds',
        spread: 0.5,
        gen: (t, res) => {
          const n = Math.round(processed(t, res));
          if (!n) return null;
          const m = 1000 * waitSec(t);
          return { count: n, sum: m * n, min: m * 0.3, max: m * 2 };
        },
      },
      TotalProcessingTime: {
        unit: 'Milliseconds',
        spread: 0.4,
        gen: (t, res) => {
          const n = Math.round(processed(t, res));
          if (!n) return null;
          const m = 1000 * waitSec(t) + p.latencyUs / 1000 + 150;
          return { count: n, sum: m * n, min: m * 0.3, max: m * 2 };
        },
      },
      ModelLatency: {
        unit: 'Microseconds',
        spread: 0.35,
        gen: (t, res) => {
          const n = Math.round(processed(t, res));
          if (!n) return null;
          const m = p.latencyUs * (1 + 0.1 * smoothNoise(seed + 7, t, 600));
          return { count: n, sum: m * n, min: m * 0.5, max: m * 2.5 };
        },
      },
    },
  };
}

// ------------------------------------------------------------------ serverless

/** A cold start in the minute [t, t+60): about one 20-minute window in three, when traffic resumes. */
export function coldStartAt(seed: number, t: number): boolean {
  const w = Math.floor(t / 1200);
  return rand01(seed, w, 31) < 0.35 && Math.floor((t % 1200) / 60) === Math.floor(rand01(seed, w, 32) * 20);
}

export function serverlessGenerators(seedKey: string, p: TrafficProfile, cfg: { maxConcurrency: number; provisioned: number }): Gens {
  const seed = hashString(seedKey);
  const concurrency = (t: number) => ((trafficRpm(seed, p, t) / 60) * (p.latencyUs / 1e6)) * (1 + 0.3 * smoothNoise(seed + 2, t, 300)) + 0.2;
  const cold = (t: number) => coldStartAt(seed, t - (t % 60));
  const out: Gens = {
    OverheadLatency: {
      unit: 'Microseconds',
      spread: 0.5,
      gen: (t, res) => {
        const n = requestsIn(seed, p, t, res);
        if (!n) return null;
        const m = 9000 + 2000 * smoothNoise(seed + 3, t, 900);
        // a cold start: the first requests wait for a new execution environment (seconds)
        if (cold(t)) return { count: n, sum: m * (n - 1) + 6.5e6, min: m * 0.5, max: 6.5e6 + 1.5e6 * rand01(seed, t, 33) };
        return { count: n, sum: m * n, min: m * 0.5, max: m * 3 };
      },
    },
    ModelSetupTime: {
      unit: 'Microseconds',
      gen: (t) => (cold(t) ? one(3.2e6 + 1.6e6 * rand01(seed, t, 34)) : null),
    },
    ServerlessConcurrentExecutionsUtilization: {
      unit: 'None',
      gen: (t) => {
        const u = clamp(concurrency(t) / cfg.maxConcurrency, 0, 1);
        return { count: 1, sum: u, min: u * 0.5, max: clamp(u * 1.8, 0, 1) };
      },
    },
  };
  if (cfg.provisioned > 0) {
    const spill = (t: number, res: number) => (cold(t) || concurrency(t) > cfg.provisioned ? Math.max(1, Math.round(requestsIn(seed, p, t, res) * clamp(1 - cfg.provisioned / concurrency(t), 0.05, 1))) : 0);
    out.ServerlessProvisionedConcurrencyExecutions = { unit: 'Count', gen: (t) => one(Math.min(cfg.provisioned, Math.round(concurrency(t)))) };
    out.ServerlessProvisionedConcurrencyUtilization = { unit: 'None', gen: (t) => one(clamp(concurrency(t) / cfg.provisioned, 0, 1)) };
    out.ServerlessProvisionedConcurrencyInvocations = {
      unit: 'Count',
      gen: (t, res) => {
        const n = Math.max(0, requestsIn(seed, p, t, res) - spill(t, res));
        return { count: Math.max(1, n), sum: n, min: n ? 1 : 0, max: n ? 1 : 0 };
      },
    };
    out.ServerlessProvisionedConcurrencySpilloverInvocations = {
      unit: 'Count',
      gen: (t, res) => {
        const n = spill(t, res);
        return { count: Math.max(1, n), sum: n, min: n ? 1 : 0, max: n ? 1 : 0 };
      },
    };
  }
  return out;
}

// ------------------------------------------------------------------ multi-model

/** A model request misses the cache with this probability at t (more often when traffic shifts to cold models). */
export function cacheMissRate(seed: number, t: number): number {
  return clamp(0.12 + 0.1 * smoothNoise(seed + 5, t, 1800), 0.02, 0.4);
}

/** Models loaded on one instance at t. */
export function loadedModels(seed: number, t: number): number {
  return Math.round(clamp(38 + 10 * smoothNoise(seed + 6, t, 2400) + 3 * smoothNoise(seed + 9, t, 300), 5, 60));
}

export function multiModelGenerators(seedKey: string, p: TrafficProfile): { variant: Gens; instance: Gens } {
  const seed = hashString(seedKey);
  const misses = (t: number, res: number) => Math.round(requestsIn(seed, p, t, res) * cacheMissRate(seed, t));
  // µs per load / download / unload, published once per cache miss
  const perMiss = (base: number, k: number): Generator => (t, res) => {
    const m = misses(t, res);
    if (!m) return null;
    const v = base * (1 + 0.25 * smoothNoise(seed + k, t, 600));
    return { count: m, sum: v * m, min: v * 0.4, max: v * (2 + rand01(seed, t, k)) };
  };
  return {
    variant: {
      ModelCacheHit: {
        unit: 'None',
        gen: (t, res) => {
          const n = requestsIn(seed, p, t, res);
          if (!n) return null;
          const hits = n - misses(t, res);
          return { count: n, sum: hits, min: hits < n ? 0 : 1, max: hits > 0 ? 1 : 0 };
        },
      },
      ModelLoadingWaitTime: { unit: 'Microseconds', spread: 0.5, gen: perMiss(2.1e6, 11) },
      ModelDownloadingTime: { unit: 'Microseconds', spread: 0.4, gen: perMiss(1.4e6, 12) },
      ModelLoadingTime: { unit: 'Microseconds', spread: 0.4, gen: perMiss(6.5e5, 13) },
      ModelUnloadingTime: { unit: 'Microseconds', spread: 0.3, gen: perMiss(1.2e5, 14) },
    },
    instance: {
      // one sample per instance: Average = models per instance, Sum = models on the variant
      LoadedModelCount: {
        unit: 'Count',
        gen: (t) => {
          const per = Array.from({ length: p.instances }, (_, i) => loadedModels(seed + i, t));
          return { count: per.length, sum: per.reduce((a, b) => a + b, 0), min: Math.min(...per), max: Math.max(...per) };
        },
      },
    },
  };
}
