/** CloudWatch Logs and SageMaker reads for the tail engine (src/logs/engine/), over the SDK clients. */
import { CloudWatchLogsClient, DescribeLogGroupsCommand, FilterLogEventsCommand, GetLogEventsCommand, StartLiveTailCommand, type StartLiveTailResponseStream } from '@aws-sdk/client-cloudwatch-logs';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { FailureKind, FilterEventsPage, FilterEventsRequest, GetEventsPage, GetEventsRequest, LiveTailRequest, LiveTailUpdate, LogEvent, LogSource, StreamInfo, TrainingJobState } from '../../shared/logs/source';
import { classifyAwsError } from '../errors';
import { describeProcessingJob, describeTransformJob } from '../jobs';
import { describeTrainingJob } from '../sagemaker';
import { listLogStreams, manyRequests } from './streams';

const LIVE_TAIL_REFUSED = new Set(['LimitExceededException', 'AccessDeniedException', 'UnknownOperationException', 'UnrecognizedClientException', 'InvalidOperationException']);

/** The Live Tail response stream as updates; a `sessionStreamingException` or `sessionTimeoutException` frame throws. */
export async function* liveTailUpdates(stream: AsyncIterable<StartLiveTailResponseStream>): AsyncGenerator<LiveTailUpdate> {
  for await (const frame of stream) {
    if (frame.sessionUpdate) {
      yield {
        events: (frame.sessionUpdate.sessionResults ?? []).map((e) => ({
          logStreamName: e.logStreamName ?? '',
          timestamp: e.timestamp ?? 0,
          message: e.message ?? '',
          ...(e.ingestionTime !== undefined ? { ingestionTime: e.ingestionTime } : {}),
          // The engine leaves out events of other groups (a service may send them): an event without one is kept.
          ...(e.logGroupIdentifier ? { logGroupIdentifier: e.logGroupIdentifier } : {}),
        })),
        sampled: frame.sessionUpdate.sessionMetadata?.sampled === true,
      };
    } else if (frame.SessionStreamingException || frame.SessionTimeoutException) {
      const ex = frame.SessionStreamingException ?? frame.SessionTimeoutException;
      throw Object.assign(new Error(ex?.message ?? 'The Live Tail session ended.'), { name: frame.SessionTimeoutException ? 'SessionTimeoutException' : 'SessionStreamingException' });
    }
  }
}

export class SdkLogSource implements LogSource {
  private readonly groupArns = new Map<string, string>();

  constructor(
    private readonly logs: CloudWatchLogsClient,
    private readonly sagemaker: SageMakerClient,
    /** The service's clock (src/aws/serverClock.ts, fed by the clients' responses); absent: the local clock. */
    private readonly now?: () => number,
  ) {}

  serviceNow(): number {
    return this.now ? this.now() : Date.now();
  }

  listStreams(logGroupName: string, prefix: string | undefined, signal: AbortSignal): Promise<StreamInfo[]> {
    return listLogStreams(this.logs, logGroupName, prefix, signal);
  }

  async getEvents(r: GetEventsRequest, signal: AbortSignal): Promise<GetEventsPage> {
    const out = await this.logs.send(
      new GetLogEventsCommand({
        logGroupName: r.logGroupName,
        logStreamName: r.logStreamName,
        startFromHead: r.startFromHead,
        ...(r.nextToken ? { nextToken: r.nextToken } : {}),
        ...(r.startTime !== undefined ? { startTime: r.startTime } : {}),
        ...(r.endTime !== undefined ? { endTime: r.endTime } : {}),
        ...(r.limit !== undefined ? { limit: r.limit } : {}),
      }),
      { abortSignal: manyRequests(signal) },
    );
    const logStreamName = r.logStreamName;
    const events = out.events ?? [];
    const tagged = new Array<LogEvent>(events.length);
    // Field by field into one shape, not by spreading: a backfill maps hundreds of thousands of these.
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      tagged[i] = { logStreamName, timestamp: e.timestamp ?? 0, message: e.message ?? '', ingestionTime: e.ingestionTime };
    }
    return {
      events: tagged,
      ...(out.nextForwardToken ? { nextForwardToken: out.nextForwardToken } : {}),
      ...(out.nextBackwardToken ? { nextBackwardToken: out.nextBackwardToken } : {}),
    };
  }

  async filterEvents(r: FilterEventsRequest, signal: AbortSignal): Promise<FilterEventsPage> {
    const out = await this.logs.send(
      new FilterLogEventsCommand({
        logGroupName: r.logGroupName,
        filterPattern: r.filterPattern,
        ...(r.logStreamNames ? { logStreamNames: [...r.logStreamNames] } : {}),
        ...(r.logStreamNamePrefix ? { logStreamNamePrefix: r.logStreamNamePrefix } : {}),
        ...(r.startTime !== undefined ? { startTime: r.startTime } : {}),
        ...(r.endTime !== undefined ? { endTime: r.endTime } : {}),
        ...(r.nextToken ? { nextToken: r.nextToken } : {}),
      }),
      { abortSignal: manyRequests(signal) },
    );
    return {
      events: (out.events ?? []).map((e) => ({
        logStreamName: e.logStreamName ?? '',
        timestamp: e.timestamp ?? 0,
        message: e.message ?? '',
        ...(e.ingestionTime !== undefined ? { ingestionTime: e.ingestionTime } : {}),
        ...(e.eventId ? { eventId: e.eventId } : {}),
      })),
      ...(out.nextToken ? { nextToken: out.nextToken } : {}),
    };
  }

  async trainingJob(name: string, signal: AbortSignal): Promise<TrainingJobState> {
    const j = await describeTrainingJob(this.sagemaker, name, signal);
    return {
      status: j.status,
      ...(j.secondaryStatus ? { secondaryStatus: j.secondaryStatus } : {}),
      ...(j.failureReason ? { failureReason: j.failureReason } : {}),
      transitions: j.transitions,
    };
  }

  async jobState(kind: 'processing' | 'transform', name: string, signal: AbortSignal): Promise<TrainingJobState> {
    const j = kind === 'processing' ? await describeProcessingJob(this.sagemaker, name, signal) : await describeTransformJob(this.sagemaker, name, signal);
    return { status: j.status, ...(j.failureReason ? { failureReason: j.failureReason } : {}), transitions: [] };
  }

  /** Live Tail takes log group ARNs: DescribeLogGroups gives them without asking STS for the account. */
  private async groupArn(logGroupName: string, signal: AbortSignal): Promise<string> {
    const known = this.groupArns.get(logGroupName);
    if (known) {
      return known;
    }
    const out = await this.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName }), { abortSignal: signal });
    const group = out.logGroups?.find((g) => g.logGroupName === logGroupName);
    const arn = group?.logGroupArn ?? group?.arn?.replace(/:\*$/, '');
    if (!arn) {
      throw Object.assign(new Error(`The log group ${logGroupName} does not exist.`), { name: 'ResourceNotFoundException' });
    }
    this.groupArns.set(logGroupName, arn);
    return arn;
  }

  /**
   * The SDK counts LimitExceededException as throttling and retries it for half a minute; a refused session
   * should fall back to polling at once, so sessions start on a client of the same connection with one attempt.
   */
  private singleAttemptClient(): CloudWatchLogsClient {
    const c = this.logs.config;
    return new CloudWatchLogsClient({
      region: c.region,
      credentials: c.credentials,
      ...(c.isCustomEndpoint && c.endpoint ? { endpoint: c.endpoint } : {}),
      disableHostPrefix: c.disableHostPrefix,
      customUserAgent: c.customUserAgent,
      maxAttempts: 1,
    });
  }

  async liveTail(r: LiveTailRequest, signal: AbortSignal): Promise<AsyncIterable<LiveTailUpdate>> {
    const arn = await this.groupArn(r.logGroupName, signal);
    const client = this.singleAttemptClient();
    try {
      const out = await client.send(
        new StartLiveTailCommand({
          logGroupIdentifiers: [arn],
          ...(r.logStreamNames ? { logStreamNames: [...r.logStreamNames] } : {}),
          ...(r.logStreamNamePrefixes ? { logStreamNamePrefixes: [...r.logStreamNamePrefixes] } : {}),
          ...(r.filterPattern ? { logEventFilterPattern: r.filterPattern } : {}),
        }),
        { abortSignal: manyRequests(signal) },
      );
      if (!out.responseStream) {
        throw Object.assign(new Error('StartLiveTail returned no stream.'), { name: 'UnknownOperationException' });
      }
      const stream = out.responseStream;
      return {
        async *[Symbol.asyncIterator]() {
          try {
            yield* liveTailUpdates(stream);
          } finally {
            client.destroy();
          }
        },
      };
    } catch (e) {
      client.destroy();
      throw e;
    }
  }

  classify(error: unknown): FailureKind {
    const name = (error as { name?: unknown } | undefined)?.name;
    // Answers to StartLiveTail from a service without it, or over its session quota: do without Live Tail.
    if (typeof name === 'string' && LIVE_TAIL_REFUSED.has(name)) {
      return name === 'AccessDeniedException' ? 'accessDenied' : 'unsupported';
    }
    return classifyAwsError(error).kind;
  }

}
