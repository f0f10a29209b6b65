/** CloudWatch Logs (awsJson1_1, `Logs_20140328.<Op>`, epoch milliseconds). */
import { AwsError, invalidParam, notFound } from '../errors';
import { compileFilterPattern } from '../model/filterPattern';
import { type LogGroup, type LogStream, lowerBound, upperBound } from '../model/logStore';
import { ACCOUNT_ID, type Account } from '../model/state';
import type { Ctx } from './context';
import { decodeToken, encodeToken, type Input, isOffsetToken, optBool, optNum, optStr, optStructList, optStrList } from './input';
import { withProgress } from './progress';

export const MAX_PAGE_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;

export function groupArn(account: Account, name: string): string {
  return `arn:aws:logs:${account.region}:${ACCOUNT_ID}:log-group:${name}`;
}

/** A log group name from a name or an ARN (with or without `:*`). */
export function groupNameFromIdentifier(id: string): string {
  const m = /^arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(id);
  return m ? m[1] : id;
}

export function resolveGroup(ctx: Ctx, input: Input): LogGroup {
  const name = optStr(input, 'logGroupName', invalidParam);
  const id = optStr(input, 'logGroupIdentifier', invalidParam);
  if (name !== undefined && id !== undefined) throw invalidParam('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const n = name ?? (id !== undefined ? groupNameFromIdentifier(id) : undefined);
  if (n === undefined || n === '') throw invalidParam('Either logGroupName or logGroupIdentifier must be specified.');
  const g = ctx.account.logs.groups.get(n);
  if (!g) throw notFound('The specified log group does not exist.');
  return g;
}

function limitOf(input: Input, max: number, dflt: number): number {
  const v = optNum(input, 'limit', invalidParam);
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1 || v > max) throw invalidParam(`1 validation error detected: Value '${v}' at 'limit' failed to satisfy constraint: Member must have value ${v < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`);
  return v;
}

function describeLogGroups(ctx: Ctx, input: Input) {
  const prefix = optStr(input, 'logGroupNamePrefix', invalidParam);
  const pattern = optStr(input, 'logGroupNamePattern', invalidParam);
  if (prefix !== undefined && pattern !== undefined) throw invalidParam('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  const limit = limitOf(input, 50, 50);
  const tok = decodeToken(optStr(input, 'nextToken', invalidParam), () => invalidParam('The specified nextToken is invalid.'), isOffsetToken);
  const groups = [...ctx.account.logs.groups.values()]
    .filter((g) => (prefix === undefined || g.name.startsWith(prefix)) && (pattern === undefined || g.name.toLowerCase().includes(pattern.toLowerCase())))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const off = tok?.o ?? 0;
  const page = groups.slice(off, off + limit);
  return {
    logGroups: page.map((g) => {
      let bytes = 0;
      for (const s of g.streams.values()) bytes += s.storedBytes;
      return {
        logGroupName: g.name,
        creationTime: g.creationTime,
        retentionInDays: g.retentionInDays,
        metricFilterCount: 0,
        arn: groupArn(ctx.account, g.name) + ':*',
        logGroupArn: groupArn(ctx.account, g.name),
        storedBytes: bytes,
        logGroupClass: 'STANDARD',
      };
    }),
    nextToken: off + limit < groups.length ? encodeToken({ o: off + limit }) : undefined,
  };
}

function streamOut(ctx: Ctx, s: LogStream) {
  return {
    logStreamName: s.name,
    creationTime: s.creationTime,
    ...s.visibleSummary(ctx.now),
    uploadSequenceToken: String(s.sequence).padStart(56, '4'),
    arn: `${groupArn(ctx.account, s.group.name)}:log-stream:${s.name}`,
    storedBytes: 0,
  };
}

function describeLogStreams(ctx: Ctx, input: Input) {
  const g = resolveGroup(ctx, input);
  const prefix = optStr(input, 'logStreamNamePrefix', invalidParam);
  const orderBy = optStr(input, 'orderBy', invalidParam) ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') throw invalidParam(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  if (prefix !== undefined && orderBy === 'LastEventTime') throw invalidParam('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const descending = optBool(input, 'descending') ?? false;
  const limit = limitOf(input, 50, 50);
  const tok = decodeToken(optStr(input, 'nextToken', invalidParam), () => invalidParam('The specified nextToken is invalid.'), isOffsetToken);
  let streams = [...g.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix));
  if (orderBy === 'LogStreamName') streams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  else {
    const last = new Map(streams.map((s) => [s, s.visibleSummary(ctx.now).lastEventTimestamp ?? -1]));
    streams.sort((a, b) => (last.get(a) as number) - (last.get(b) as number) || (a.name < b.name ? -1 : 1));
  }
  if (descending) streams = streams.reverse();
  const off = tok?.o ?? 0;
  const page = streams.slice(off, off + limit);
  return { logStreams: page.map((s) => streamOut(ctx, s)), nextToken: off + limit < streams.length ? encodeToken({ o: off + limit }) : undefined };
}

// ------------------------------------------------------------------ GetLogEvents

export function formatToken(dir: 'f' | 'b', pos: number): string {
  return `${dir}/${String(pos).padStart(56, '0')}/s`;
}

/** `f/<pos>/s`, `b/<pos>/s`, or `f/<pos>/e<k>` (the k-th empty page at pos, quirk getEventsEmptyPages). */
function parseToken(token: string, n: number): { dir: 'f' | 'b'; pos: number; k: number } {
  const m = /^([fb])\/(\d{1,60})(?:\/(?:s|e(\d{1,6})))?$/.exec(token);
  if (!m) throw invalidParam('The specified nextToken is invalid.');
  const pos = Number(m[2]);
  if (!Number.isSafeInteger(pos) || pos > n) throw invalidParam('The specified nextToken is invalid.');
  return { dir: m[1] as 'f' | 'b', pos, k: m[3] !== undefined ? Number(m[3]) : 0 };
}

function getLogEvents(ctx: Ctx, input: Input) {
  const g = resolveGroup(ctx, input);
  const streamName = optStr(input, 'logStreamName', invalidParam);
  if (!streamName) throw invalidParam("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
  const s = g.streams.get(streamName);
  if (!s) throw notFound('The specified log stream does not exist.');
  const limit = limitOf(input, 10_000, 10_000);
  const startTime = optNum(input, 'startTime', invalidParam);
  const endTime = optNum(input, 'endTime', invalidParam);
  const startFromHead = optBool(input, 'startFromHead') ?? false;
  const token = optStr(input, 'nextToken', invalidParam);
  const n = s.visibleLength(ctx.now);
  const lo = startTime !== undefined ? Math.min(n, lowerBound(s.ts, startTime)) : 0;
  const hi = endTime !== undefined ? Math.min(n, Math.max(lo, lowerBound(s.ts, endTime))) : n;
  let from: number;
  let to: number;
  let forwardFirst: boolean;
  const raw = token !== undefined ? parseToken(token, n) : undefined;
  // quirk getEventsRangeTokens: positions count from the first event of the time range, not of the stream
  const shift = ctx.quirks?.current.getEventsRangeTokens ? lo : 0;
  const parsed = raw && shift > 0 ? { ...raw, pos: Math.min(n, raw.pos + shift) } : raw;
  if (parsed ? parsed.dir === 'f' : startFromHead) {
    from = Math.min(Math.max(parsed ? parsed.pos : lo, lo), Math.max(hi, lo));
    to = Math.min(hi, from + limit);
    forwardFirst = true;
  } else {
    to = Math.max(Math.min(parsed ? parsed.pos : hi, hi), lo);
    from = Math.max(lo, to - limit);
    forwardFirst = false;
  }
  if (to < from) to = from;
  const quirk = forwardFirst && from < to ? ctx.quirks?.forwardPage(s, token, parsed?.k ?? 0, from) : undefined;
  if (quirk && 'empty' in quirk) return { events: [], nextForwardToken: quirk.empty, nextBackwardToken: formatToken('b', from) };
  // 1 MB a page
  let bytes = 0;
  if (forwardFirst) {
    for (let i = from; i < to; i++) {
      bytes += s.msg[i].length + EVENT_OVERHEAD;
      if (bytes > MAX_PAGE_BYTES) {
        to = i;
        break;
      }
    }
  } else {
    for (let i = to - 1; i >= from; i--) {
      bytes += s.msg[i].length + EVENT_OVERHEAD;
      if (bytes > MAX_PAGE_BYTES) {
        from = i + 1;
        break;
      }
    }
  }
  const events = new Array(to - from);
  for (let i = from; i < to; i++) events[i - from] = { timestamp: s.ts[i], message: s.msg[i], ingestionTime: s.ingest[i] };
  let nextForwardToken = formatToken('f', to - shift);
  let nextBackwardToken = formatToken('b', from - shift);
  if (parsed && events.length === 0) {
    // the end (or the beginning): the same token comes back
    if (parsed.dir === 'f') nextForwardToken = token as string;
    else nextBackwardToken = token as string;
  }
  if (quirk && events.length > 0) nextForwardToken = quirk.repeat;
  return { events, nextForwardToken, nextBackwardToken };
}

// ------------------------------------------------------------------ FilterLogEvents

interface FilterCursor {
  t: number;
  s: string;
  i: number;
}
const isCursor = (v: unknown): v is FilterCursor =>
  typeof v === 'object' && v !== null && typeof (v as FilterCursor).t === 'number' && typeof (v as FilterCursor).s === 'string' && typeof (v as FilterCursor).i === 'number';

export function selectStreams(g: LogGroup, names: string[] | undefined, prefix: string | undefined): LogStream[] {
  let streams: LogStream[];
  if (names) streams = names.map((n) => g.streams.get(n)).filter((s): s is LogStream => !!s);
  else streams = [...g.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix));
  return streams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function filterLogEvents(ctx: Ctx, input: Input) {
  const g = resolveGroup(ctx, input);
  const names = optStrList(input, 'logStreamNames', invalidParam);
  const prefix = optStr(input, 'logStreamNamePrefix', invalidParam);
  if (names && prefix !== undefined) throw invalidParam('You cannot specify both logStreamNames and logStreamNamePrefix.');
  if (names && (names.length < 1 || names.length > 100)) throw invalidParam(`1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length ${names.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
  const startTime = optNum(input, 'startTime', invalidParam);
  const endTime = optNum(input, 'endTime', invalidParam);
  if (startTime !== undefined && endTime !== undefined && endTime < startTime) throw invalidParam('endTime must be greater than or equal to startTime');
  const limit = limitOf(input, 10_000, 10_000);
  const match = compileFilterPattern(optStr(input, 'filterPattern', invalidParam));
  const cursor = decodeToken(optStr(input, 'nextToken', invalidParam), () => invalidParam('The specified nextToken is invalid.'), isCursor);
  const streams = selectStreams(g, names, ctx.quirks?.current.filterIgnoresPrefix ? undefined : prefix);
  const k = streams.length;
  const pos = new Int32Array(k);
  const end = new Int32Array(k);
  for (let j = 0; j < k; j++) {
    const s = streams[j];
    let p = startTime !== undefined ? lowerBound(s.ts, startTime) : 0;
    if (cursor) {
      if (s.name < cursor.s) p = Math.max(p, upperBound(s.ts, cursor.t));
      else if (s.name === cursor.s) p = Math.max(p, cursor.i + 1, lowerBound(s.ts, cursor.t));
      else p = Math.max(p, lowerBound(s.ts, cursor.t));
    }
    pos[j] = p;
    const n = s.visibleLength(ctx.now);
    end[j] = endTime !== undefined ? Math.min(n, upperBound(s.ts, endTime)) : n;
  }
  const events: { logStreamName: string; timestamp: number; message: string; ingestionTime: number; eventId: string }[] = [];
  let bytes = 0;
  let last: FilterCursor | undefined;
  let more = false;
  for (;;) {
    let best = -1;
    let bestT = Infinity;
    for (let j = 0; j < k; j++) {
      if (pos[j] < end[j]) {
        const t = streams[j].ts[pos[j]];
        if (t < bestT) {
          bestT = t;
          best = j;
        }
      }
    }
    if (best < 0) break;
    const s = streams[best];
    const i = pos[best];
    const message = s.msg[i];
    if (match(message)) {
      if (events.length >= limit || bytes + message.length + EVENT_OVERHEAD > MAX_PAGE_BYTES) {
        more = true;
        break;
      }
      bytes += message.length + EVENT_OVERHEAD;
      events.push({ logStreamName: s.name, timestamp: s.ts[i], message, ingestionTime: s.ingest[i], eventId: eventId(s.ts[i], best, i) });
      last = { t: s.ts[i], s: s.name, i };
    }
    pos[best] = i + 1;
  }
  return {
    events,
    searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: true })),
    nextToken: more && last ? encodeToken(last) : undefined,
  };
}

function eventId(ts: number, streamIdx: number, i: number): string {
  return String(ts).padStart(20, '0') + String(streamIdx).padStart(12, '0') + String(i).padStart(24, '0');
}

// ------------------------------------------------------------------ writes

const GROUP_RE = /^[.\-_/#A-Za-z0-9]{1,512}$/;

function createLogGroup(ctx: Ctx, input: Input) {
  const name = optStr(input, 'logGroupName', invalidParam);
  if (!name || !GROUP_RE.test(name)) throw invalidParam(`1 validation error detected: Value '${name ?? 'null'}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
  if (ctx.account.logs.groups.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  ctx.account.logs.createGroup(name, ctx.now);
  return {};
}

function createLogStream(ctx: Ctx, input: Input) {
  const g = resolveGroup(ctx, input);
  const name = optStr(input, 'logStreamName', invalidParam);
  if (!name || /[:*]/.test(name) || name.length > 512) throw invalidParam(`1 validation error detected: Value '${name ?? 'null'}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`);
  if (g.streams.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  ctx.account.logs.createStream(g.name, name, ctx.now);
  return {};
}

function putLogEvents(ctx: Ctx, input: Input) {
  const g = resolveGroup(ctx, input);
  const name = optStr(input, 'logStreamName', invalidParam);
  const s = name !== undefined ? g.streams.get(name) : undefined;
  if (!s) throw notFound('The specified log stream does not exist.');
  const evs = optStructList(input, 'logEvents', invalidParam);
  if (!evs || evs.length < 1 || evs.length > 10_000) throw invalidParam(`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and 10000`);
  let bytes = 0;
  const parsed = evs.map((e) => {
    const ts = optNum(e, 'timestamp', invalidParam);
    const message = optStr(e, 'message', invalidParam);
    if (ts === undefined || message === undefined) throw invalidParam('Each log event must have a timestamp and a message.');
    bytes += Buffer.byteLength(message) + EVENT_OVERHEAD;
    return { ts, message };
  });
  if (bytes > MAX_PAGE_BYTES) throw invalidParam('Upload too large: the batch of log events exceeds 1,048,576 bytes.');
  for (let i = 1; i < parsed.length; i++) if (parsed[i].ts < parsed[i - 1].ts) throw invalidParam('Log events in a single PutLogEvents request must be in chronological order.');
  if (parsed[parsed.length - 1].ts - parsed[0].ts > 24 * 3600_000) throw invalidParam('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  let tooOld: number | undefined;
  let tooNew: number | undefined;
  parsed.forEach((e, i) => {
    if (e.ts < ctx.now - 14 * 86400_000) tooOld = i;
    else if (e.ts > ctx.now + 2 * 3600_000) tooNew = tooNew ?? i;
    else s.append(e.ts, e.message, ctx.now);
  });
  s.sequence++;
  const rejected = tooOld !== undefined || tooNew !== undefined ? { tooOldLogEventEndIndex: tooOld !== undefined ? tooOld + 1 : undefined, tooNewLogEventStartIndex: tooNew } : undefined;
  return { nextSequenceToken: String(s.sequence).padStart(56, '4'), rejectedLogEventsInfo: rejected };
}

export const logsOps: Record<string, (ctx: Ctx, input: Input) => unknown> = withProgress({
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  PutLogEvents: putLogEvents,
});

