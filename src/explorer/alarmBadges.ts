/**
 * The alarm listing behind the explorer's badges: one DescribeAlarms listing shared by every node of a tree
 * refresh, and re-read on a timer while the view is visible, since alarm states change by themselves.
 */
import type * as vscode from 'vscode';
import type { ResourceCatalog } from '../aws/catalog';
import { classifyAwsError } from '../aws/errors';
import type { IDisposable } from '../shared/lifecycle';
import { AlarmIndex, type AlarmBadge, type AlarmInfo, type AlarmTargetKey } from '../shared/metrics/alarms';
import { alarmStates } from './model/alarmText';

export interface AlarmBadgesOptions {
  readonly catalog: ResourceCatalog;
  /** Seconds after which the listing shown is read again. */
  readonly intervalSeconds: () => number;
  /** Whether anyone can see the badges (the view is visible and not disposed). */
  readonly active: () => boolean;
  /** Redraws the whole tree: some alarm changed state. */
  readonly redraw: () => void;
  /** Each listing read (what alarm notifications ride on). */
  readonly listed?: (alarms: readonly AlarmInfo[]) => void;
  readonly log: vscode.LogOutputChannel;
}

export class AlarmBadges implements IDisposable {
  private alarms = new AlarmIndex();
  private loading: Promise<void> | undefined;
  /** When the alarm listing now shown was asked for; the badges are re-read once it is an interval old. */
  private askedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Said once, not at every re-read while the permission is missing. */
  private lastWarning: string | undefined;

  constructor(private readonly options: AlarmBadgesOptions) {}

  /** The node's alarm badge from the listing loaded so far. */
  badge(key: AlarmTargetKey): AlarmBadge | undefined {
    return this.alarms.badge(key);
  }

  /** Loads the listing once (never rejects: no permission = no badges). */
  load(): Promise<void> {
    if (this.loading) {
      return this.loading;
    }
    this.askedAt = Date.now();
    this.loading = this.options.catalog.alarmIndex().then(
      (index) => {
        this.alarms = index;
        this.lastWarning = undefined;
        this.options.listed?.(index.alarms);
      },
      (error: unknown) => {
        // Badges are a bonus: without cloudwatch:DescribeAlarms the tree works as before.
        const failure = classifyAwsError(error);
        const warning = `Alarm badges are off: DescribeAlarms failed (${failure.code}: ${failure.message})`;
        if (warning !== this.lastWarning) {
          this.options.log.warn(warning);
        }
        this.lastWarning = warning;
        this.alarms = new AlarmIndex();
      },
    );
    this.schedule();
    return this.loading;
  }

  /** The next `load` asks again (the catalogue decides whether it reads again). */
  forget(): void {
    this.loading = undefined;
  }

  /** Reads the alarms again (one DescribeAlarms listing), e.g. after creating one. */
  async reload(): Promise<void> {
    this.options.catalog.invalidateAlarms();
    this.loading = undefined;
    await this.load();
  }

  /**
   * While the view is visible and badges have been shown, the listing is read again once it is
   * `intervalSeconds` old (one DescribeAlarms listing, however many nodes), and the tree redrawn only when
   * some alarm changed state.
   */
  schedule(): void {
    if (this.timer || !this.options.active() || !this.loading) {
      return;
    }
    const intervalMs = this.options.intervalSeconds() * 1000;
    const tick = async () => {
      this.timer = undefined;
      if (!this.options.active() || !this.loading) {
        return;
      }
      if (Date.now() - this.askedAt >= intervalMs) {
        const before = alarmStates(this.alarms.alarms);
        await this.reload();
        if (alarmStates(this.alarms.alarms) !== before) {
          this.options.redraw();
        }
      }
      this.schedule();
    };
    this.timer = setTimeout(() => void tick(), Math.max(1000, intervalMs - (Date.now() - this.askedAt)));
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
