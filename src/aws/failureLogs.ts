/**
 * What "Show Failure" reads for a failed job of any kind: the last lines of every host's newest stream and
 * the first Python traceback, with a handful of GetLogEvents calls read backwards from the end of each.
 */
import { GetLogEventsCommand, paginateFilterLogEvents, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { streamHostLabel, type FailureLogLine, type FailureLogSource, type FailureLogs } from '../shared/logs/failure';
import { findTraceback } from '../shared/logs/traceback';

export type { FailureLogLine, FailureLogSource, FailureLogs, HostFailureLogs } from '../shared/logs/failure';

export interface FailureLogsOptions {
  readonly tailLines?: number;
  /** How far back from the end each host is searched for a traceback. */
  readonly scanLines?: number;
}

const line = (e: { timestamp?: number; message?: string }): FailureLogLine => ({ timestamp: e.timestamp ?? 0, message: (e.message ?? '').replace(/\r?\n$/, '') });

/** Up to `limit` events from the end of a stream, oldest first (GetLogEvents pages may be empty; follow the backward token). */
async function lastEvents(logs: CloudWatchLogsClient, logGroupName: string, logStreamName: string, limit: number, signal?: AbortSignal): Promise<FailureLogLine[]> {
  const out: FailureLogLine[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10 && out.length < limit; page++) {
    const res = await logs.send(
      new GetLogEventsCommand({
        logGroupName,
        logStreamName,
        startFromHead: false,
        limit: Math.min(10_000, limit - out.length),
        ...(token ? { nextToken: token } : {}),
      }),
      { abortSignal: signal },
    );
    out.unshift(...(res.events ?? []).map(line));
    if (!res.nextBackwardToken || res.nextBackwardToken === token) {
      break;
    }
    token = res.nextBackwardToken;
  }
  return out.slice(-limit);
}

/** The first traceback of the job when it is not near the end of any stream: one filtered search, then its lines. */
async function searchTraceback(logs: CloudWatchLogsClient, source: FailureLogSource, signal?: AbortSignal): Promise<FailureLogs['traceback']> {
  const { logGroupName, streamPrefix } = source;
  let pages = 0;
  for await (const res of paginateFilterLogEvents(
    { client: logs, pageSize: 1 },
    { logGroupName, logStreamNamePrefix: streamPrefix, filterPattern: '"Traceback (most recent call last)"' },
    { abortSignal: signal },
  )) {
    const first = res.events?.[0];
    if (first?.logStreamName && first.timestamp !== undefined) {
      const around = await logs.send(new GetLogEventsCommand({ logGroupName, logStreamName: first.logStreamName, startTime: first.timestamp, startFromHead: true, limit: 300 }), { abortSignal: signal });
      const lines = (around.events ?? []).map(line);
      const tb = findTraceback(lines.map((l) => l.message));
      if (tb) {
        const host = source.streams.find((s) => s.logStreamName === first.logStreamName)?.host ?? streamHostLabel(first.logStreamName, streamPrefix);
        return { host, logStreamName: first.logStreamName, lines: lines.slice(tb.start, tb.end + 1) };
      }
      return undefined;
    }
    // FilterLogEvents may answer empty pages while it searches: give up after five.
    if (++pages >= 5) {
      return undefined;
    }
  }
  return undefined;
}

/** The end of every stream of `source` and the job's first traceback (searched for when no stream ends in one). */
export async function readFailureLogs(logs: CloudWatchLogsClient, source: FailureLogSource, options: FailureLogsOptions = {}, signal?: AbortSignal): Promise<FailureLogs> {
  const tailLines = options.tailLines ?? 20;
  const scanLines = Math.max(tailLines, options.scanLines ?? 300);
  const read = await Promise.all(source.streams.map(async (s) => ({ ...s, lines: await lastEvents(logs, source.logGroupName, s.logStreamName, scanLines, signal) })));
  let traceback: FailureLogs['traceback'];
  for (const r of read) {
    const tb = findTraceback(r.lines.map((l) => l.message));
    if (tb && (!traceback || r.lines[tb.start].timestamp < traceback.lines[0].timestamp)) {
      traceback = { host: r.host, logStreamName: r.logStreamName, lines: r.lines.slice(tb.start, tb.end + 1) };
    }
  }
  if (!traceback && source.streams.length > 0) {
    traceback = await searchTraceback(logs, source, signal);
  }
  return {
    hosts: read.map((r) => ({ host: r.host, logStreamName: r.logStreamName, lastLines: r.lines.slice(-tailLines) })),
    ...(traceback ? { traceback } : {}),
  };
}
