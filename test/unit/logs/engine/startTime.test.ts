import * as assert from 'node:assert/strict';
import { START_PRESETS, isStartPreset, jobStartTime, parseStartTime, presetStartTime } from '../../../../src/logs/engine/startTime';

describe('logs/engine/startTime: Tail Logs From…', () => {
  const now = new Date(2026, 10, 24, 22, 0, 0).getTime();

  it('reads local date-times and ISO 8601 with a zone', () => {
    assert.deepEqual(parseStartTime('2026-11-24 21:30', now), { ok: true, value: new Date(2026, 10, 24, 21, 30).getTime() });
    assert.deepEqual(parseStartTime('2026-11-24T21:30:15', now), { ok: true, value: new Date(2026, 10, 24, 21, 30, 15).getTime() });
    assert.deepEqual(parseStartTime('2026-11-24', now), { ok: true, value: new Date(2026, 10, 24).getTime() });
    assert.deepEqual(parseStartTime('2026-11-20T10:00:00Z', now), { ok: true, value: Date.UTC(2026, 10, 20, 10) });
    assert.deepEqual(parseStartTime('2026-11-20T10:00:00+0200', now), { ok: true, value: Date.UTC(2026, 10, 20, 8) });
  });

  it('rejects nonsense, impossible dates and the future with a message', () => {
    for (const bad of ['yesterday', '2026-02-31 10:00', '2026-11-24 25:00', '']) {
      const r = parseStartTime(bad, now);
      assert.equal(r.ok, false, bad);
    }
    const future = parseStartTime('2026-11-25 10:00', now);
    assert.deepEqual(future, { ok: false, error: 'That time is in the future.' });
  });

  it('turns each preset into a start time', () => {
    assert.deepEqual(
      START_PRESETS.map((p) => presetStartTime(p, now, { startedAt: 1000, createdAt: 500 })),
      [undefined, now - 5 * 60_000, now - 15 * 60_000, now - 3600_000, now - 3 * 3600_000, now - 86_400_000, 1000],
    );
    assert.equal(presetStartTime('jobStart', now), undefined);
    assert.ok(isStartPreset('15m') && isStartPreset('jobStart'));
    assert.ok(!isStartPreset('2h') && !isStartPreset(15));
  });

  it('starts a job from TrainingStartTime, else CreationTime', () => {
    assert.equal(jobStartTime({ startedAt: 2, createdAt: 1 }), 2);
    assert.equal(jobStartTime({ createdAt: 1 }), 1);
    assert.equal(jobStartTime({}), undefined);
  });
});
