/**
 * CloudWatch Logs storage: groups → streams → events in time order (parallel arrays, binary search on time).
 * Scenario streams can have "segments": deterministic generators of (time, message) materialised lazily up
 * to the simulated clock's now, so a host writes log lines live as sim time passes.
 */

export interface Segment {
  /** first event time (epoch ms) */
  start: number;
  /** ms between events */
  interval: number;
  /** number of events (Infinity = until stopped) */
  count: number;
  /** message of event i (may contain newlines? no: one line per event) */
  message(i: number, ts: number): string;
}

/** After a clock jump, open-ended generated streams fill in at most this much history (a gap, like a host that was away). */
export const MAX_CATCH_UP_MS = 24 * 3600_000;

/** Ingestion-delay quirk: how long (simulated ms) an event written to `s` at `writtenAt` stays unreadable. */
export type IngestDelay = (s: LogStream, writtenAt: number) => number;

export class LogStream {
  readonly ts: number[] = [];
  readonly msg: string[] = [];
  readonly ingest: number[] = [];
  storedBytes = 0;
  lastIngestionTime: number | undefined;
  /** segments still to materialise, in order */
  segments: Segment[] = [];
  private segIndex = 0;
  private segPos = 0;
  /** generation stops at this time (e.g. job stopped by control) */
  stopAt = Infinity;
  sequence = 1;
  /** Ingestion-delay quirk only (undefined = every event is readable): when each event becomes readable, parallel to ts. */
  private visibleAt: number[] | undefined;
  /** readers have been shown [0, visibleCount) (never shrinks) */
  private visibleCount = 0;
  /** the greatest ingestion time in [0, visibleCount) */
  private visibleIngest: number | undefined;
  private lastVisibleAt = -Infinity;

  constructor(
    readonly group: LogGroup,
    readonly name: string,
    readonly creationTime: number,
  ) {}

  get length(): number {
    return this.ts.length;
  }
  get firstEventTimestamp(): number | undefined {
    return this.ts.length ? this.ts[0] : undefined;
  }
  get lastEventTimestamp(): number | undefined {
    return this.ts.length ? this.ts[this.ts.length - 1] : undefined;
  }

  /** Materialise generated events with ts <= now. */
  materialize(now: number): void {
    const limit = Math.min(now, this.stopAt);
    while (this.segIndex < this.segments.length) {
      const seg = this.segments[this.segIndex];
      if (seg.start > limit) return;
      const maxI = Math.min(seg.count, Math.floor((limit - seg.start) / seg.interval) + 1);
      // open-ended generators (endpoint hosts) catch up at most MAX_CATCH_UP_MS after a big clock jump
      if (seg.count === Infinity) {
        const minI = Math.ceil((limit - MAX_CATCH_UP_MS - seg.start) / seg.interval);
        if (this.segPos < minI) this.segPos = minI;
      }
      while (this.segPos < maxI) {
        const t = seg.start + this.segPos * seg.interval;
        this.append(t, seg.message(this.segPos, t), t + 200 + (this.segPos % 7) * 50);
        this.segPos++;
      }
      if (this.segPos >= seg.count) {
        this.segIndex++;
        this.segPos = 0;
      } else {
        return;
      }
    }
  }

  /** Append keeping time order (fast path at the end). `writtenAt`: when it was written (ingestion-delay quirk). */
  append(t: number, message: string, ingestion: number, writtenAt = ingestion): void {
    const n = this.ts.length;
    let i = n;
    if (n === 0 || this.ts[n - 1] <= t) {
      this.ts.push(t);
      this.msg.push(message);
      this.ingest.push(ingestion);
    } else {
      i = upperBound(this.ts, t);
      this.ts.splice(i, 0, t);
      this.msg.splice(i, 0, message);
      this.ingest.splice(i, 0, ingestion);
    }
    this.storedBytes += message.length + 26;
    if (this.lastIngestionTime === undefined || ingestion > this.lastIngestionTime) this.lastIngestionTime = ingestion;
    const delay = this.group.store?.ingestDelay;
    if (delay !== undefined) this.hide(i, writtenAt, delay);
  }

  /**
   * Ingestion-delay quirk: event i (just stored) becomes readable at max(the stream's previous visibleAt,
   * writtenAt + delay), so a stream's events become readable in write order. Readers see the prefix of the
   * stream up to the first unreadable event. An event stored inside what readers were already shown is
   * readable at once (hiding it would hide events they already read).
   */
  private hide(i: number, writtenAt: number, delay: IngestDelay): void {
    let v = this.visibleAt;
    if (v === undefined) {
      // the events stored before the quirk was on stay readable
      const n = this.ts.length - 1;
      v = this.visibleAt = new Array<number>(n).fill(-Infinity);
      this.visibleCount = n;
      let max: number | undefined;
      for (let j = 0; j <= n; j++) if (j !== i && (max === undefined || this.ingest[j] > max)) max = this.ingest[j];
      this.visibleIngest = max;
    }
    if (i < this.visibleCount) {
      v.splice(i, 0, -Infinity);
      this.visibleCount++;
      if (this.visibleIngest === undefined || this.ingest[i] > this.visibleIngest) this.visibleIngest = this.ingest[i];
      return;
    }
    const at = Math.max(this.lastVisibleAt, writtenAt + delay(this, writtenAt));
    this.lastVisibleAt = at;
    if (i === v.length) v.push(at);
    else v.splice(i, 0, at);
  }

  /** How many events (from the head) are readable at `now`: all of them unless the ingestion-delay quirk hides some. */
  visibleLength(now: number): number {
    const v = this.visibleAt;
    if (v === undefined) return this.ts.length;
    let c = this.visibleCount;
    let max = this.visibleIngest;
    while (c < v.length && v[c] <= now) {
      if (max === undefined || this.ingest[c] > max) max = this.ingest[c];
      c++;
    }
    this.visibleCount = c;
    this.visibleIngest = max;
    return c;
  }

  /** DescribeLogStreams' figures of the readable events. */
  visibleSummary(now: number): { firstEventTimestamp?: number; lastEventTimestamp?: number; lastIngestionTime?: number } {
    if (this.visibleAt === undefined) return { firstEventTimestamp: this.firstEventTimestamp, lastEventTimestamp: this.lastEventTimestamp, lastIngestionTime: this.lastIngestionTime };
    const n = this.visibleLength(now);
    return n === 0 ? {} : { firstEventTimestamp: this.ts[0], lastEventTimestamp: this.ts[n - 1], lastIngestionTime: this.visibleIngest };
  }

  /** The ingestion-delay quirk is off: every event is readable. */
  reveal(): void {
    this.visibleAt = undefined;
    this.visibleCount = 0;
    this.visibleIngest = undefined;
    this.lastVisibleAt = -Infinity;
  }
}

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  retentionInDays: number | undefined;
  constructor(
    readonly name: string,
    readonly creationTime: number,
    readonly store?: LogStore,
  ) {}
}

export class LogStore {
  readonly groups = new Map<string, LogGroup>();
  private lastMaterialized = -Infinity;
  /** set by the ingestion-delay quirk (QuirkState.attach) */
  ingestDelay: IngestDelay | undefined;

  createGroup(name: string, creationTime: number): LogGroup {
    let g = this.groups.get(name);
    if (!g) {
      g = new LogGroup(name, creationTime, this);
      this.groups.set(name, g);
    }
    return g;
  }

  createStream(groupName: string, streamName: string, creationTime: number): LogStream {
    const g = this.createGroup(groupName, creationTime);
    let s = g.streams.get(streamName);
    if (!s) {
      s = new LogStream(g, streamName, creationTime);
      g.streams.set(streamName, s);
    }
    return s;
  }

  /** Every hidden event becomes readable (the ingestion-delay quirk was switched off). */
  revealAll(): void {
    for (const g of this.groups.values()) for (const s of g.streams.values()) s.reveal();
  }

  /** Bring every generated stream up to `now`. Cheap when nothing is due. */
  materialize(now: number): void {
    if (now === this.lastMaterialized) return;
    this.lastMaterialized = now;
    for (const g of this.groups.values()) for (const s of g.streams.values()) if (s.segments.length) s.materialize(now);
  }
}

/** First index with a[i] >= x. */
export function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m] < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** First index with a[i] > x. */
export function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m] <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
