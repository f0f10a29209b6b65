/**
 * What "Show Failure" reads for a failed training job: the last lines of every host and the first Python
 * traceback, with a handful of GetLogEvents calls read backwards from the end of each host's newest stream.
 */
import { GetLogEventsCommand, paginateFilterLogEvents, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { TrainingHost } from '../shared/model';
import { TRAINING_JOBS_LOG_GROUP, trainingStreamPrefix } from '../shared/names';
import { findTraceback } from '../shared/logs/traceback';

export interface FailureLogLine {
  readonly timestamp: number;
  readonly message: string;
}

export interface HostFailureLogs {
  readonly host: string;
  readonly logStreamName: string;
  /** The last `tailLines` events of the host's newest stream, oldest first. */
  readonly lastLines: readonly FailureLogLine[];
}

export interface FailureLogs {
  readonly hosts: readonly HostFailureLogs[];
  /** The earliest traceback of any host (a distributed job fails on every rank; the first one is the cause). */
  readonly traceback?: { readonly host: string; readonly logStreamName: string; readonly lines: readonly FailureLogLine[] };
}

export interface FailureLogsOptions {
  readonly tailLines?: number;
  /** How far back from the end each host is searched for a traceback. */
  readonly scanLines?: number;
}

/** Up to `limit` events from the end of a stream, oldest first (GetLogEvents pages may be empty; follow the backward token). */
async function lastEvents(logs: CloudWatchLogsClient, logStreamName: string, limit: number, signal?: AbortSignal): Promise<FailureLogLine[]> {
  const out: FailureLogLine[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10 && out.length < limit; page++) {
    const res = await logs.send(
      new GetLogEventsCommand({
        logGroupName: TRAINING_JOBS_LOG_GROUP,
        logStreamName,
        startFromHead: false,
        limit: Math.min(10_000, limit - out.length),
        ...(token ? { nextToken: token } : {}),
      }),
      { abortSignal: signal },
    );
    const events = (res.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: (e.message ?? '').replace(/\r?\n$/, '') }));
    out.unshift(...events);
    if (!res.nextBackwardToken || res.nextBackwardToken === token) {
      break;
    }
    token = res.nextBackwardToken;
  }
  return out.slice(-limit);
}

/** The first traceback of the job when it is not near the end of any stream: one filtered search, then its lines. */
async function searchTraceback(logs: CloudWatchLogsClient, trainingJobName: string, signal?: AbortSignal): Promise<FailureLogs['traceback']> {
  let pages = 0;
  for await (const res of paginateFilterLogEvents(
    { client: logs, pageSize: 1 },
    { logGroupName: TRAINING_JOBS_LOG_GROUP, logStreamNamePrefix: trainingStreamPrefix(trainingJobName), filterPattern: '"Traceback (most recent call last)"' },
    { abortSignal: signal },
  )) {
    const first = res.events?.[0];
    if (first?.logStreamName && first.timestamp !== undefined) {
      const around = await logs.send(
        new GetLogEventsCommand({ logGroupName: TRAINING_JOBS_LOG_GROUP, logStreamName: first.logStreamName, startTime: first.timestamp, startFromHead: true, limit: 300 }),
        { abortSignal: signal },
      );
      const lines = (around.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: (e.message ?? '').replace(/\r?\n$/, '') }));
      const tb = findTraceback(lines.map((l) => l.message));
      if (tb) {
        return { host: hostOfStream(first.logStreamName, trainingJobName), logStreamName: first.logStreamName, lines: lines.slice(tb.start, tb.end + 1) };
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

function hostOfStream(logStreamName: string, trainingJobName: string): string {
  const rest = logStreamName.slice(trainingJobName.length + 1);
  return /^(algo-\d+)/.exec(rest)?.[1] ?? rest;
}

export async function readFailureLogs(
  logs: CloudWatchLogsClient,
  trainingJobName: string,
  hosts: readonly TrainingHost[],
  options: FailureLogsOptions = {},
  signal?: AbortSignal,
): Promise<FailureLogs> {
  const tailLines = options.tailLines ?? 20;
  const scanLines = Math.max(tailLines, options.scanLines ?? 300);
  const withStreams = hosts.filter((h) => h.streams.length > 0);
  const read = await Promise.all(
    withStreams.map(async (h) => {
      const logStreamName = h.streams[h.streams.length - 1].logStreamName;
      return { host: h.host, logStreamName, lines: await lastEvents(logs, logStreamName, scanLines, signal) };
    }),
  );
  let traceback: FailureLogs['traceback'];
  for (const r of read) {
    const tb = findTraceback(r.lines.map((l) => l.message));
    if (tb && (!traceback || r.lines[tb.start].timestamp < traceback.lines[0].timestamp)) {
      traceback = { host: r.host, logStreamName: r.logStreamName, lines: r.lines.slice(tb.start, tb.end + 1) };
    }
  }
  traceback ??= await searchTraceback(logs, trainingJobName, signal);
  return {
    hosts: read.map((r) => ({ host: r.host, logStreamName: r.logStreamName, lastLines: r.lines.slice(-tailLines) })),
    ...(traceback ? { traceback } : {}),
  };
}
