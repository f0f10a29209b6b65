/**
 * A training job panel's "from logs" curves: the job's curve feed (shared with a tail of the job), the reads it
 * needs, and the messages to the page. A tail of the whole job already feeding: its lines are not asked for
 * again; only what it did not cover (lines older than its backfill) is read, once. No tail: the job's log is read
 * once from the start, then followed while the job runs. Changes reach the page in batches every 100 ms.
 */
import type { FeedRef, JobCurveFeeds } from '../shared/logCurves/feeds';
import type { CurvePoint } from '../shared/logCurves/lineParser';
import type { SeriesChange } from '../shared/logCurves/seriesStore';
import type { JobLineReader, JobLinesRequest } from '../shared/logs/jobLines';
import type { CurvePointData, CurveSeriesData, CurvesMessage, CurvesShownMessage } from '../shared/metrics/curvesProtocol';

const FLUSH_MS = 100;

export interface PanelCurvesDeps {
  readonly feeds: JobCurveFeeds;
  readonly read: JobLineReader;
  readonly post: (message: CurvesMessage) => void;
  readonly warn: (text: string) => void;
}

/** Where the panel's lines come from. */
export type CurvesReading = 'waiting' | 'reading' | 'following' | 'tail' | 'done' | 'failed';

const toData = (p: CurvePoint): CurvePointData => ({ t: p.time, v: p.value, ...(p.step !== undefined ? { s: p.step } : {}), ...(p.epoch !== undefined ? { e: p.epoch } : {}) });

export class PanelCurves {
  private readonly ref: FeedRef;
  private readonly abort = new AbortController();
  private readonly unsubscribe: (() => void)[] = [];
  private pending = new Map<string, { host: string; metric: string; replace: boolean; points: CurvePointData[] }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sentFirst = false;
  private historyRead = false;
  private ownReader = false;
  private disposed = false;
  /** Where the lines come from now (tests and the page's note). */
  reading: CurvesReading = 'waiting';
  /** What the page last said it draws. */
  shown: Omit<CurvesShownMessage, 'type'> | undefined;

  constructor(
    readonly trainingJobName: string,
    private readonly job: { readonly start: number; readonly running: boolean },
    private readonly deps: PanelCurvesDeps,
  ) {
    this.ref = deps.feeds.acquire(trainingJobName);
    const feed = this.ref.feed;
    this.unsubscribe.push(feed.onChange((changes) => this.queue(changes)));
    this.unsubscribe.push(feed.onStateChange(() => this.onFeedState()));
    this.onFeedState();
  }

  get feed() {
    return this.ref.feed;
  }

  /** The page was (re)loaded: it gets every series anew. */
  resend(): void {
    this.sentFirst = false;
    this.pending.clear();
    this.sendAll();
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.abort.abort();
    clearTimeout(this.timer);
    this.unsubscribe.forEach((u) => u());
    this.ref.release();
  }

  private onFeedState(): void {
    if (this.disposed) {
      return;
    }
    const feed = this.ref.feed;
    if (feed.failed !== undefined) {
      this.reading = 'failed';
    }
    if (feed.ready && !this.sentFirst) {
      this.sendAll();
    }
    this.ensureReading();
  }

  /** Reads what no tail covers, or follows the job itself when no tail does. */
  private ensureReading(): void {
    const feed = this.ref.feed;
    if (feed.failed !== undefined || this.ownReader) {
      return;
    }
    if (feed.tailCount > 0) {
      const coverage = feed.tailCoverage;
      if (coverage === undefined) {
        return;
      }
      this.reading = 'tail';
      if (!this.historyRead) {
        this.historyRead = true;
        if (coverage !== 'all' && coverage > this.job.start) {
          // Lines older than the tail's backfill: read once, up to where the tail's begin.
          void this.read({ trainingJobName: this.trainingJobName, startTime: this.job.start, endTime: coverage, follow: false }, 'keep', 'tail');
        }
      }
      this.sendStatus();
      return;
    }
    // No tail feeds (none ran, or it stopped): read the job's lines from the start, or from where the feed is.
    if (this.historyRead && !this.job.running) {
      return;
    }
    this.ownReader = true;
    this.historyRead = true;
    const from = feed.resumeFrom() ?? this.job.start;
    this.reading = 'reading';
    this.sendStatus();
    void this.read({ trainingJobName: this.trainingJobName, startTime: from, follow: this.job.running }, 'drop', 'done');
  }

  private async read(request: JobLinesRequest, repeats: 'drop' | 'keep', after: CurvesReading): Promise<void> {
    const feed = this.ref.feed;
    try {
      await this.deps.read(
        request,
        this.abort.signal,
        (events) => feed.add(events, repeats),
        () => {
          if (this.reading === 'reading') {
            this.reading = 'following';
            this.sendStatus();
          }
        },
      );
      if (!this.disposed && (this.reading === 'reading' || this.reading === 'following')) {
        this.reading = after;
        this.sendStatus();
      }
    } catch (e) {
      if (!this.abort.signal.aborted) {
        this.deps.warn(`From-logs curves of ${this.trainingJobName}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private queue(changes: readonly SeriesChange[]): void {
    if (this.disposed || !this.sentFirst) {
      return;
    }
    for (const c of changes) {
      const key = `${c.host}\u0000${c.metric}`;
      if (c.replaced) {
        this.pending.set(key, { host: c.host, metric: c.metric, replace: true, points: c.replaced.map(toData) });
        continue;
      }
      const entry = this.pending.get(key) ?? { host: c.host, metric: c.metric, replace: false, points: [] };
      for (const p of c.appended) {
        entry.points.push(toData(p));
      }
      this.pending.set(key, entry);
    }
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.disposed || this.pending.size === 0) {
      return;
    }
    const series: CurveSeriesData[] = [...this.pending.values()];
    this.pending = new Map();
    this.deps.post(this.message(false, series));
  }

  private sendAll(): void {
    const feed = this.ref.feed;
    if (!feed.ready && feed.failed === undefined) {
      return;
    }
    this.sentFirst = true;
    const series = feed.snapshot().map((s): CurveSeriesData => ({ host: s.host, metric: s.metric, replace: true, points: s.points.map(toData) }));
    this.deps.post(this.message(true, series));
  }

  private sendStatus(): void {
    if (this.sentFirst) {
      this.deps.post(this.message(false, []));
    }
  }

  private message(reset: boolean, series: readonly CurveSeriesData[]): CurvesMessage {
    const feed = this.ref.feed;
    const { lines, points } = feed.counters;
    const failed = feed.failed;
    return {
      type: 'curves',
      reset,
      ...(feed.source ? { source: feed.source } : {}),
      problems: failed !== undefined ? [`No curves from the logs: ${failed}`] : feed.problems,
      reading: READING_TEXT[this.reading],
      lines,
      points,
      series,
    };
  }
}

const READING_TEXT: Record<CurvesReading, string> = {
  waiting: 'Waiting for the running tail\'s first lines.',
  reading: 'Reading the job\'s logs…',
  following: 'Following the job\'s logs.',
  tail: 'From the running tail of this job (no extra requests).',
  done: 'Read the job\'s logs.',
  failed: 'No curves from the logs.',
};
