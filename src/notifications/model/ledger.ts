/**
 * Which status changes become notifications. Every sighting of a job's status or an alarm's state (from the
 * explorer's polls, its alarm listings, the watch poller) goes through here: a notice is due only on a
 * transition between two sightings of this session (a job first seen ended, e.g. after a restart of the
 * extension, is not one), only when the mode says so, and at most once per resource and state.
 */
import { CommandId } from '../../shared/ids';
import { jobKey, type JobRef } from '../../shared/jobRef';
import type { AlarmInfo } from '../../shared/metrics/alarms';
import { isTerminalTrainingStatus } from '../../shared/model';
import { alarmResource, type AlarmResource } from './alarmResources';
import type { NotificationMode } from './mode';
import { ACTION_OPEN_METRICS, isJobEnd, jobNotice, type Notice } from './notices';

export interface JobSighting {
  readonly job: JobRef;
  readonly status: string;
  readonly failureReason?: string;
}

export type AlarmSighting = Pick<AlarmInfo, 'alarmName' | 'state' | 'namespace' | 'dimensions' | 'stateReason'>;

export interface LedgerOptions {
  readonly mode: () => NotificationMode;
  readonly isWatched: (job: JobRef) => boolean;
  readonly now?: () => number;
}

export class NotificationLedger {
  private readonly jobs = new Map<string, { status: string; at: number }>();
  private readonly alarms = new Map<string, string>();
  private readonly notified = new Set<string>();

  constructor(private readonly options: LedgerOptions) {}

  /** The last status seen of a job and when (for the watch poller); undefined when never seen. */
  lastSeen(job: JobRef): { readonly status: string; readonly at: number } | undefined {
    return this.jobs.get(jobKey(job));
  }

  /** Records a job's status; the notice when it just ended and the mode and the watch list want one. */
  jobSeen(sighting: JobSighting): Notice | undefined {
    const key = jobKey(sighting.job);
    const before = this.jobs.get(key)?.status;
    this.jobs.set(key, { status: sighting.status, at: this.options.now?.() ?? Date.now() });
    if (before === undefined || before === sighting.status || isTerminalTrainingStatus(before) || !isJobEnd(sighting.status)) {
      return undefined;
    }
    const mode = this.options.mode();
    if (mode === 'off' || (mode === 'watched' && !this.options.isWatched(sighting.job))) {
      return undefined;
    }
    return this.once(jobNotice(sighting.job, sighting.status, sighting.failureReason));
  }

  /**
   * Records one alarm listing; one warning per resource of the tree on which some alarm entered ALARM since
   * the previous listing (alarms not in this listing keep their last state).
   */
  alarmsSeen(listing: readonly AlarmSighting[]): Notice[] {
    const entered = new Map<string, { resource: AlarmResource; alarms: AlarmSighting[] }>();
    for (const alarm of listing) {
      const before = this.alarms.get(alarm.alarmName);
      this.alarms.set(alarm.alarmName, alarm.state);
      const resource = alarmResource(alarm);
      if (before === undefined || before === 'ALARM' || alarm.state !== 'ALARM' || !resource) {
        continue;
      }
      const group = entered.get(resource.key) ?? { resource, alarms: [] };
      group.alarms.push(alarm);
      entered.set(resource.key, group);
    }
    if (this.options.mode() === 'off') {
      return [];
    }
    return [...entered.values()].flatMap(({ resource, alarms }) => this.once(alarmNotice(resource, alarms)) ?? []);
  }

  /** The notice, unless one was given for the same resource and state in this session. */
  private once(notice: Notice): Notice | undefined {
    const id = `${notice.key}|${notice.state}`;
    if (this.notified.has(id)) {
      return undefined;
    }
    this.notified.add(id);
    return notice;
  }
}

function alarmNotice(resource: AlarmResource, alarms: readonly AlarmSighting[]): Notice {
  const names = alarms.map((a) => a.alarmName).join(', ');
  const reason = alarms.length === 1 && alarms[0].stateReason ? ` ${alarms[0].stateReason}` : '';
  return {
    key: `alarm:${resource.key}`,
    state: 'ALARM',
    severity: 'warning',
    message: `${alarms.length === 1 ? 'Alarm' : 'Alarms'} ${names} in ALARM on ${resource.label}.${reason}`,
    actions: resource.metrics ? [{ title: ACTION_OPEN_METRICS, command: CommandId.OpenMetrics, args: resource.metrics }] : [],
  };
}
