/**
 * What Show Failure reads from a failed job's logs (src/aws/failureLogs.ts reads it, src/logs writes the
 * report): which streams to read, and what came of them.
 */

export interface FailureLogLine {
  readonly timestamp: number;
  readonly message: string;
}

/** One stream to read the end of: a host's newest stream (a transform instance has two, the model server's and its data log). */
export interface FailureStream {
  /** `algo-1`, `i-0abc…`, `i-0abc…/data-log`: how the report names it. */
  readonly host: string;
  readonly logStreamName: string;
}

/** Where a failed job's logs are. */
export interface FailureLogSource {
  readonly logGroupName: string;
  /** `[job]/`: where one filtered search looks for a traceback that is not near the end of any stream. */
  readonly streamPrefix: string;
  readonly streams: readonly FailureStream[];
}

export interface HostFailureLogs {
  readonly host: string;
  readonly logStreamName: string;
  /** The last `tailLines` events of the stream, oldest first. */
  readonly lastLines: readonly FailureLogLine[];
}

export interface FailureLogs {
  readonly hosts: readonly HostFailureLogs[];
  /** The earliest traceback of any host (a distributed job fails on every rank; the first one is the cause). */
  readonly traceback?: { readonly host: string; readonly logStreamName: string; readonly lines: readonly FailureLogLine[] };
}

/**
 * How the report names a stream found by search rather than listed: the part after `[job]/` without the
 * container's start time: `algo-2-1700000000` → `algo-2`, `i-0abc-1700000000/data-log` → `i-0abc/data-log`.
 */
export function streamHostLabel(logStreamName: string, streamPrefix: string): string {
  const rest = logStreamName.startsWith(streamPrefix) ? logStreamName.slice(streamPrefix.length) : logStreamName;
  return rest.replace(/-\d{9,11}(?=(?:\/data-log)?$)/, '') || rest;
}
