/** Log events as the tail engine sees them, and the pure operations on them: merge, dedupe, target → streams. */
import { TRAINING_JOBS_LOG_GROUP, endpointLogGroup } from '../names';
import type { TailTarget } from '../targets';

export interface LogEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime?: number;
  /** FilterLogEvents and Live Tail give one; GetLogEvents does not. */
  readonly eventId?: string;
}

/**
 * A key that is the same for one event whichever API delivered it. GetLogEvents has no eventId, so the key
 * is made of what every API returns; two identical messages in the same millisecond of one stream collapse.
 * It is a 53-bit hash (cyrb53, public domain) of stream, time and message: a number, small in a Map, however
 * long the message; two different events of one stream share a key about once in 10^15 pairs.
 */
export function eventKey(e: LogEvent): number {
  let h1 = 0xdeadbeef ^ (e.timestamp % 4294967296);
  let h2 = 0x41c6ce57 ^ Math.floor(e.timestamp / 4294967296);
  for (const text of [e.logStreamName, e.message]) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator, so that stream "ab" + message "c" differs from stream "a" + message "bc".
    h1 = Math.imul(h1 ^ 0xffff, 2654435761);
    h2 = Math.imul(h2 ^ 0xffff, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Remembers delivered events, at most `maxEntries` of them: those far older than the newest are forgotten
 * first, then the oldest delivered (about 6 MB when full). The overlaps it guards (a Live Tail session against
 * polling rounds, a filtered poll's minute of look-back) hold far fewer events: Live Tail sends at most 30,000 a
 * minute.
 */
export class Deduper {
  private readonly seen = new Map<number, number>();
  private newest = 0;

  constructor(
    private readonly horizonMs = 15 * 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /**
   * The events not delivered before, in their order; marks them delivered. Events further behind the newest
   * than the horizon are not tracked (they would be forgotten by the next prune anyway): a backfill of a
   * long history costs no keys, only its recent end does.
   */
  fresh(events: readonly LogEvent[]): LogEvent[] {
    let newest = this.newest;
    for (const e of events) {
      newest = e.timestamp > newest ? e.timestamp : newest;
    }
    this.newest = newest;
    const cutoff = newest - this.horizonMs;
    // Most of a long backfill is behind the horizon: that part is handed on as it is, without a copy per event.
    let first = 0;
    while (first < events.length && events[first].timestamp < cutoff) {
      first++;
    }
    if (first === events.length) {
      return events.slice();
    }
    const out: LogEvent[] = events.slice(0, first);
    for (let i = first; i < events.length; i++) {
      const e = events[i];
      if (e.timestamp < cutoff) {
        out.push(e);
        continue;
      }
      const k = eventKey(e);
      if (this.seen.has(k)) {
        continue;
      }
      this.seen.set(k, e.timestamp);
      out.push(e);
    }
    if (this.seen.size > this.maxEntries) {
      this.prune();
    }
    return out;
  }

  private prune(): void {
    const cutoff = this.newest - this.horizonMs;
    for (const [k, ts] of this.seen) {
      if (ts < cutoff) {
        this.seen.delete(k);
      }
    }
    // Still full: a busy tail within the horizon. Drop the oldest delivered (a Map keeps insertion order) down
    // to 90 %, so the next prune is many events away.
    let excess = this.seen.size - Math.floor(this.maxEntries * 0.9);
    for (const k of this.seen.keys()) {
      if (excess-- <= 0) {
        break;
      }
      this.seen.delete(k);
    }
  }
}

/** Interleaves per-stream lists (each in timestamp order) by timestamp; ties keep stream order. Stable. */
export function mergeByTimestamp(lists: readonly (readonly LogEvent[])[]): LogEvent[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) {
    return [];
  }
  if (nonEmpty.length === 1) {
    return [...nonEmpty[0]];
  }
  // k-way merge: each list is already in order, so this is O(n log k) with no per-event allocation.
  const total = nonEmpty.reduce((n, l) => n + l.length, 0);
  const out = new Array<LogEvent>(total);
  const pos = new Array<number>(nonEmpty.length).fill(0);
  const heap: number[] = nonEmpty.map((_, i) => i);
  const before = (a: number, b: number) => {
    const ta = nonEmpty[a][pos[a]].timestamp;
    const tb = nonEmpty[b][pos[b]].timestamp;
    return ta < tb || (ta === tb && a < b);
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  for (let k = 0; k < total; k++) {
    const list = heap[0];
    out[k] = nonEmpty[list][pos[list]++];
    if (pos[list] === nonEmpty[list].length) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    if (heap.length > 0) siftDown(0);
  }
  return out;
}

/** Which streams a tail reads: a whole log group prefix, or one stream. */
export interface StreamQuery {
  readonly logGroupName: string;
  /** Streams whose names start with this; absent with `logStreamName`. */
  readonly prefix?: string;
  readonly logStreamName?: string;
  /** Tag lines with their host: the target spans more than one stream. */
  readonly tagged: boolean;
}


export function streamQuery(target: TailTarget): StreamQuery {
  switch (target.kind) {
    case 'stream':
      return { logGroupName: target.logGroupName, logStreamName: target.logStreamName, tagged: false };
    case 'trainingJob':
      // `job/algo-1-` so that algo-1 does not match algo-10; a host's restarts are all its streams.
      return {
        logGroupName: TRAINING_JOBS_LOG_GROUP,
        prefix: target.host ? `${target.trainingJobName}/${target.host}-` : `${target.trainingJobName}/`,
        tagged: !target.host,
      };
    case 'endpoint': {
      const logGroupName = endpointLogGroup(target.endpointName);
      if (target.variantName && target.instanceId) {
        return { logGroupName, logStreamName: `${target.variantName}/${target.instanceId}`, tagged: false };
      }
      return { logGroupName, ...(target.variantName ? { prefix: `${target.variantName}/` } : {}), tagged: true };
    }
  }
}

/** The tag of a line: `algo-N` for a training stream `job/algo-N-epoch`, else `variant/instance`. */
export function streamTag(logStreamName: string): string {
  const training = /^[^/]+\/(algo-\d+)-\d+$/.exec(logStreamName);
  if (training) {
    return training[1];
  }
  return logStreamName;
}
