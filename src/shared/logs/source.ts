/**
 * What the tail engine (src/logs/engine/) needs from CloudWatch Logs and SageMaker: the port, implemented over
 * the SDK in src/aws/logs/source.ts and by fakes in the tests. No SDK, no VS Code.
 */
import type { FailureKind } from '../failures';

export type { FailureKind } from '../failures';

export interface LogEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime?: number;
  /** FilterLogEvents gives one; GetLogEvents and Live Tail do not. */
  readonly eventId?: string;
  /** Live Tail says which log group an event is of (a name or an ARN): events of other groups are not the tail's. */
  readonly logGroupIdentifier?: string;
}

export interface StreamInfo {
  readonly logStreamName: string;
  readonly creationTime?: number;
  readonly lastEventTimestamp?: number;
}

export interface GetEventsRequest {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly startFromHead: boolean;
  readonly nextToken?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
}

export interface GetEventsPage {
  /** The stream's events, each already tagged with the stream asked for (a backfill makes no copies of them). */
  readonly events: readonly LogEvent[];
  readonly nextForwardToken?: string;
  readonly nextBackwardToken?: string;
}

export interface TrainingJobState {
  readonly status: string;
  readonly secondaryStatus?: string;
  readonly failureReason?: string;
  readonly transitions: readonly { readonly status: string; readonly startedAt?: number; readonly message?: string }[];
}

export interface FilterEventsRequest {
  readonly logGroupName: string;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefix?: string;
  /** Absent: every event (a merged follow round of several streams). */
  readonly filterPattern?: string;
  readonly startTime?: number;
  readonly endTime?: number;
  readonly nextToken?: string;
}

export interface FilterEventsPage {
  readonly events: readonly LogEvent[];
  readonly nextToken?: string;
}

export interface LiveTailRequest {
  readonly logGroupName: string;
  readonly logStreamNames?: readonly string[];
  readonly logStreamNamePrefixes?: readonly string[];
  readonly filterPattern?: string;
}

/** One Live Tail update: at most one a second; `sampled` when the service left events out. */
export interface LiveTailUpdate {
  readonly events: readonly LogEvent[];
  readonly sampled: boolean;
}

/** What the engine needs from CloudWatch Logs and SageMaker; the SDK implementation is in src/aws/logs. */
export interface LogSource {
  listStreams(logGroupName: string, prefix: string | undefined, signal: AbortSignal): Promise<StreamInfo[]>;
  getEvents(request: GetEventsRequest, signal: AbortSignal): Promise<GetEventsPage>;
  trainingJob(name: string, signal: AbortSignal): Promise<TrainingJobState>;
  /** A processing or transform job's status (no transitions). Absent: such tails follow until stopped. */
  jobState?(kind: 'processing' | 'transform', name: string, signal: AbortSignal): Promise<TrainingJobState>;
  /** FilterLogEvents: used instead of GetLogEvents when the tail has a filter pattern. */
  filterEvents(request: FilterEventsRequest, signal: AbortSignal): Promise<FilterEventsPage>;
  /** The failure's kind in the one taxonomy (src/shared/failures.ts); Live Tail refusals are `unsupported`. */
  classify(error: unknown): FailureKind;
  /**
   * The service's time now (epoch ms, from its responses' Date headers): where a read "from now" starts. Absent:
   * the local clock. A simulator may run shifted or faster; a laptop's clock may be off.
   */
  serviceNow?(): number;
  /** Starts a Live Tail session; resolves once the session has started. Absent: polling only. */
  liveTail?(request: LiveTailRequest, signal: AbortSignal): Promise<AsyncIterable<LiveTailUpdate>>;
}
