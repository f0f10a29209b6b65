import * as assert from 'node:assert/strict';
import type { JobRef } from '../../../src/shared/jobRef';
import { CommandId } from '../../../src/shared/ids';
import { NotificationLedger, type AlarmSighting } from '../../../src/notifications/model/ledger';
import type { NotificationMode } from '../../../src/notifications/model/mode';

const bert: JobRef = { kind: 'training', name: 'bert' };
const prep: JobRef = { kind: 'processing', name: 'prep' };
const score: JobRef = { kind: 'transform', name: 'score' };

/** A ledger with a mode and a watch list the test changes. */
function ledger(mode: NotificationMode = 'watched', watched: JobRef[] = [bert, prep, score]) {
  const state = { mode, watched: new Set(watched.map((j) => `${j.kind}:${j.name}`)) };
  const l = new NotificationLedger({ mode: () => state.mode, isWatched: (j) => state.watched.has(`${j.kind}:${j.name}`), now: () => 1000 });
  return { l, state };
}

const alarm = (alarmName: string, state: string, endpoint = 'fraud', variant?: string): AlarmSighting => ({
  alarmName,
  state,
  namespace: 'AWS/SageMaker',
  dimensions: [{ Name: 'EndpointName', Value: endpoint }, ...(variant ? [{ Name: 'VariantName', Value: variant }] : [])],
  stateReason: `reason of ${alarmName}`,
});

describe('notifications: the ledger of transitions', () => {
  it('notifies a watched job once when it ends, with the severity and actions of its end', () => {
    const { l } = ledger();
    assert.equal(l.jobSeen({ job: bert, status: 'InProgress' }), undefined, 'a first sighting is no transition');
    assert.equal(l.jobSeen({ job: bert, status: 'InProgress' }), undefined);
    const n = l.jobSeen({ job: bert, status: 'Failed', failureReason: 'AlgorithmError: boom\nsecond line' });
    assert.ok(n);
    assert.equal(n.severity, 'error');
    assert.equal(n.message, 'Training job bert failed: AlgorithmError: boom');
    assert.deepEqual(
      n.actions.map((a) => [a.title, a.command, a.args]),
      [
        ['Show Failure', CommandId.ShowFailure, { trainingJobName: 'bert' }],
        ['Open Logs', CommandId.TailLogs, { trainingJobName: 'bert' }],
        ['Open Metrics', CommandId.OpenMetrics, { trainingJobName: 'bert' }],
      ],
    );
    assert.equal(l.jobSeen({ job: bert, status: 'Failed' }), undefined, 'the same state again: nothing');
  });

  it('gives Completed an information and Stopped a warning, without Show Failure, for every kind of job', () => {
    const { l } = ledger();
    l.jobSeen({ job: prep, status: 'InProgress' });
    l.jobSeen({ job: score, status: 'Stopping' });
    const done = l.jobSeen({ job: prep, status: 'Completed' });
    const stopped = l.jobSeen({ job: score, status: 'Stopped' });
    assert.deepEqual([done?.severity, done?.message], ['information', 'Processing job prep completed.']);
    assert.deepEqual([stopped?.severity, stopped?.message], ['warning', 'Transform job score stopped.']);
    assert.deepEqual(done?.actions.map((a) => [a.title, a.args]), [
      ['Open Logs', { processingJobName: 'prep' }],
      ['Open Metrics', { processingJobName: 'prep' }],
    ]);
    assert.deepEqual(stopped?.actions.map((a) => a.title), ['Open Logs', 'Open Metrics']);
  });

  it('does not take a first sighting of an ended job for a transition (a restart of the extension says nothing)', () => {
    const before = ledger();
    before.l.jobSeen({ job: bert, status: 'InProgress' });
    assert.ok(before.l.jobSeen({ job: bert, status: 'Completed' }));
    // A new session (the extension restarted) sees the same job ended: no second notification.
    const after = ledger();
    assert.equal(after.l.jobSeen({ job: bert, status: 'Completed' }), undefined);
    assert.equal(after.l.jobSeen({ job: bert, status: 'Completed' }), undefined);
    assert.deepEqual(after.l.lastSeen(bert), { status: 'Completed', at: 1000 });
  });

  it('ignores moves between running states and out of an end', () => {
    const { l } = ledger();
    for (const status of ['InProgress', 'Stopping', 'InProgress']) {
      assert.equal(l.jobSeen({ job: bert, status }), undefined, status);
    }
    assert.ok(l.jobSeen({ job: bert, status: 'Stopped' }));
    assert.equal(l.jobSeen({ job: bert, status: 'Completed' }), undefined, 'an ended job does not end again');
  });

  it('watched: only watched jobs; all: every job; off: none (the sightings are kept either way)', () => {
    const { l, state } = ledger('watched', [bert]);
    l.jobSeen({ job: prep, status: 'InProgress' });
    assert.equal(l.jobSeen({ job: prep, status: 'Completed' }), undefined, 'not watched');
    state.mode = 'all';
    l.jobSeen({ job: score, status: 'InProgress' });
    assert.ok(l.jobSeen({ job: score, status: 'Completed' }), 'all: an unwatched job too');
    state.mode = 'off';
    l.jobSeen({ job: bert, status: 'InProgress' });
    assert.equal(l.jobSeen({ job: bert, status: 'Failed' }), undefined, 'off');
    assert.equal(l.lastSeen(bert)?.status, 'Failed');
  });

  it('keeps jobs of different kinds with the same name apart', () => {
    const { l } = ledger('all');
    const sameName: JobRef = { kind: 'processing', name: 'bert' };
    l.jobSeen({ job: bert, status: 'InProgress' });
    assert.equal(l.jobSeen({ job: sameName, status: 'Completed' }), undefined, 'first sighting of the processing job');
    assert.ok(l.jobSeen({ job: bert, status: 'Completed' }));
  });

  describe('alarms', () => {
    it('warns once when an alarm seen in another state enters ALARM, with Open Metrics of its resource', () => {
      const { l } = ledger();
      assert.deepEqual(l.alarmsSeen([alarm('a', 'OK', 'fraud', 'AllTraffic'), alarm('b', 'ALARM', 'churn')]), [], 'first listing: no transition');
      const [n, ...rest] = l.alarmsSeen([alarm('a', 'ALARM', 'fraud', 'AllTraffic'), alarm('b', 'ALARM', 'churn')]);
      assert.equal(rest.length, 0, 'b was in ALARM already');
      assert.equal(n.severity, 'warning');
      assert.equal(n.message, 'Alarm a in ALARM on endpoint fraud / AllTraffic. reason of a');
      assert.deepEqual(n.actions, [{ title: 'Open Metrics', command: CommandId.OpenMetrics, args: { endpointName: 'fraud', variantName: 'AllTraffic' } }]);
      assert.deepEqual(l.alarmsSeen([alarm('a', 'ALARM', 'fraud', 'AllTraffic')]), [], 'still in ALARM');
      l.alarmsSeen([alarm('a', 'OK', 'fraud', 'AllTraffic')]);
      assert.deepEqual(l.alarmsSeen([alarm('a', 'ALARM', 'fraud', 'AllTraffic')]), [], 'at most one notification per resource and state');
    });

    it('makes one warning of several alarms entering ALARM on one resource', () => {
      const { l } = ledger();
      l.alarmsSeen([alarm('x', 'INSUFFICIENT_DATA'), alarm('y', 'OK')]);
      const notices = l.alarmsSeen([alarm('x', 'ALARM'), alarm('y', 'ALARM')]);
      assert.deepEqual(notices.map((n) => n.message), ['Alarms x, y in ALARM on endpoint fraud.']);
    });

    it('ignores alarms on nothing the tree shows, and says nothing when off', () => {
      const { l, state } = ledger('off');
      const custom: AlarmSighting = { alarmName: 'c', state: 'OK', namespace: 'Custom', dimensions: [{ Name: 'Queue', Value: 'q' }] };
      l.alarmsSeen([custom, alarm('a', 'OK')]);
      assert.deepEqual(l.alarmsSeen([{ ...custom, state: 'ALARM' }, alarm('a', 'ALARM')]), [], 'off');
      state.mode = 'watched';
      l.alarmsSeen([{ ...custom, state: 'OK' }, alarm('a', 'OK')]);
      assert.deepEqual(l.alarmsSeen([{ ...custom, state: 'ALARM' }]), [], 'no resource of the tree');
    });
  });
});
