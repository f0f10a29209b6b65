/**
 * A training job panel's "from logs" curves: the job's curve feed (shared with a tail of the job), the reads it
 * needs, and the messages to the page. A tail of the whole job already feeding: its lines are not asked for
 * again; only what it did not cover (lines older than its backfill) is read, once. No tail: the job's log is read
 * once from the start, then followed while the job runs — at the idle pace while the panel is hidden — until a tail
 * of the job starts: the panel's reader reads what is there, stops, and the tail's lines go on from there (see
 * JobCurveFeeds.readerFollowing); when that tail stops, the panel follows again from where it got to. Changes reach
 * the page in batches every 100 ms.
 */
import type { FeedRef, JobCurveFeeds } from '../shared/logCurves/feeds';
import type { CurvePoint } from '../shared/logCurves/lineParser';
import type { SeriesChange } from '../shared/logCurves/seriesStore';
import { JobLinesControl, type JobLineReader, type JobLinesRequest } from '../shared/logs/jobLines';
import type { LogEvent } from '../shared/logs/source';
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
  /** The panel's own following read, while it runs (until it ends, is handed over, or the panel closes). */
  private own: { readonly control: JobLinesControl; readonly abort: AbortController; readonly stopped: () => void; handingOver: boolean } | undefined;
  /** The job's log was read to its end (the job ended): nothing more to follow. */
  private ended = false;
  private visible = true;
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

  /** The panel hidden or shown: its own reader slows to the idle pace while hidden, and catches up once shown. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.own?.control.setInSight(visible);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.abort.abort();
    this.own?.abort.abort();
    // A tail holding its lines back for the reader feeds on (the feed may outlive the panel).
    this.own?.stopped();
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

  /** Reads what no tail covers, or follows the job itself when no tail does; hands over when a tail starts. */
  private ensureReading(): void {
    const feed = this.ref.feed;
    if (feed.failed !== undefined) {
      return;
    }
    if (this.own) {
      this.handOver();
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
          void this.readOlder({ trainingJobName: this.trainingJobName, startTime: this.job.start, endTime: coverage, follow: false });
        }
      }
      this.sendStatus();
      return;
    }
    // No tail feeds (none ran, or it stopped): read the job's lines from the start, or from where the feed is.
    if (this.ended || (this.historyRead && !this.job.running)) {
      return;
    }
    this.historyRead = true;
    const from = feed.resumeFrom() ?? this.job.start;
    this.reading = 'reading';
    this.sendStatus();
    void this.follow({ trainingJobName: this.trainingJobName, startTime: from, follow: this.job.running });
  }

  /**
   * A tail of the job feeds now while the panel's own reader runs: once the tail has read its backfill, the reader
   * stops — at once when the tail read the whole log (it has every line), else after reading what is there now,
   * so that the lines between where the reader got to and where the tail began are read too. Until then the
   * tail's lines wait (JobCurveFeeds.readerFollowing).
   */
  private handOver(): void {
    const own = this.own;
    const coverage = this.ref.feed.tailCoverage;
    if (!own || this.ref.feed.tailCount === 0 || coverage === undefined) {
      return;
    }
    own.handingOver = true;
    if (coverage === 'all') {
      own.abort.abort();
    } else {
      own.control.finish();
    }
  }

  /** The panel's own following read; once it stops, whoever comes next (a tail, or the panel again) goes on. */
  private async follow(request: JobLinesRequest): Promise<void> {
    const own = { control: new JobLinesControl(), abort: new AbortController(), stopped: this.deps.feeds.readerFollowing(this.trainingJobName), handingOver: false };
    own.control.setInSight(this.visible);
    this.own = own;
    const signal = own.abort.signal;
    let failed = false;
    try {
      const onEvents = (events: readonly LogEvent[]) => {
        if (!this.disposed && this.own === own) {
          this.ref.feed.add(events);
        }
      };
      await this.deps.read(request, signal, onEvents, () => this.onFollowing(), own.control);
    } catch (e) {
      failed = !signal.aborted;
      if (failed) {
        this.deps.warn(`From-logs curves of ${this.trainingJobName}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.own = undefined;
    own.stopped();
    if (this.disposed) {
      return;
    }
    if (!own.handingOver || (!this.job.running && this.ref.feed.tailCount === 0)) {
      // Read to the end (the job ended, or never ran), or failed for good (said so): nothing more to follow.
      this.ended = true;
      if (!failed) {
        this.reading = 'done';
        this.sendStatus();
      }
      return;
    }
    this.ensureReading();
  }

  /** A one-off read of the older lines a tail did not cover (kept: no reader gave them). */
  private async readOlder(request: JobLinesRequest): Promise<void> {
    const feed = this.ref.feed;
    try {
      await this.deps.read(request, this.abort.signal, (events) => feed.add(events, 'keep'));
    } catch (e) {
      if (!this.abort.signal.aborted) {
        this.deps.warn(`From-logs curves of ${this.trainingJobName}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private onFollowing(): void {
    if (this.reading === 'reading') {
      this.reading = 'following';
      this.sendStatus();
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
