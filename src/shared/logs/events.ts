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
 * is made of what every API returns: two identical messages in the same millisecond of one stream share it
 * (the Deduper counts them). It is a 53-bit hash (cyrb53, public domain) of stream, time and message: a number,
 * small in a Map, however long the message; two different events of one stream share a key about once in 10^15
 * pairs.
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
 *
 * Identical lines in the same millisecond of one stream (blank lines, a warning printed by every worker at
 * once) are distinct events with one key: the deduper counts how many it delivered, and a batch passes on the
 * occurrences beyond that count. A repeat of a delivered batch (a Live Tail session over polled events) brings
 * the same number, and nothing passes.
 */
export class Deduper {
  /** Key → the event's time, for each key delivered. */
  private readonly seen = new Map<number, number>();
  /** Key → how many were delivered, for the keys delivered more than once. */
  private readonly repeats = new Map<number, number>();
  private newest = 0;
  /** Batches handed on without keys (`trust`), newest last: the ones still within the horizon. */
  private trusted: { readonly events: readonly LogEvent[]; readonly newest: number }[] = [];

  constructor(
    private readonly horizonMs = 15 * 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  get size(): number {
    this.settle();
    return this.seen.size;
  }

  /**
   * Events known to be new, marked delivered without a key each until they matter: a backfill reads every
   * stream once, forward, so it has nothing to drop. Only what is still within the horizon when the next
   * `fresh` comes is remembered (the end of a backfill, which a Live Tail session may repeat).
   */
  trust(events: readonly LogEvent[]): void {
    if (events.length === 0) {
      return;
    }
    const newest = newestOf(events);
    this.newest = Math.max(this.newest, newest);
    this.trusted.push({ events, newest });
    const cutoff = this.newest - this.horizonMs;
    while (this.trusted.length > 1 && this.trusted[0].newest < cutoff) {
      this.trusted.shift();
    }
  }

  /**
   * The events not delivered before, in their order; marks them delivered. Events further behind the newest
   * than the horizon are not tracked (they would be forgotten by the next prune anyway): a backfill of a
   * long history costs no keys, only its recent end does.
   */
  fresh(events: readonly LogEvent[]): LogEvent[] {
    this.settle();
    this.newest = Math.max(this.newest, newestOf(events));
    const cutoff = this.newest - this.horizonMs;
    // Most of a long backfill is behind the horizon: that part is handed on as it is, without a copy per event.
    let first = 0;
    while (first < events.length && events[first].timestamp < cutoff) {
      first++;
    }
    if (first === events.length) {
      return events.slice();
    }
    const out: LogEvent[] = events.slice(0, first);
    // How many times each key came so far in this batch.
    const inBatch = new Map<number, number>();
    for (let i = first; i < events.length; i++) {
      const e = events[i];
      if (e.timestamp < cutoff) {
        out.push(e);
        continue;
      }
      const k = eventKey(e);
      const occurrence = (inBatch.get(k) ?? 0) + 1;
      inBatch.set(k, occurrence);
      const delivered = this.seen.has(k) ? (this.repeats.get(k) ?? 1) : 0;
      if (occurrence <= delivered) {
        continue;
      }
      if (occurrence === 1) {
        this.seen.set(k, e.timestamp);
      } else {
        this.seen.set(k, this.seen.get(k) ?? e.timestamp);
        this.repeats.set(k, occurrence);
      }
      out.push(e);
    }
    if (this.seen.size > this.maxEntries) {
      this.prune();
    }
    return out;
  }

  /** Keys the trusted events still within the horizon (each one delivered: repeats are counted). */
  private settle(): void {
    if (this.trusted.length === 0) {
      return;
    }
    const cutoff = this.newest - this.horizonMs;
    for (const batch of this.trusted) {
      for (const e of batch.events) {
        if (e.timestamp >= cutoff) {
          const k = eventKey(e);
          if (this.seen.has(k)) {
            this.repeats.set(k, (this.repeats.get(k) ?? 1) + 1);
          } else {
            this.seen.set(k, e.timestamp);
          }
        }
      }
    }
    this.trusted = [];
    if (this.seen.size > this.maxEntries) {
      this.prune();
    }
  }

  private forget(k: number): void {
    this.seen.delete(k);
    if (this.repeats.size > 0) {
      this.repeats.delete(k);
    }
  }

  private prune(): void {
    const cutoff = this.newest - this.horizonMs;
    for (const [k, ts] of this.seen) {
      if (ts < cutoff) {
        this.forget(k);
      }
    }
    // Still full: a busy tail within the horizon. Drop the oldest delivered (a Map keeps insertion order) down
    // to 90 %, so the next prune is many events away.
    let excess = this.seen.size - Math.floor(this.maxEntries * 0.9);
    for (const k of this.seen.keys()) {
      if (excess-- <= 0) {
        break;
      }
      this.forget(k);
    }
  }
}

/** The newest timestamp of some events (0 for none). */
export function newestOf(events: readonly LogEvent[]): number {
  let newest = 0;
  for (let i = 0; i < events.length; i++) {
    const t = events[i].timestamp;
    if (t > newest) {
      newest = t;
    }
  }
  return newest;
}

/** Interleaves per-stream lists (each in timestamp order) by timestamp; ties keep stream order. Stable. */
export function mergeByTimestamp(lists: readonly (readonly LogEvent[])[]): LogEvent[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) {
    return [];
  }
  if (nonEmpty.length === 1) {
    return nonEmpty[0].slice();
  }
  const total = nonEmpty.reduce((n, l) => n + l.length, 0);
  const out = new Array<LogEvent>(total);
  const k = nonEmpty.length;
  // Each list is already in order. Every step takes from the list with the earliest head, and goes on taking
  // from it while it stays at or before the second earliest (runs cost one comparison an event). The heads'
  // times sit in a typed array; with the few lists of a job a scan over them beats a heap.
  const pos = new Int32Array(k);
  const head = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    head[i] = nonEmpty[i][0].timestamp;
  }
  let live = k;
  let n = 0;
  while (live > 1) {
    let best = -1;
    let second = -1;
    for (let i = 0; i < k; i++) {
      if (head[i] === Infinity) {
        continue;
      }
      if (best < 0 || head[i] < head[best]) {
        second = best;
        best = i;
      } else if (second < 0 || head[i] < head[second]) {
        second = i;
      }
    }
    // Ties keep stream order: the earlier list goes first at an equal time.
    const limit = head[second];
    const takeEqual = best < second;
    const list = nonEmpty[best];
    let p = pos[best];
    do {
      out[n++] = list[p++];
    } while (p < list.length && (list[p].timestamp < limit || (takeEqual && list[p].timestamp === limit)));
    pos[best] = p;
    if (p === list.length) {
      head[best] = Infinity;
      live--;
    } else {
      head[best] = list[p].timestamp;
    }
  }
  for (let i = 0; i < k; i++) {
    const list = nonEmpty[i];
    for (let p = pos[i]; p < list.length; p++) {
      out[n++] = list[p];
    }
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
