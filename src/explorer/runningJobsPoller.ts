/**
 * Jobs in progress (of every group shown) are read again on a timer while the view is visible, until they
 * end: each read redraws the job (its running duration moved on) and its hosts are reloaded on the next
 * expansion.
 */
import type * as vscode from 'vscode';
import { classifyAwsError } from '../aws/errors';
import type { IDisposable } from '../shared/lifecycle';
import type { ExplorerNode } from './baseNodes';

/** A loaded job of any kind, as the poller sees it (jobNodes.ts JobNode). */
export interface PolledJob extends ExplorerNode {
  readonly isTerminal: boolean;
  readonly kindNoun: string;
  readonly job: { readonly name: string; readonly status: string };
  readonly detail?: { readonly failureReason?: string };
  /** Reads the job again; true when what the tree shows changed. */
  poll(): Promise<boolean>;
  /** Jobs loaded under it that are read too. */
  nestedJobs?(): readonly PolledJob[];
}

export interface RunningJobsPollerOptions {
  /** The jobs loaded so far (the running ones are read). */
  readonly jobs: () => readonly PolledJob[];
  /** Seconds between reads. */
  readonly intervalSeconds: () => number;
  /** Whether anyone can see the jobs (the view is visible and not disposed). */
  readonly active: () => boolean;
  readonly changed: (node: ExplorerNode) => void;
  /** Each job read, with the status it had before (what notifications ride on). */
  readonly polled?: (job: PolledJob, before: string) => void;
  readonly log: vscode.LogOutputChannel;
}

export class RunningJobsPoller implements IDisposable {
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(private readonly options: RunningJobsPollerOptions) {}

  /** Reads every loaded job that is still running; fires a change for each that moved on. */
  async pollNow(): Promise<number> {
    if (this.polling) {
      return 0;
    }
    this.polling = true;
    let changes = 0;
    try {
      const running = this.options.jobs().filter((j) => !j.isTerminal);
      await Promise.all(
        running.map(async (job) => {
          try {
            const before = job.job.status;
            if (await job.poll()) {
              changes++;
            }
            this.options.polled?.(job, before);
            // Fire even without a status change: the running duration in the description moved on.
            this.options.changed(job);
          } catch (error) {
            this.options.log.warn(`Could not refresh ${job.kindNoun} ${job.job.name}: ${classifyAwsError(error).message}`);
          }
        }),
      );
    } finally {
      this.polling = false;
    }
    return changes;
  }

  /** Starts the timer when some loaded job is still running and none is set. */
  schedule(): void {
    if (this.timer || !this.options.active()) {
      return;
    }
    const tick = async () => {
      this.timer = undefined;
      if (!this.options.active()) {
        return;
      }
      await this.pollNow();
      if (this.options.jobs().some((j) => !j.isTerminal)) {
        this.timer = setTimeout(tick, this.options.intervalSeconds() * 1000);
      }
    };
    if (this.options.jobs().some((j) => !j.isTerminal)) {
      this.timer = setTimeout(tick, this.options.intervalSeconds() * 1000);
    }
  }

  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    this.stop();
  }
}
