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
 * What the reader's owner can ask of a following read while it runs: slow down while nobody sees the lines, and
 * end after reading what is there now (a tail takes over from there).
 */
export class JobLinesControl {
  private inSightValue = true;
  private finishingValue = false;
  private listener: (() => void) | undefined;

  get inSight(): boolean {
    return this.inSightValue;
  }

  get finishing(): boolean {
    return this.finishingValue;
  }

  /** Out of sight, the reader polls at the idle pace; back in sight, it reads at once and goes on at full speed. */
  setInSight(inSight: boolean): void {
    if (this.inSightValue !== inSight) {
      this.inSightValue = inSight;
      this.listener?.();
    }
  }

  /** Read every line there is now (one complete round), then end. */
  finish(): void {
    if (!this.finishingValue) {
      this.finishingValue = true;
      this.listener?.();
    }
  }

  /** The reader's side: told of every change, and once now. */
  bind(listener: () => void): void {
    this.listener = listener;
    listener();
  }
}

/**
 * Reads the lines in order per stream, each once, handing them out in batches; `onFollowing` when the lines up to
 * now are read and it waits for new ones (with `follow`); resolves when done (or finished through `control`).
 */
export type JobLineReader = (
  request: JobLinesRequest,
  signal: AbortSignal,
  onEvents: (events: readonly LogEvent[]) => void,
  onFollowing?: () => void,
  control?: JobLinesControl,
) => Promise<void>;
