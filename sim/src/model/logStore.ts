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

  /** Append keeping time order (fast path at the end). */
  append(t: number, message: string, ingestion: number): void {
    const n = this.ts.length;
    if (n === 0 || this.ts[n - 1] <= t) {
      this.ts.push(t);
      this.msg.push(message);
      this.ingest.push(ingestion);
    } else {
      const i = upperBound(this.ts, t);
      this.ts.splice(i, 0, t);
      this.msg.splice(i, 0, message);
      this.ingest.splice(i, 0, ingestion);
    }
    this.storedBytes += message.length + 26;
    if (this.lastIngestionTime === undefined || ingestion > this.lastIngestionTime) this.lastIngestionTime = ingestion;
  }
}

export class LogGroup {
  readonly streams = new Map<string, LogStream>();
  retentionInDays: number | undefined;
  constructor(
    readonly name: string,
    readonly creationTime: number,
  ) {}
}

export class LogStore {
  readonly groups = new Map<string, LogGroup>();
  private lastMaterialized = -Infinity;

  createGroup(name: string, creationTime: number): LogGroup {
    let g = this.groups.get(name);
    if (!g) {
      g = new LogGroup(name, creationTime);
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
