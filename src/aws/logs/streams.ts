/** Listing the log streams of a group: the one place that pages DescribeLogStreams (the SDK's paginator). */
import { paginateDescribeLogStreams, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { setMaxListeners } from 'node:events';
import type { StreamInfo } from '../../shared/logs/source';
import { classifyAwsError } from '../errors';

const raised = new WeakSet<AbortSignal>();

/**
 * The SDK adds an abort listener to the signal for each request in flight; one tail reads many streams at
 * once on one signal, so Node's default of 10 listeners would warn (MaxListenersExceededWarning) for a job
 * of more than 10 hosts. The listeners go when their requests end.
 */
export function manyRequests(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (signal && !raised.has(signal)) {
    raised.add(signal);
    setMaxListeners(0, signal);
  }
  return signal;
}

/** DescribeLogStreams pages (≤ 50 each, by name) of a group, optionally under a name prefix. */
export async function* logStreamPages(client: CloudWatchLogsClient, logGroupName: string, prefix: string | undefined, signal?: AbortSignal): AsyncGenerator<StreamInfo[]> {
  for await (const page of paginateDescribeLogStreams(
    { client, pageSize: 50 },
    { logGroupName, ...(prefix ? { logStreamNamePrefix: prefix } : {}), orderBy: 'LogStreamName' },
    { abortSignal: manyRequests(signal) },
  )) {
    yield (page.logStreams ?? []).map((s) => ({
      logStreamName: s.logStreamName ?? '',
      ...(s.creationTime !== undefined ? { creationTime: s.creationTime } : {}),
      ...(s.lastEventTimestamp !== undefined ? { lastEventTimestamp: s.lastEventTimestamp } : {}),
    }));
  }
}

/**
 * Every named stream of a group under the prefix. A group that does not exist yet (a job still starting, a
 * resource that never logged) simply has no streams.
 */
export async function listLogStreams(client: CloudWatchLogsClient, logGroupName: string, prefix: string | undefined, signal?: AbortSignal): Promise<StreamInfo[]> {
  const all: StreamInfo[] = [];
  try {
    for await (const page of logStreamPages(client, logGroupName, prefix, signal)) {
      all.push(...page.filter((s) => s.logStreamName !== ''));
    }
  } catch (e) {
    if (classifyAwsError(e).kind === 'notFound') {
      return [];
    }
    throw e;
  }
  return all;
}
