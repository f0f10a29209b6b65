/** A one-off read of a training job's lines (all hosts), offered by the logs feature to others (the metrics panel). */
import type { LogEvent } from './source';

export interface JobLinesRequest {
  readonly trainingJobName: string;
  /** Every line from this time (epoch ms) on. */
  readonly startTime: number;
  /** Up to (not including) this time; absent: to the end, then following while `follow`. */
  readonly endTime?: number;
  /** Keep reading new lines until the job ends (or the signal aborts). */
  readonly follow: boolean;
}

/**
 * Reads the lines in order per stream, each once, handing them out in batches; `onFollowing` when the lines up to
 * now are read and it waits for new ones (with `follow`); resolves when done.
 */
export type JobLineReader = (request: JobLinesRequest, signal: AbortSignal, onEvents: (events: readonly LogEvent[]) => void, onFollowing?: () => void) => Promise<void>;
