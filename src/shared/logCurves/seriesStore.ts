/**
 * The from-logs curves of one job: a series per host and metric, fed line by line, bounded in memory.
 *
 * Bound: at most `maxPointsPerSeries` (10,000) points a series. When a series is full it is decimated: every
 * other point is dropped and from then on only every 2nd (4th, 8th…) point is kept, so the series always spans
 * the whole run at an even density — the start of a training curve matters as much as its end. The newest
 * point is kept apart as `latest`, so the current value is always shown. Memory: O(series × max).
 */
import { curvePoint, type CurvePoint, type LineParser, type ParseCounters, type PointSink } from './lineParser';

export const MAX_POINTS_PER_SERIES = 10_000;
/** Up to this many series, a point's series is found by scanning them all (a few hosts × a metric or two); beyond, by the maps. */
const SCAN = 8;

export interface SeriesView {
  readonly host: string;
  readonly metric: string;
  readonly points: readonly CurvePoint[];
  readonly latest: CurvePoint;
  /** 1, then 2, 4…: how many arriving points each kept point stands for. */
  readonly stride: number;
}

/** What one call changed in one series: points to append, or (after a decimation) the whole series anew. */
export interface SeriesChange {
  readonly host: string;
  readonly metric: string;
  readonly appended: readonly CurvePoint[];
  /** Set when the series was decimated: replace it with these points (`appended` is then empty). */
  readonly replaced?: readonly CurvePoint[];
  readonly latest: CurvePoint;
}

/**
 * The points a series keeps, oldest first, as columns: no object per point until one is asked for (most points of a
 * long backfill are dropped again by a later decimation, and nobody may be looking). Grows by doubling, up to the bound.
 */
class Columns {
  n = 0;
  private time: Float64Array;
  private value: Float64Array;
  /** Allocated with the first point that has one; NaN where a point has none. */
  private step: Float64Array | undefined;
  private epoch: Float64Array | undefined;

  constructor(private readonly max: number) {
    const capacity = Math.min(64, max);
    this.time = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
  }

  push(time: number, value: number, step: number | undefined, epoch: number | undefined): void {
    if (this.n === this.time.length) {
      const capacity = Math.min(this.max, this.n * 2);
      this.time = grown(this.time, capacity);
      this.value = grown(this.value, capacity);
      this.step = this.step && grown(this.step, capacity);
      this.epoch = this.epoch && grown(this.epoch, capacity);
    }
    const i = this.n++;
    this.time[i] = time;
    this.value[i] = value;
    if (step !== undefined || this.step) {
      (this.step ??= new Float64Array(this.time.length).fill(NaN))[i] = step ?? NaN;
    }
    if (epoch !== undefined || this.epoch) {
      (this.epoch ??= new Float64Array(this.time.length).fill(NaN))[i] = epoch ?? NaN;
    }
  }

  /** Keeps every other point (the 1st, 3rd…), in place. */
  halve(): void {
    const columns = [this.time, this.value, this.step, this.epoch];
    let j = 0;
    for (let i = 0; i < this.n; i += 2, j++) {
      for (const c of columns) {
        if (c) c[j] = c[i];
      }
    }
    this.n = j;
  }

  /** Points `from` to the end as objects. */
  points(metric: string, host: string, from = 0): CurvePoint[] {
    const out: CurvePoint[] = [];
    for (let i = from; i < this.n; i++) {
      out.push(curvePoint(metric, this.value[i], this.time[i], host, this.step?.[i], this.epoch?.[i]));
    }
    return out;
  }
}

function grown(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

interface Series {
  readonly host: string;
  readonly metric: string;
  readonly kept: Columns;
  stride: number;
  seen: number;
  /** The newest point: an object once asked for (most points are neither kept nor asked for). */
  latest: CurvePoint | undefined;
  lastValue: number;
  lastTime: number;
  lastStep: number | undefined;
  lastEpoch: number | undefined;
  /** The batch that last changed it, where its points of that batch start, and whether it was decimated in it. */
  batch: number;
  from: number;
  replaced: boolean;
}

export interface LogLine {
  readonly host: string;
  readonly timestamp: number;
  readonly message: string;
}

/**
 * A batch of lines: `line()` for each (nothing allocated per line but its points), then `end()` for the changes of
 * all of them, one per series. One batch at a time.
 */
export interface LineBatch {
  line(host: string, timestamp: number, message: string): void;
  end(): SeriesChange[];
}

export class LogCurveStore {
  /** host → metric → series (no key string built per point), and every series in the order it first appeared. */
  private readonly byHost = new Map<string, Map<string, Series>>();
  private readonly order: Series[] = [];
  /** Takes each point as the parser finds it. */
  private readonly sink: PointSink = {
    push: (p: CurvePoint) => this.point(p.metric, p.value, p.time, p.host, p.step, p.epoch),
    value: (metric, value, time, host, step, epoch) => this.point(metric, value, time, host, step, epoch),
  };
  private readonly max: number;
  private batchNo = 0;
  private touched: Series[] = [];
  private collect = true;
  private readonly batch: LineBatch = {
    line: (host, timestamp, message) => this.line(host, timestamp, message),
    end: () => this.endBatch(),
  };

  constructor(
    private readonly parser: LineParser,
    options: { readonly maxPointsPerSeries?: number } = {},
  ) {
    this.max = Math.max(2, options.maxPointsPerSeries ?? MAX_POINTS_PER_SERIES);
  }

  get counters(): Readonly<ParseCounters> {
    return this.parser.counters;
  }

  /** One line; the series it changed (none for most lines). */
  addLine(host: string, timestamp: number, message: string): SeriesChange[] {
    const b = this.begin();
    b.line(host, timestamp, message);
    return b.end();
  }

  /** A page of lines; the changes of all of them, one per series (none without `collect`). */
  addLines(lines: Iterable<LogLine>, collect = true): SeriesChange[] {
    const b = this.begin(collect);
    for (const l of lines) {
      b.line(l.host, l.timestamp, l.message);
    }
    return b.end();
  }

  /** Starts a batch of lines (see LineBatch); `collect: false` when nobody wants the changes (`end()` gives none). */
  begin(collect = true): LineBatch {
    this.batchNo++;
    this.touched = [];
    this.collect = collect;
    return this.batch;
  }

  /** Every series, hosts and metrics in the order they first appeared. */
  snapshot(): SeriesView[] {
    return this.order.map((s) => ({ host: s.host, metric: s.metric, points: s.kept.points(s.metric, s.host), latest: latestOf(s), stride: s.stride }));
  }

  private line(host: string, timestamp: number, message: string): void {
    this.parser.parse(host, timestamp, message, this.sink);
  }

  private point(metric: string, value: number, time: number, host: string, step: number | undefined, epoch: number | undefined): void {
    const s = this.seriesOf(host, metric);
    if (s.batch !== this.batchNo) {
      s.batch = this.batchNo;
      s.from = s.kept.n;
      s.replaced = false;
      this.touched.push(s);
    }
    s.latest = undefined;
    s.lastValue = value;
    s.lastTime = time;
    s.lastStep = step;
    s.lastEpoch = epoch;
    const keep = s.seen % s.stride === 0;
    s.seen++;
    if (!keep) {
      return;
    }
    s.kept.push(time, value, step, epoch);
    if (s.kept.n > this.max) {
      s.kept.halve();
      s.stride *= 2;
      s.replaced = true;
    }
  }

  private endBatch(): SeriesChange[] {
    const changes: SeriesChange[] = [];
    if (this.collect) {
      for (const s of this.touched) {
        const all = s.replaced ? s.kept.points(s.metric, s.host) : undefined;
        changes.push({ host: s.host, metric: s.metric, appended: all ? [] : s.kept.points(s.metric, s.host, s.from), ...(all ? { replaced: all } : {}), latest: latestOf(s) });
      }
    }
    this.touched = [];
    this.batchNo++;
    return changes;
  }

  private seriesOf(host: string, metric: string): Series {
    // A job's host and metric are the same strings line after line: a scan of a few series beats two map look-ups.
    const order = this.order;
    if (order.length <= SCAN) {
      for (let i = 0; i < order.length; i++) {
        const r = order[i];
        if (r.host === host && r.metric === metric) {
          return r;
        }
      }
    }
    let metrics = this.byHost.get(host);
    if (!metrics) {
      metrics = new Map();
      this.byHost.set(host, metrics);
    }
    let s = metrics.get(metric);
    if (!s) {
      s = { host, metric, kept: new Columns(this.max + 1), stride: 1, seen: 0, latest: undefined, lastValue: 0, lastTime: 0, lastStep: undefined, lastEpoch: undefined, batch: 0, from: 0, replaced: false };
      metrics.set(metric, s);
      this.order.push(s);
    }
    return s;
  }
}

/** A series' newest point, made once when first asked for. */
function latestOf(s: Series): CurvePoint {
  s.latest ??= curvePoint(s.metric, s.lastValue, s.lastTime, s.host, s.lastStep, s.lastEpoch);
  return s.latest;
}
