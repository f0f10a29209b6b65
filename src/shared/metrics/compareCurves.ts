/**
 * The compare panel's "from logs" curves (no VS Code, no DOM): each compared job's series read from its log lines
 * (its MetricDefinitions, else the log patterns), as the training panel's feed sends them; one chart per metric,
 * one line per job, aligned by minutes since the job's start or by the step / epoch its lines carry.
 *
 * One line per job, not per host: the job's first host that logged the metric (algo-1 nearly always). In
 * data-parallel training every host logs the same loss (or only rank 0 logs), so one host is the job's curve;
 * a line per host would multiply the lines by the hosts and break "one colour, one job"; an average across hosts
 * would mix points of different times and steps into values no host logged. The CSV keeps every host.
 */
import type { CurvePointData, CurvesMessage } from './curvesProtocol';

/** The compare panel's x axis: minutes since each job's start, or the step / epoch of the lines (from logs only). */
export type CompareXAxis = 'time' | 'step' | 'epoch';

export interface AlignedPoint {
  readonly x: number;
  readonly y: number;
}

/** Inserts a point in time order (appending when it is the newest, as nearly always). */
export function insertByTime(points: CurvePointData[], p: CurvePointData): void {
  if (points.length === 0 || points[points.length - 1].t <= p.t) {
    points.push(p);
    return;
  }
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t <= p.t) lo = mid + 1;
    else hi = mid;
  }
  points.splice(lo, 0, p);
}

/** `algo-2` → 2 (hosts sort by number, then by name). */
function hostOrder(a: string, b: string): number {
  const n = (h: string) => Number(/(\d+)$/.exec(h)?.[1] ?? Infinity);
  return n(a) - n(b) || a.localeCompare(b);
}

/** The host whose points are the job's line: algo-1, else the first by number that has points. */
export function jobHost(byHost: ReadonlyMap<string, readonly CurvePointData[]>): string | undefined {
  return [...byHost.keys()].filter((h) => (byHost.get(h)?.length ?? 0) > 0).sort(hostOrder)[0];
}

/** Where a job's lines stand (the host's words), for the page's per-job note. */
export interface JobCurvesStatus {
  readonly reading: string;
  readonly lines: number;
  readonly points: number;
  readonly source?: CurvesMessage['source'];
  readonly problems: readonly string[];
}

/** The points of a job's curve on the chosen axis: minutes since `start` (points before it left out), or step / epoch (points without one left out). */
export function alignCurve(points: readonly CurvePointData[], axis: CompareXAxis, start: number | undefined): AlignedPoint[] {
  const out: AlignedPoint[] = [];
  for (const p of points) {
    if (axis === 'time') {
      if (start !== undefined && p.t >= start - 60_000) {
        out.push({ x: Math.max(0, (p.t - start) / 60_000), y: p.v });
      }
    } else {
      const x = axis === 'step' ? p.s : p.e;
      if (x !== undefined) {
        out.push({ x, y: p.v });
      }
    }
  }
  if (axis !== 'time') {
    // A restarted host logs its steps again: sorted by x (stable: lines of one step keep their time order).
    out.sort((a, b) => a.x - b.x);
  }
  return out;
}

/** The from-logs series of every compared job, as the host's curve messages build them. */
export class CompareCurveStore {
  /** job index → metric → host → points in time order. */
  private readonly jobs = new Map<number, Map<string, Map<string, CurvePointData[]>>>();
  private readonly statuses = new Map<number, JobCurvesStatus>();
  /** Metrics in the order first seen (the charts' order). */
  private readonly order: string[] = [];

  apply(job: number, m: CurvesMessage): void {
    let metrics = this.jobs.get(job);
    if (!metrics || m.reset) {
      metrics = new Map();
      this.jobs.set(job, metrics);
    }
    for (const s of m.series) {
      if (!this.order.includes(s.metric)) {
        this.order.push(s.metric);
      }
      const byHost = metrics.get(s.metric) ?? new Map<string, CurvePointData[]>();
      metrics.set(s.metric, byHost);
      if (s.replace) {
        byHost.set(s.host, [...s.points].sort((a, b) => a.t - b.t));
      } else {
        const points = byHost.get(s.host) ?? [];
        byHost.set(s.host, points);
        s.points.forEach((p) => insertByTime(points, p));
      }
    }
    this.statuses.set(job, { reading: m.reading, lines: m.lines, points: m.points, ...(m.source ? { source: m.source } : {}), problems: m.problems });
  }

  /** Forgets every job (the jobs changed). */
  clear(): void {
    this.jobs.clear();
    this.statuses.clear();
    this.order.length = 0;
  }

  /** The metrics of every job's lines, first seen first, that have points. */
  metrics(): string[] {
    return this.order.filter((metric) => [...this.jobs.values()].some((m) => [...(m.get(metric)?.values() ?? [])].some((p) => p.length > 0)));
  }

  status(job: number): JobCurvesStatus | undefined {
    return this.statuses.get(job);
  }

  /** Hosts of a job that logged a metric. */
  hosts(job: number, metric: string): string[] {
    const byHost = this.jobs.get(job)?.get(metric);
    return byHost ? [...byHost.keys()].filter((h) => (byHost.get(h)?.length ?? 0) > 0).sort(hostOrder) : [];
  }

  /** The job's curve of a metric: its first host's points (see the header), and how many hosts logged it. */
  curve(job: number, metric: string): { host: string; hostCount: number; points: readonly CurvePointData[] } | undefined {
    const byHost = this.jobs.get(job)?.get(metric);
    const host = byHost ? jobHost(byHost) : undefined;
    return byHost && host !== undefined ? { host, hostCount: this.hosts(job, metric).length, points: byHost.get(host) ?? [] } : undefined;
  }

  /** Every series: job, metric, host, points (the CSV). */
  *all(): Generator<{ job: number; metric: string; host: string; points: readonly CurvePointData[] }> {
    for (const metric of this.order) {
      for (const [job, metrics] of [...this.jobs].sort((a, b) => a[0] - b[0])) {
        for (const host of this.hosts(job, metric)) {
          yield { job, metric, host, points: metrics.get(metric)?.get(host) ?? [] };
        }
      }
    }
  }

  /** The x axes the lines allow: time always; step / epoch when some point of some job carries one. */
  axes(): CompareXAxis[] {
    let step = false;
    let epoch = false;
    for (const metrics of this.jobs.values()) {
      for (const byHost of metrics.values()) {
        for (const points of byHost.values()) {
          step ||= points.some((p) => p.s !== undefined);
          epoch ||= points.some((p) => p.e !== undefined);
        }
      }
    }
    return ['time', ...(step ? (['step'] as const) : []), ...(epoch ? (['epoch'] as const) : [])];
  }
}
