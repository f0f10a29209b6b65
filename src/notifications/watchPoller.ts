/**
 * Watched jobs that nobody else reads: the explorer polls running jobs only while its view is visible and only
 * the jobs it has loaded, so a watched job that is hidden, not loaded, or never seen is read here, one Describe
 * per job per poll interval, until it ends. Jobs the explorer read recently are skipped (no second request);
 * with nothing watched (or notifications off) no timer runs and nothing is sent.
 */
import type * as vscode from 'vscode';
import { classifyAwsError } from '../aws/errors';
import { jobKey, jobNoun, type JobRef } from '../shared/jobRef';
import type { IDisposable } from '../shared/lifecycle';
import { isTerminalTrainingStatus } from '../shared/model';
import type { JobSighting } from './model/ledger';

export interface WatchPollerOptions {
  readonly watched: () => readonly JobRef[];
  /** The last status seen of a job, by whoever read it. */
  readonly lastSeen: (job: JobRef) => { readonly status: string; readonly at: number } | undefined;
  /** False while notifications are off: nothing is read. */
  readonly enabled: () => boolean;
  readonly intervalSeconds: () => number;
  readonly describe: (job: JobRef) => Promise<{ readonly status: string; readonly failureReason?: string }>;
  readonly seen: (sighting: JobSighting) => void;
  readonly log: vscode.LogOutputChannel;
  readonly now?: () => number;
  /** Whether the explorer polls now (its view visible): only then is a job it read lately left to it. Default: yes. */
  readonly othersPolling?: () => boolean;
}

export class WatchPoller implements IDisposable {
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** When this poller last read each job: a later sighting came from someone else (the explorer). */
  private readonly ownReads = new Map<string, number>();

  constructor(private readonly options: WatchPollerOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The watched jobs to read now: never seen, or still running and not read by the explorer lately. */
  due(): JobRef[] {
    if (!this.options.enabled()) {
      return [];
    }
    const intervalMs = this.options.intervalSeconds() * 1000;
    return this.options.watched().filter((job) => {
      const last = this.options.lastSeen(job);
      if (!last) {
        return true;
      }
      if (isTerminalTrainingStatus(last.status)) {
        return false;
      }
      const readByOthers = last.at > (this.ownReads.get(jobKey(job)) ?? -Infinity) && (this.options.othersPolling?.() ?? true);
      // The explorer reads every interval (plus its requests' time): half an interval of slack.
      return !(readByOthers && this.now() - last.at < intervalMs * 1.5);
    });
  }

  /** Reads the jobs due; the number read. */
  async pollNow(): Promise<number> {
    if (this.polling) {
      return 0;
    }
    this.polling = true;
    try {
      const due = this.due();
      await Promise.all(
        due.map(async (job) => {
          try {
            const { status, failureReason } = await this.options.describe(job);
            this.ownReads.set(jobKey(job), this.now());
            this.options.seen({ job, status, ...(failureReason ? { failureReason } : {}) });
          } catch (error) {
            this.options.log.warn(`Could not read watched ${jobNoun(job.kind)} ${job.name}: ${classifyAwsError(error).message}`);
          }
        }),
      );
      return due.length;
    } finally {
      this.polling = false;
    }
  }

  /** Whether some watched job may still end (the timer runs only then). */
  private wanted(): boolean {
    return this.options.enabled() && this.options.watched().some((job) => !isTerminalTrainingStatus(this.options.lastSeen(job)?.status ?? ''));
  }

  /** Starts the timer when some watched job may still end and none is set. */
  schedule(): void {
    if (this.timer || !this.wanted()) {
      return;
    }
    const timer: NodeJS.Timeout = setTimeout(async () => {
      await this.pollNow();
      // Stopped or restarted while reading: that call decides what runs next.
      if (this.timer === timer) {
        this.timer = undefined;
        this.schedule();
      }
    }, this.options.intervalSeconds() * 1000);
    this.timer = timer;
  }

  get isScheduled(): boolean {
    return this.timer !== undefined;
  }

  /** Stops the timer when nothing watched can end any more (a job was unwatched). */
  stopIfIdle(): void {
    if (!this.wanted()) {
      this.stop();
    }
  }

  /** Stops the timer and starts it again when wanted (a new interval, mode or watch list). */
  restart(): void {
    this.stop();
    this.schedule();
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
