/**
 * Notifications when a job ends (Completed, Failed, Stopped) and when an alarm on a resource of the tree enters
 * ALARM. They ride on reads made anyway (the explorer's polls and alarm listings, fed in by the composition
 * root); watched jobs that nobody else reads are read by the watch poller. model/ledger.ts decides.
 */
import * as vscode from 'vscode';
import { jobNoun, type JobRef } from '../shared/jobRef';
import { Disposable } from '../shared/lifecycle';
import { NotificationLedger, type AlarmSighting, type JobSighting } from './model/ledger';
import type { NotificationMode } from './model/mode';
import type { Notice, NoticeSeverity } from './model/notices';
import { WatchList } from './model/watchList';
import { WatchPoller } from './watchPoller';

/** Shows a notification and resolves to the title of the action chosen (undefined when dismissed). */
export type Presenter = (severity: NoticeSeverity, message: string, actionTitles: readonly string[]) => Thenable<string | undefined>;

const defaultPresenter: Presenter = (severity, message, titles) => {
  switch (severity) {
    case 'error':
      return vscode.window.showErrorMessage(message, ...titles);
    case 'warning':
      return vscode.window.showWarningMessage(message, ...titles);
    default:
      return vscode.window.showInformationMessage(message, ...titles);
  }
};

/** A notification shown, with what its action did (for tests: `chosen` resolves once the action ran). */
export interface ShownNotice extends Notice {
  readonly chosen: Promise<string | undefined>;
}

export interface NotificationsOptions {
  readonly mode: () => NotificationMode;
  /** Where the watch list is kept across reloads (the workspace state). */
  readonly state: vscode.Memento;
  readonly log: vscode.LogOutputChannel;
  /** One Describe of a job (its status and failure reason). */
  readonly describe: (job: JobRef) => Promise<{ readonly status: string; readonly failureReason?: string }>;
  readonly intervalSeconds: () => number;
  /** Whether the explorer polls now (a watched job it read lately is left to it only then). */
  readonly explorerPolling?: () => boolean;
}

const WATCHED_KEY = 'sagemakerMonitor.watchedJobs';

export class Notifications extends Disposable {
  /** Replaces VS Code's notifications (tests answer them without a click). */
  present: Presenter = defaultPresenter;
  private readonly shownNotices: ShownNotice[] = [];
  private readonly watchList: WatchList;
  private readonly ledger: NotificationLedger;
  private readonly poller: WatchPoller;
  private readonly watchedChanged = this._register(new vscode.EventEmitter<void>());
  /** Fires when a job is watched or unwatched (the tree redraws its marks). */
  readonly onDidChangeWatched = this.watchedChanged.event;

  constructor(private readonly options: NotificationsOptions) {
    super();
    this.watchList = new WatchList(options.state.get<unknown>(WATCHED_KEY));
    this.ledger = new NotificationLedger({ mode: options.mode, isWatched: (job) => this.watchList.has(job) });
    this.poller = this._register(
      new WatchPoller({
        watched: () => this.watchList.all(),
        lastSeen: (job) => this.ledger.lastSeen(job),
        enabled: () => options.mode() !== 'off',
        intervalSeconds: options.intervalSeconds,
        describe: options.describe,
        seen: (sighting) => this.jobSeen(sighting),
        log: options.log,
        ...(options.explorerPolling ? { othersPolling: options.explorerPolling } : {}),
      }),
    );
    this.poller.schedule();
  }

  /** The notifications shown in this session, oldest first. */
  get shown(): readonly ShownNotice[] {
    return this.shownNotices;
  }

  isWatched(job: JobRef): boolean {
    return this.watchList.has(job);
  }

  watched(): readonly JobRef[] {
    return this.watchList.all();
  }

  /** Watches a job; `status`: what the caller knows of it (the tree's), a sighting like any other. */
  watch(job: JobRef, status?: string): void {
    if (status) {
      this.jobSeen({ job, status });
    }
    if (this.watchList.add(job)) {
      this.options.log.info(`Watching ${jobNoun(job.kind)} ${job.name}: a notification when it ends.`);
      this.saveWatchList();
    }
    this.poller.schedule();
  }

  unwatch(job: JobRef): void {
    if (this.watchList.delete(job)) {
      this.saveWatchList();
    }
    this.poller.stopIfIdle();
  }

  /** A job's status as read by anyone (the explorer's poll, the watch poller). */
  jobSeen(sighting: JobSighting): void {
    const notice = this.ledger.jobSeen(sighting);
    if (notice) {
      this.show(notice);
    }
  }

  /** One DescribeAlarms listing (the explorer's badges). */
  alarmsSeen(alarms: readonly AlarmSighting[]): void {
    for (const notice of this.ledger.alarmsSeen(alarms)) {
      this.show(notice);
    }
  }

  /** Reads the watched jobs nobody else read lately (what the timer does); the number read. */
  pollWatched(): Promise<number> {
    return this.poller.pollNow();
  }

  /** Whether the watch poller's timer runs (false when nothing watched can still end, or notifications are off). */
  get isPollingWatched(): boolean {
    return this.poller.isScheduled;
  }

  /** The mode or the interval changed. */
  settingsChanged(): void {
    this.poller.restart();
  }

  private saveWatchList(): void {
    void this.options.state.update(WATCHED_KEY, this.watchList.toJSON());
    this.watchedChanged.fire();
  }

  private show(notice: Notice): void {
    this.options.log.info(`Notification: ${notice.message}`);
    const chosen = Promise.resolve(this.present(notice.severity, notice.message, notice.actions.map((a) => a.title))).then(async (title) => {
      const action = notice.actions.find((a) => a.title === title);
      if (action) {
        // The command's own wrapper reports its failures.
        await vscode.commands.executeCommand(action.command, action.args);
      }
      return title;
    }).catch((error: unknown) => {
      this.options.log.warn(`Notification action failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    this.shownNotices.push({ ...notice, chosen });
  }
}
