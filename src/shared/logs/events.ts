/** Log events as the tail engine sees them, and the pure operations on them: merge, dedupe, target → streams. */
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
 */
export function eventKey(e: LogEvent): string {
  return `${e.logStreamName}\u0000${e.timestamp}\u0000${e.message}`;
}

/** Remembers delivered events; forgets those far older than the newest, so memory stays bounded. */
export class Deduper {
  private readonly seen = new Map<string, number>();
  private newest = 0;

  constructor(
    private readonly horizonMs = 15 * 60_000,
    private readonly maxEntries = 200_000,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** The events not delivered before, in their order; marks them delivered. */
  fresh(events: readonly LogEvent[]): LogEvent[] {
    const out: LogEvent[] = [];
    for (const e of events) {
      const k = eventKey(e);
      if (this.seen.has(k)) {
        continue;
      }
      this.seen.set(k, e.timestamp);
      this.newest = Math.max(this.newest, e.timestamp);
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
  const all: { e: LogEvent; list: number; i: number }[] = [];
  nonEmpty.forEach((l, list) => l.forEach((e, i) => all.push({ e, list, i })));
  all.sort((a, b) => a.e.timestamp - b.e.timestamp || a.list - b.list || a.i - b.i);
  return all.map((x) => x.e);
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

export const TRAINING_LOG_GROUP = '/aws/sagemaker/TrainingJobs';

export function endpointLogGroup(endpointName: string): string {
  return `/aws/sagemaker/Endpoints/${endpointName}`;
}

export function streamQuery(target: TailTarget): StreamQuery {
  switch (target.kind) {
    case 'stream':
      return { logGroupName: target.logGroupName, logStreamName: target.logStreamName, tagged: false };
    case 'trainingJob':
      // `job/algo-1-` so that algo-1 does not match algo-10; a host's restarts are all its streams.
      return {
        logGroupName: TRAINING_LOG_GROUP,
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
