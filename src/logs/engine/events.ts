/** Log events as the tail engine sees them, and the pure operations on them: keys, merge, target → streams. */
import type { LogEvent } from '../../shared/logs/source';
import { PROCESSING_JOBS_LOG_GROUP, TRAINING_JOBS_LOG_GROUP, TRANSFORM_JOBS_LOG_GROUP, endpointLogGroup, inferenceComponentLogGroup, jobStreamPrefix } from '../../shared/names';
import type { TailTarget } from '../../shared/targets';

export type { LogEvent } from '../../shared/logs/source';


/**
 * A key that is the same for one event whichever API delivered it. GetLogEvents has no eventId, so the key
 * is made of what every API returns: two identical messages in the same millisecond of one stream share it
 * (positions.ts counts them). It is a 53-bit hash (cyrb53, public domain) of stream, time and message: a number,
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
  /**
   * Of the streams under the prefix, only the `…/data-log` ones (true) or none of them (false): a transform
   * instance's data log and model-server streams share a prefix, and the service can select by prefix only.
   */
  readonly dataLog?: boolean;
}

const DATA_LOG_SUFFIX = '/data-log';

/** Whether a stream is part of the tail's target (one stream, or a prefix of the group, data logs or not). */
export function inTarget(q: StreamQuery, logStreamName: string): boolean {
  if (q.logStreamName !== undefined) {
    return logStreamName === q.logStreamName;
  }
  return (q.prefix === undefined || logStreamName.startsWith(q.prefix)) && (q.dataLog === undefined || logStreamName.endsWith(DATA_LOG_SUFFIX) === q.dataLog);
}

/**
 * A stream the service rightly sends for the query's prefix that the target leaves out (the data log when
 * tailing the model server, or the reverse): dropped like any other, but not a misbehaving service.
 */
export function isSiblingStream(q: StreamQuery, logStreamName: string): boolean {
  return q.dataLog !== undefined && q.logStreamName === undefined && (q.prefix === undefined || logStreamName.startsWith(q.prefix));
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
    case 'processingJob':
      // Named like training streams: `job/algo-1-` so that algo-1 does not match algo-10.
      return { logGroupName: PROCESSING_JOBS_LOG_GROUP, prefix: jobStreamPrefix(target.processingJobName, target.host), tagged: !target.host };
    case 'transformJob':
      return {
        logGroupName: TRANSFORM_JOBS_LOG_GROUP,
        prefix: jobStreamPrefix(target.transformJobName, target.host),
        // An instance's one stream of a kind is untagged; both kinds, or several instances, are tagged.
        tagged: !target.host || target.dataLog === undefined,
        ...(target.dataLog !== undefined ? { dataLog: target.dataLog } : {}),
      };
    case 'endpoint': {
      const logGroupName = endpointLogGroup(target.endpointName);
      if (target.variantName && target.instanceId) {
        // An instance's model-server stream, or (async endpoints) its `/data-log` stream.
        const stream = `${target.variantName}/${target.instanceId}${target.dataLog ? DATA_LOG_SUFFIX : ''}`;
        return { logGroupName, logStreamName: stream, tagged: false };
      }
      return { logGroupName, ...(target.variantName ? { prefix: `${target.variantName}/` } : {}), tagged: true, ...(target.dataLog !== undefined ? { dataLog: target.dataLog } : {}) };
    }
    case 'inferenceComponent':
      // Every copy's stream of the component's own group (the tail session falls back to the endpoint's group).
      return { logGroupName: inferenceComponentLogGroup(target.inferenceComponentName), tagged: true };
  }
}

/**
 * The tag of a line: `algo-N` for a training or processing stream `job/algo-N-epoch`, `instance` or
 * `instance/data-log` for a transform stream `job/instance-epoch[/data-log]`, else `variant/instance`.
 */
export function streamTag(logStreamName: string): string {
  const training = /^[^/]+\/(algo-\d+)-\d+$/.exec(logStreamName);
  if (training) {
    return training[1];
  }
  const transform = /^[^/]+\/([^/]+)-\d{9,11}(\/data-log)?$/.exec(logStreamName);
  if (transform) {
    return `${transform[1]}${transform[2] ?? ''}`;
  }
  return logStreamName;
}
