import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { JobRef } from '../../../src/shared/jobRef';
import { NotificationLedger } from '../../../src/notifications/model/ledger';
import { WatchPoller } from '../../../src/notifications/watchPoller';

const live: JobRef = { kind: 'training', name: 'live' };
const done: JobRef = { kind: 'processing', name: 'done' };
const log = { warn: () => undefined } as unknown as vscode.LogOutputChannel;

/** A poller over a ledger, a clock and a fake Describe that counts its calls. */
function setup(watched: JobRef[], statuses: Record<string, string>, enabled = true, explorer = { polling: true }) {
  const clock = { now: 0 };
  const ledger = new NotificationLedger({ mode: () => 'watched', isWatched: () => true, now: () => clock.now });
  const reads: string[] = [];
  const poller = new WatchPoller({
    watched: () => watched,
    lastSeen: (j) => ledger.lastSeen(j),
    enabled: () => enabled,
    intervalSeconds: () => 30,
    describe: async (j) => {
      reads.push(j.name);
      return { status: statuses[j.name] };
    },
    seen: (s) => ledger.jobSeen(s),
    log,
    now: () => clock.now,
    othersPolling: () => explorer.polling,
  });
  return { clock, ledger, reads, poller };
}

describe('notifications: the watch poller', () => {
  it('reads nothing and runs no timer when nothing is watched, or notifications are off', async () => {
    const none = setup([], {});
    assert.equal(await none.poller.pollNow(), 0);
    none.poller.schedule();
    assert.equal(none.poller.isScheduled, false);
    const off = setup([live], { live: 'InProgress' }, false);
    assert.equal(await off.poller.pollNow(), 0);
    off.poller.schedule();
    assert.equal(off.poller.isScheduled, false);
    assert.deepEqual([...none.reads, ...off.reads], []);
  });

  it('reads a watched job it never saw once, and a running one every interval until it ends', async () => {
    const statuses: Record<string, string> = { live: 'InProgress', done: 'Completed' };
    const { clock, reads, poller } = setup([live, done], statuses);
    await poller.pollNow();
    assert.deepEqual(reads.sort(), ['done', 'live']);
    clock.now += 30_000;
    await poller.pollNow();
    assert.deepEqual(reads, ['done', 'live', 'live'], 'the ended job is not read again; the running one is, after one interval');
    statuses.live = 'Completed';
    clock.now += 30_000;
    await poller.pollNow();
    clock.now += 30_000;
    assert.equal(await poller.pollNow(), 0);
    assert.deepEqual(reads, ['done', 'live', 'live', 'live']);
    poller.schedule();
    assert.equal(poller.isScheduled, false, 'nothing left that can end');
  });

  it('skips a job the explorer read within the last interval and a half (no second request)', async () => {
    const { clock, ledger, reads, poller } = setup([live], { live: 'InProgress' });
    ledger.jobSeen({ job: live, status: 'InProgress' });
    clock.now += 29_000;
    assert.equal(await poller.pollNow(), 0);
    // The explorer stopped (its view hidden): the poller takes over.
    clock.now += 20_000;
    assert.equal(await poller.pollNow(), 1);
    clock.now += 30_000;
    assert.equal(await poller.pollNow(), 1, 'its own reads do not hold it back');
    assert.deepEqual(reads, ['live', 'live']);
    poller.schedule();
    assert.equal(poller.isScheduled, true);
    poller.stopIfIdle();
    assert.equal(poller.isScheduled, true, 'the job may still end');
    poller.dispose();
    assert.equal(poller.isScheduled, false);
  });

  it('does not leave a job to the explorer while the explorer does not poll (its view hidden), though it read it once', async () => {
    const explorer = { polling: false };
    const { clock, ledger, reads, poller } = setup([live], { live: 'InProgress' }, true, explorer);
    ledger.jobSeen({ job: live, status: 'InProgress' });
    clock.now += 1_000;
    assert.equal(await poller.pollNow(), 1, 'a listing of the hidden tree (a redraw) does not hold the poller back');
    explorer.polling = true;
    clock.now += 1_000;
    ledger.jobSeen({ job: live, status: 'InProgress' });
    clock.now += 1_000;
    assert.equal(await poller.pollNow(), 0, 'the explorer polls again: the job is left to it');
    assert.deepEqual(reads, ['live']);
  });

  it('stops its timer once the last job that could end is unwatched', () => {
    const watched = [live];
    const { poller } = setup(watched, { live: 'InProgress' });
    poller.schedule();
    assert.equal(poller.isScheduled, true);
    watched.pop();
    poller.stopIfIdle();
    assert.equal(poller.isScheduled, false);
  });
});
