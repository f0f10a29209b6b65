/**
 * The job curve feeds of the window, one per training job while a tail of the whole job or a metrics panel holds
 * it; released (points and all) when the last lets go. A tail feeds the lines it reads (one pass: a panel opened
 * while it runs asks for none of them again); a panel reads only what no tail covers. A tail that starts while a
 * panel follows the job itself takes over from the panel's reader (`readerFollowing`).
 */
import type { LogEvent } from '../logs/source';
import { JobCurveFeed, type TailCoverage } from './jobCurveFeed';
import { jobLineParser, type JobLineParser } from './lineParser';
import { readLogPatterns } from './logPatterns';

export interface FeedRef {
  readonly feed: JobCurveFeed;
  release(): void;
}

/** How a tail reads before following: from a time, or the last N lines. */
export interface TailBackfill {
  readonly startTime?: number;
  readonly backfillLines: number;
  /** When the tail started (service time): with no backfill, what it covers. */
  readonly startedAt: number;
}

/** The updates of a tail that matter to its feed (the engine's TailUpdate, structurally). */
export type TailTapUpdate =
  | { readonly kind: 'events'; readonly events: readonly LogEvent[] }
  | { readonly kind: 'filter'; readonly filterPattern: string | undefined }
  | { readonly kind: string };

export interface TailTap {
  update(u: TailTapUpdate): void;
  /** The tail ended or stopped. */
  detach(): void;
}

/** Updates of the follow phase: the backfill (one events update, or none) is over when one comes. */
const AFTER_BACKFILL = new Set(['status', 'mode', 'ended', 'filter', 'pace']);

/**
 * What a tail covers once its backfill is read: from its start time; the last N lines — all of the job's when
 * fewer came, else from the oldest of them; none (N = 0), from when it started.
 */
export function tailCoverage(how: TailBackfill, backfill: readonly LogEvent[] | undefined): TailCoverage {
  if (how.startTime !== undefined) {
    return how.startTime;
  }
  if (how.backfillLines <= 0) {
    return how.startedAt;
  }
  const n = backfill?.length ?? 0;
  if (n < how.backfillLines) {
    return 'all';
  }
  let oldest = Infinity;
  for (const e of backfill ?? []) {
    oldest = Math.min(oldest, e.timestamp);
  }
  return oldest;
}

/** A job's parser from its MetricDefinitions, else the `logPatterns` setting (whose problems then count too). */
export function curveParserOf(metricDefinitions: readonly { readonly name: string; readonly regex: string }[], logPatternsSetting: unknown): JobLineParser {
  const patterns = readLogPatterns(logPatternsSetting);
  const p = jobLineParser(metricDefinitions, patterns.patterns);
  return p.source === 'logPatterns' ? { ...p, problems: [...p.problems, ...patterns.problems] } : p;
}

export class JobCurveFeeds {
  private readonly feeds = new Map<string, { feed: JobCurveFeed; refs: number }>();
  /** Per job: readers of the job's own that follow it now, and what the taps held back meanwhile let go of. */
  private readonly readers = new Map<string, { count: number; held: Set<() => void> }>();

  constructor(
    /** The job's parser: its MetricDefinitions (DescribeTrainingJob) or the log patterns setting. */
    private readonly parserFor: (trainingJobName: string) => Promise<JobLineParser>,
    private readonly options: { readonly maxPointsPerSeries?: number } = {},
  ) {}

  /** The feed of a job if anyone holds it. */
  peek(trainingJobName: string): JobCurveFeed | undefined {
    return this.feeds.get(trainingJobName)?.feed;
  }

  acquire(trainingJobName: string): FeedRef {
    let entry = this.feeds.get(trainingJobName);
    if (!entry) {
      const feed = new JobCurveFeed(trainingJobName, this.options.maxPointsPerSeries);
      entry = { feed, refs: 0 };
      this.feeds.set(trainingJobName, entry);
      this.parserFor(trainingJobName).then(
        (p) => feed.setParser(p),
        (e: unknown) => feed.fail(e instanceof Error ? e.message : String(e)),
      );
    }
    entry.refs++;
    const held = entry;
    let released = false;
    return {
      feed: held.feed,
      release: () => {
        if (released) {
          return;
        }
        released = true;
        if (--held.refs === 0 && this.feeds.get(trainingJobName) === held) {
          this.feeds.delete(trainingJobName);
        }
      },
    };
  }

  /**
   * A reader of the job's own follows it (a panel that no tail feeds). A tail that attaches meanwhile holds its
   * lines back until every such reader has handed over — read every line there was, then stopped — and they go in
   * after the reader's: whether the tail started from earlier than the reader got to (the feed drops what it has)
   * or from later (the reader read the lines in between), no line is lost or doubled. The function returned: the
   * reader stopped, its last lines are in (once; later calls do nothing).
   */
  readerFollowing(trainingJobName: string): () => void {
    let entry = this.readers.get(trainingJobName);
    if (!entry) {
      entry = { count: 0, held: new Set() };
      this.readers.set(trainingJobName, entry);
    }
    entry.count++;
    const held = entry;
    let stopped = false;
    return () => {
      if (stopped) {
        return;
      }
      stopped = true;
      if (--held.count === 0) {
        if (this.readers.get(trainingJobName) === held) {
          this.readers.delete(trainingJobName);
        }
        held.held.forEach((letGo) => letGo());
      }
    };
  }

  /** A tail of the whole job (no host, no filter pattern): its lines feed the job's curves. */
  attachTail(trainingJobName: string, how: TailBackfill): TailTap {
    const ref = this.acquire(trainingJobName);
    const feed = ref.feed;
    const tap = {};
    let decided = false;
    let backfill: readonly LogEvent[] | undefined;
    let detached = false;
    // While a reader of the job's own hands over: the tail's lines, in order, until it has.
    let queue: (readonly LogEvent[])[] | undefined;
    const give = (events: readonly LogEvent[]) => (queue ? queue.push(events) : feed.add(events));
    const readers = this.readers.get(trainingJobName);
    if (readers) {
      queue = [];
      readers.held.add(() => {
        const lines = queue ?? [];
        queue = undefined;
        lines.forEach((events) => feed.add(events));
        if (detached) {
          ref.release();
        }
      });
    }
    const detach = () => {
      if (!detached) {
        detached = true;
        feed.removeTail(tap);
        if (!queue) {
          ref.release();
        }
      }
    };
    feed.setTail(tap, undefined);
    return {
      update(u) {
        if (detached) {
          return;
        }
        if (u.kind === 'filter' && 'filterPattern' in u && u.filterPattern) {
          // From now on it reads only what matches: no longer every line.
          detach();
          return;
        }
        if (!decided && (u.kind === 'events' || AFTER_BACKFILL.has(u.kind))) {
          decided = true;
          backfill = u.kind === 'events' && 'events' in u ? u.events : undefined;
          give(backfill ?? []);
          feed.setTail(tap, tailCoverage(how, backfill));
          return;
        }
        if (u.kind === 'events' && 'events' in u) {
          give(u.events);
        }
      },
      detach,
    };
  }
}
