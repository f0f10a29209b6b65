import * as assert from 'node:assert/strict';
import { PRESET_DURATION_MS, TIME_RANGE_PRESETS, choosePeriod, minimumPeriodSeconds, pointsPerSeries, resolveTimeRange } from '../../../src/shared/metrics/period';

const NOW = Date.UTC(2026, 10, 24, 12);
const DAY = 86_400_000;
const range = (preset: (typeof TIME_RANGE_PRESETS)[number]) => resolveTimeRange({ kind: 'preset', preset }, NOW);

describe('shared/metrics/period: periods within the retention tiers', () => {
  it('knows the tiers: 60 s up to 15 days, 300 s up to 63 days, 3600 s up to 455 days', () => {
    assert.equal(minimumPeriodSeconds(NOW - 15 * DAY, NOW), 60);
    assert.equal(minimumPeriodSeconds(NOW - 15 * DAY - 1, NOW), 300);
    assert.equal(minimumPeriodSeconds(NOW - 63 * DAY, NOW), 300);
    assert.equal(minimumPeriodSeconds(NOW - 63 * DAY - 1, NOW), 3600);
    assert.equal(minimumPeriodSeconds(NOW - 455 * DAY, NOW), 3600);
  });

  it('picks the finest period for short ranges and stays ≤ 1,440 points per series', () => {
    const expected: Record<string, number> = { '15m': 60, '1h': 60, '3h': 60, '12h': 60, '1d': 60, '3d': 300, '1w': 900, '2w': 900, '1mo': 3600, '3mo': 21600, '15mo': 86400 };
    for (const p of TIME_RANGE_PRESETS) {
      const choice = choosePeriod(range(p), NOW);
      assert.equal(choice.periodSeconds, expected[p], p);
      assert.ok(pointsPerSeries(range(p), choice.periodSeconds) <= 1440, p);
      assert.ok(choice.reason.length > 0);
    }
  });

  it('never goes finer than the tier of the range start, even for a short window long ago', () => {
    const at = (daysAgo: number) => ({ start: NOW - daysAgo * DAY, end: NOW - daysAgo * DAY + 3600_000 });
    assert.equal(choosePeriod(at(10), NOW).periodSeconds, 60);
    assert.deepEqual(choosePeriod(at(20), NOW), { periodSeconds: 300, reason: '5 min is the finest data kept beyond 15 days' });
    assert.deepEqual(choosePeriod(at(100), NOW), { periodSeconds: 3600, reason: '1 h is the finest data kept beyond 63 days' });
  });

  it('keeps a period the user picked when the tier has it, else the next valid one', () => {
    assert.deepEqual(choosePeriod(range('1d'), NOW, 300), { periodSeconds: 300, reason: 'chosen' });
    const old = { start: NOW - 30 * DAY, end: NOW - 29 * DAY };
    assert.equal(choosePeriod(old, NOW, 60).periodSeconds, 300);
    assert.match(choosePeriod(old, NOW, 60).reason, /not kept/);
    assert.equal(choosePeriod({ start: NOW - 100 * DAY, end: NOW }, NOW, 900).periodSeconds, 3600);
  });

  it('resolves presets, custom windows and a training job\'s own run', () => {
    assert.deepEqual(range('15mo'), { start: NOW - PRESET_DURATION_MS['15mo'], end: NOW });
    assert.deepEqual(resolveTimeRange({ kind: 'custom', start: 1, end: 2 }, NOW), { start: 1, end: 2 });
    const job = resolveTimeRange({ kind: 'job' }, NOW, { start: NOW - 5 * 3600_000, end: NOW - 3600_000 });
    assert.deepEqual(job, { start: NOW - 5 * 3600_000 - 300_000, end: NOW - 3600_000 + 300_000 });
    const running = resolveTimeRange({ kind: 'job' }, NOW, { start: NOW - 2 * 3600_000 });
    assert.equal(running.end, NOW);
  });
});
