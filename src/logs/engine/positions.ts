/**
 * Where a tail stands in each stream: the position up to which its channel is complete. Every read — backfill,
 * polling, filtered reads, Live Tail — goes through `admit`, which drops what is not the target's and what is
 * at or behind a stream's position, and moves the position on. Hand-overs (Live Tail ↔ polling, a filter
 * change, a sign-in, a renewal) continue from these positions; nothing is ever read "from the start" again, and
 * a server that re-sends, ends sessions early or ignores a prefix cannot make a line show twice.
 *
 * A position is the time of the last line delivered plus how many of each line were delivered at that very
 * millisecond (identical lines in one millisecond — blank lines, a warning printed by every worker — are
 * distinct lines). Within a stream, CloudWatch returns lines in time order, so anything older than the position
 * was delivered; a line at the position's millisecond is new only past the count already delivered.
 */
import { eventKey, inTarget, isSiblingStream, type LogEvent, type StreamQuery } from './events';

export interface StreamPosition {
  /** The last line delivered: its time (−∞: none yet). */
  lastTs: number;
  /** Key → how many lines with that key were delivered at `lastTs`. */
  atLast: Map<number, number>;
  /** A GetLogEvents forward token right after the last line delivered (undefined: read on by time from `lastTs`). */
  token: string | undefined;
  /** The service said the stream does not exist: not read until it is listed again (from the same position). */
  gone: boolean;
}

/** Whether a log group identifier (a name or an ARN, with or without `:*`) names `logGroupName`. */
export function sameLogGroup(identifier: string, logGroupName: string): boolean {
  if (identifier === logGroupName) {
    return true;
  }
  const m = /^arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return m !== null && m[1] === logGroupName;
}

/** At most this many recent eventIds are remembered: a second line of defence, bounded. */
const RECENT_IDS = 20_000;

export class Positions {
  private readonly byStream = new Map<string, StreamPosition>();
  /** Events the service sent that are outside the target (another group, another stream, outside the prefix). */
  foreign = 0;
  /** Events dropped because they were at or behind a position (repeats, re-sent pages, overlaps of hand-overs). */
  repeats = 0;
  /** eventIds delivered recently (FilterLogEvents gives them): what comes again with one is dropped. */
  private ids = new Set<string>();
  private oldIds = new Set<string>();

  constructor(private readonly query: StreamQuery) {}

  get(logStreamName: string): StreamPosition {
    let p = this.byStream.get(logStreamName);
    if (!p) {
      p = { lastTs: -Infinity, atLast: new Map(), token: undefined, gone: false };
      this.byStream.set(logStreamName, p);
    }
    return p;
  }

  has(logStreamName: string): boolean {
    return this.byStream.has(logStreamName);
  }

  streams(): IterableIterator<[string, StreamPosition]> {
    return this.byStream.entries();
  }

  /** A stream that no longer exists. */
  delete(logStreamName: string): void {
    this.byStream.delete(logStreamName);
  }

  /**
   * From now on nothing older than `from` is shown (a changed filter applies from there): positions behind
   * it move up to it, and their tokens go (they point into lines the old filter did not show).
   */
  raiseTo(from: number): void {
    for (const p of this.byStream.values()) {
      if (p.lastTs < from) {
        p.lastTs = from;
        p.atLast = new Map();
      }
      p.token = undefined;
    }
  }

  /** Tokens of every stream go: what follows reads on by time from the positions. */
  dropTokens(): void {
    for (const p of this.byStream.values()) {
      p.token = undefined;
    }
  }

  /**
   * The lines of one stream from one read, in the stream's order: those past the stream's position, which
   * then moves to the last of them. The same array when all are new (a backfill page costs no copy).
   */
  admitStream(logStreamName: string, events: readonly LogEvent[], floor = -Infinity): readonly LogEvent[] {
    const n = events.length;
    if (n === 0) {
      return events;
    }
    const p = this.get(logStreamName);
    const start = Math.max(p.lastTs, floor);
    let out: LogEvent[] | undefined;
    let i = 0;
    // Behind the position (or the floor): delivered already, or left out on purpose.
    while (i < n && events[i].timestamp < start) {
      i++;
    }
    if (i > 0) {
      // Older than the floor (a filter change, filtered lines a last-N backfill left out) is no repeat.
      if (start === p.lastTs) {
        this.repeats += i;
      }
      out = [];
    }
    // At the position's millisecond: new only past the count already delivered.
    if (i < n && events[i].timestamp === p.lastTs && p.atLast.size > 0) {
      const seen = new Map<number, number>();
      out ??= events.slice(0, 0) as LogEvent[];
      while (i < n && events[i].timestamp === p.lastTs) {
        const e = events[i++];
        const k = eventKey(e);
        const c = (seen.get(k) ?? 0) + 1;
        seen.set(k, c);
        if (c <= (p.atLast.get(k) ?? 0)) {
          this.repeats++;
          continue;
        }
        out.push(e);
      }
    }
    if (out !== undefined) {
      for (; i < n; i++) {
        out.push(events[i]);
      }
    }
    // Repeats by eventId first (a page re-sent within one read): counted at the position, they would hide a
    // distinct identical line of the same millisecond later.
    const kept = this.withoutKnownIds(out ?? events);
    if (kept.length > 0) {
      this.moveTo(p, kept);
    }
    return kept;
  }

  /** Moves a position to the last of `kept` (new lines, in order), counting the lines of its millisecond. */
  private moveTo(p: StreamPosition, kept: readonly LogEvent[]): void {
    const last = kept[kept.length - 1].timestamp;
    if (last !== p.lastTs) {
      p.lastTs = last;
      p.atLast = new Map();
    }
    for (let j = kept.length - 1; j >= 0 && kept[j].timestamp === last; j--) {
      const k = eventKey(kept[j]);
      p.atLast.set(k, (p.atLast.get(k) ?? 0) + 1);
    }
  }

  /** Drops events whose eventId was delivered before (only events that carry one); remembers the rest. */
  private withoutKnownIds(events: readonly LogEvent[]): readonly LogEvent[] {
    if (events.length === 0 || events[0].eventId === undefined) {
      return events;
    }
    let out: LogEvent[] | undefined;
    for (let i = 0; i < events.length; i++) {
      const id = events[i].eventId;
      if (id !== undefined && (this.ids.has(id) || this.oldIds.has(id))) {
        out ??= events.slice(0, i);
        this.repeats++;
        continue;
      }
      if (id !== undefined) {
        this.ids.add(id);
        if (this.ids.size >= RECENT_IDS) {
          this.oldIds = this.ids;
          this.ids = new Set();
        }
      }
      out?.push(events[i]);
    }
    return out ?? events;
  }

  /**
   * Events of many streams (Live Tail, FilterLogEvents): those outside the target are dropped and counted;
   * the rest go stream by stream through `admitStream`. Lists per stream, each in time order. A stream whose
   * position moved loses its token (it points before lines now shown): GetLogEvents reads on by time.
   */
  /** Whether an event is the target's: its log group (when the service names it) and one of its streams. */
  isTarget(e: LogEvent): boolean {
    return inTarget(this.query, e.logStreamName) && (e.logGroupIdentifier === undefined || sameLogGroup(e.logGroupIdentifier, this.query.logGroupName));
  }

  admitMixed(events: readonly LogEvent[], floor = -Infinity): LogEvent[][] {
    const perStream = new Map<string, LogEvent[]>();
    for (const e of events) {
      if (!this.isTarget(e)) {
        const otherGroup = e.logGroupIdentifier !== undefined && !sameLogGroup(e.logGroupIdentifier, this.query.logGroupName);
        if (otherGroup || !isSiblingStream(this.query, e.logStreamName)) {
          this.foreign++;
        }
        continue;
      }
      let list = perStream.get(e.logStreamName);
      if (!list) {
        list = [];
        perStream.set(e.logStreamName, list);
      }
      list.push(e);
    }
    const out: LogEvent[][] = [];
    for (const [name, list] of perStream) {
      // Stable: lines of one millisecond keep the order they came in.
      list.sort((a, b) => a.timestamp - b.timestamp);
      const kept = this.admitStream(name, list, floor);
      if (kept.length > 0) {
        this.get(name).token = undefined;
        out.push(kept as LogEvent[]);
      }
    }
    return out;
  }
}
