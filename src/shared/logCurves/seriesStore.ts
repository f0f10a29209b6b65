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

interface Series {
  readonly host: string;
  readonly metric: string;
  points: CurvePoint[];
  stride: number;
  seen: number;
  /** The newest point: an object once asked for (most points are neither kept nor asked for). */
  latest: CurvePoint | undefined;
  lastValue: number;
  lastTime: number;
  lastStep: number | undefined;
  lastEpoch: number | undefined;
  /** The batch that last changed it, and what that batch changed (appended points, or replaced). */
  batch: number;
  appended: CurvePoint[];
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

  /** A page of lines; the changes of all of them, one per series. */
  addLines(lines: Iterable<LogLine>): SeriesChange[] {
    const b = this.begin();
    for (const l of lines) {
      b.line(l.host, l.timestamp, l.message);
    }
    return b.end();
  }

  /** Starts a batch of lines (see LineBatch). */
  begin(): LineBatch {
    this.batchNo++;
    this.touched = [];
    return this.batch;
  }

  /** Every series, hosts and metrics in the order they first appeared. */
  snapshot(): SeriesView[] {
    return this.order.map((s) => ({ host: s.host, metric: s.metric, points: [...s.points], latest: latestOf(s), stride: s.stride }));
  }

  private line(host: string, timestamp: number, message: string): void {
    this.parser.parse(host, timestamp, message, this.sink);
  }

  private point(metric: string, value: number, time: number, host: string, step: number | undefined, epoch: number | undefined): void {
    const s = this.seriesOf(host, metric);
    if (s.batch !== this.batchNo) {
      s.batch = this.batchNo;
      s.appended = [];
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
    const p = latestOf(s);
    s.points.push(p);
    if (s.points.length > this.max) {
      s.points = s.points.filter((_, i) => i % 2 === 0);
      s.stride *= 2;
      s.replaced = true;
      s.appended.length = 0;
    } else if (!s.replaced) {
      s.appended.push(p);
    }
  }

  private endBatch(): SeriesChange[] {
    const changes = this.touched.map((s): SeriesChange => ({
      host: s.host,
      metric: s.metric,
      appended: s.replaced ? [] : s.appended,
      ...(s.replaced ? { replaced: [...s.points] } : {}),
      latest: latestOf(s),
    }));
    for (const s of this.touched) {
      s.appended = [];
    }
    this.touched = [];
    this.batchNo++;
    return changes;
  }

  private seriesOf(host: string, metric: string): Series {
    let metrics = this.byHost.get(host);
    if (!metrics) {
      metrics = new Map();
      this.byHost.set(host, metrics);
    }
    let s = metrics.get(metric);
    if (!s) {
      s = { host, metric, points: [], stride: 1, seen: 0, latest: undefined, lastValue: 0, lastTime: 0, lastStep: undefined, lastEpoch: undefined, batch: 0, appended: [], replaced: false };
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
