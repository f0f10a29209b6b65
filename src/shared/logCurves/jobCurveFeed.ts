/**
 * The from-logs curves of one training job while someone needs them: one LogCurveStore fed by whoever reads the
 * job's lines (a running tail of the whole job, or the metrics panel's own read), listeners for what changed,
 * and how much of the job's log the feeding tails cover, so that a panel opened later reads only the rest.
 */
import type { LogEvent } from '../logs/source';
import { parseTrainingStream } from '../names';
import type { JobLineParser } from './lineParser';
import { LogCurveStore, type LogLine, type SeriesChange, type SeriesView } from './seriesStore';

/** What a tail handed out: every line from this time on (epoch ms), or every line of the job ('all'). */
export type TailCoverage = number | 'all';

interface StreamState {
  readonly name: string;
  readonly host: string;
  /** The newest time a live reader fed (-Infinity: none yet), its first message and any others of that millisecond. */
  time: number;
  first: string;
  more: string[] | undefined;
}

/** Whether a live reader gave this line of the stream already; else notes it. */
function seen(s: StreamState, e: LogEvent): boolean {
  if (e.timestamp > s.time) {
    s.time = e.timestamp;
    s.first = e.message;
    s.more = undefined;
    return false;
  }
  if (e.timestamp < s.time || s.first === e.message || s.more?.includes(e.message)) {
    return true;
  }
  (s.more ??= []).push(e.message);
  return false;
}

/** Up to this many streams, an event's is found by scanning them all (a job's few hosts); beyond, by the map. */
const SCAN = 8;

export type FeedListener = (changes: readonly SeriesChange[]) => void;

export class JobCurveFeed {
  private store: LogCurveStore | undefined;
  private parserInfo: Omit<JobLineParser, 'parser'> | undefined;
  /** Lines that arrived before the parser (one DescribeTrainingJob): parsed as soon as it is there. */
  private pending: LogLine[] = [];
  private failure: string | undefined;
  private readonly listeners = new Set<FeedListener>();
  private readonly stateListeners = new Set<() => void>();
  /** Per stream: its host, and the newest time a live reader fed with the messages of that millisecond (repeats are dropped). */
  private readonly streams = new Map<string, StreamState>();
  private readonly tails = new Map<object, TailCoverage | undefined>();
  private readonly streamList: StreamState[] = [];

  constructor(
    readonly trainingJobName: string,
    private readonly maxPointsPerSeries?: number,
  ) {}

  /** The parser of the job (its MetricDefinitions or the log patterns): the lines read so far are parsed now. */
  setParser(p: JobLineParser): void {
    this.store = new LogCurveStore(p.parser, this.maxPointsPerSeries !== undefined ? { maxPointsPerSeries: this.maxPointsPerSeries } : {});
    this.parserInfo = { source: p.source, problems: p.problems };
    const lines = this.pending;
    this.pending = [];
    this.emit(this.store.addLines(lines, this.listeners.size > 0));
    this.stateListeners.forEach((l) => l());
  }

  /** The parser could not be made (the job could not be described): no curves, and why. */
  fail(message: string): void {
    this.failure = message;
    this.pending = [];
    this.stateListeners.forEach((l) => l());
  }

  get ready(): boolean {
    return this.store !== undefined;
  }

  get failed(): string | undefined {
    return this.failure;
  }

  get source(): JobLineParser['source'] | undefined {
    return this.parserInfo?.source;
  }

  get problems(): readonly string[] {
    return this.parserInfo?.problems ?? [];
  }

  get counters(): { readonly lines: number; readonly points: number } {
    const c = this.store?.counters;
    return { lines: (c?.lines ?? 0) + this.pending.length, points: c?.points ?? 0 };
  }

  snapshot(): SeriesView[] {
    return this.store?.snapshot() ?? [];
  }

  /**
   * Lines of the job. `repeats: 'drop'` (a live reader): a line at or before the newest of its stream fed so far is
   * left out (another reader gave it already); 'keep' for a read of an older window no reader covered.
   */
  add(events: readonly LogEvent[], repeats: 'drop' | 'keep' = 'drop'): void {
    if (this.failure !== undefined || events.length === 0) {
      return;
    }
    // A backfill hands over 10,000 events a page: nothing allocated per event, one look-up per event; the changes
    // (an object per point) only for whoever listens.
    const batch = this.store?.begin(this.listeners.size > 0);
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const stream = this.streamOf(e.logStreamName);
      if (repeats === 'drop' && seen(stream, e)) {
        continue;
      }
      if (batch) {
        batch.line(stream.host, e.timestamp, e.message);
      } else {
        this.pending.push({ host: stream.host, timestamp: e.timestamp, message: e.message });
      }
    }
    if (batch) {
      this.emit(batch.end());
    }
  }

  /** The state of a stream `job/algo-N-epoch`, its host `algo-N`. */
  private streamOf(logStreamName: string): StreamState {
    // A page's events carry one name string per stream (GetLogEvents): a scan of a few states beats a map look-up.
    const list = this.streamList;
    if (list.length <= SCAN) {
      for (let i = 0; i < list.length; i++) {
        if (list[i].name === logStreamName) {
          return list[i];
        }
      }
    }
    let s = this.streams.get(logStreamName);
    if (s === undefined) {
      s = { name: logStreamName, host: parseTrainingStream(logStreamName)?.host ?? logStreamName, time: -Infinity, first: '', more: undefined };
      this.streams.set(logStreamName, s);
      list.push(s);
    }
    return s;
  }

  /** The oldest of the streams' newest lines fed (a reader that takes over starts there), if any. */
  resumeFrom(): number | undefined {
    let oldest: number | undefined;
    for (const { time } of this.streams.values()) {
      if (time !== -Infinity) {
        oldest = oldest === undefined ? time : Math.min(oldest, time);
      }
    }
    return oldest;
  }

  onChange(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The parser arrived or failed, or a tail started or stopped feeding. */
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** The widest coverage of the tails feeding now (undefined: none feeds, or none has read its backfill yet). */
  get tailCoverage(): TailCoverage | undefined {
    let best: TailCoverage | undefined;
    for (const c of this.tails.values()) {
      if (c === 'all' || best === 'all') {
        best = c === undefined ? best : 'all';
      } else if (c !== undefined) {
        best = best === undefined ? c : Math.min(best, c);
      }
    }
    return best;
  }

  /** Tails feeding now. */
  get tailCount(): number {
    return this.tails.size;
  }

  setTail(tail: object, coverage: TailCoverage | undefined): void {
    this.tails.set(tail, coverage);
    this.stateListeners.forEach((l) => l());
  }

  removeTail(tail: object): void {
    if (this.tails.delete(tail)) {
      this.stateListeners.forEach((l) => l());
    }
  }

  private emit(changes: readonly SeriesChange[]): void {
    if (changes.length > 0) {
      this.listeners.forEach((l) => l(changes));
    }
  }
}
