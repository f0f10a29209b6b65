/**
 * The from-logs curves of one job: a series per host and metric, fed line by line, bounded in memory.
 *
 * Bound: at most `maxPointsPerSeries` (10,000) points a series. When a series is full it is decimated: every
 * other point is dropped and from then on only every 2nd (4th, 8th…) point is kept, so the series always spans
 * the whole run at an even density — the start of a training curve matters as much as its end. The newest
 * point is kept apart as `latest`, so the current value is always shown. Memory: O(series × max).
 */
import type { CurvePoint, LineParser, ParseCounters } from './lineParser';

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
  latest: CurvePoint;
}

export interface LogLine {
  readonly host: string;
  readonly timestamp: number;
  readonly message: string;
}

export class LogCurveStore {
  private readonly series = new Map<string, Series>();
  private readonly scratch: CurvePoint[] = [];
  private readonly max: number;

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
    return this.addLines([{ host, timestamp, message }]);
  }

  /** A page of lines; the changes of all of them, one per series. */
  addLines(lines: Iterable<LogLine>): SeriesChange[] {
    const changes = new Map<Series, { appended: CurvePoint[]; replaced: boolean }>();
    for (const l of lines) {
      this.scratch.length = 0;
      this.parser.parse(l.host, l.timestamp, l.message, this.scratch);
      for (const p of this.scratch) {
        const s = this.seriesOf(p);
        const change = changes.get(s) ?? { appended: [], replaced: false };
        changes.set(s, change);
        if (this.add(s, p) === 'decimated') {
          change.replaced = true;
          change.appended.length = 0;
        } else if (!change.replaced && s.points[s.points.length - 1] === p) {
          change.appended.push(p);
        }
      }
    }
    return [...changes].map(([s, c]) => ({
      host: s.host,
      metric: s.metric,
      appended: c.replaced ? [] : c.appended,
      ...(c.replaced ? { replaced: [...s.points] } : {}),
      latest: s.latest,
    }));
  }

  /** Every series, hosts and metrics in the order they first appeared. */
  snapshot(): SeriesView[] {
    return [...this.series.values()].map((s) => ({ host: s.host, metric: s.metric, points: [...s.points], latest: s.latest, stride: s.stride }));
  }

  private seriesOf(p: CurvePoint): Series {
    const key = `${p.host}\u0000${p.metric}`;
    let s = this.series.get(key);
    if (!s) {
      s = { host: p.host, metric: p.metric, points: [], stride: 1, seen: 0, latest: p };
      this.series.set(key, s);
    }
    return s;
  }

  private add(s: Series, p: CurvePoint): 'kept' | 'skipped' | 'decimated' {
    s.latest = p;
    const keep = s.seen % s.stride === 0;
    s.seen++;
    if (!keep) {
      return 'skipped';
    }
    s.points.push(p);
    if (s.points.length <= this.max) {
      return 'kept';
    }
    s.points = s.points.filter((_, i) => i % 2 === 0);
    s.stride *= 2;
    return 'decimated';
  }
}
