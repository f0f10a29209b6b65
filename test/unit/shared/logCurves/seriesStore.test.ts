import * as assert from 'node:assert/strict';
import { patternsParser, type CurvePoint } from '../../../../src/shared/logCurves/lineParser';
import { readLogPatterns } from '../../../../src/shared/logCurves/logPatterns';
import { LogCurveStore, MAX_POINTS_PER_SERIES, type SeriesChange } from '../../../../src/shared/logCurves/seriesStore';

const T = Date.UTC(2026, 0, 1);
const store = (max?: number) => new LogCurveStore(patternsParser(readLogPatterns(undefined).patterns), max === undefined ? {} : { maxPointsPerSeries: max });

/** What a panel holds when it applies the changes as they come. */
function mirror() {
  const series = new Map<string, CurvePoint[]>();
  return {
    series,
    apply(changes: readonly SeriesChange[]) {
      for (const c of changes) {
        const key = `${c.host}/${c.metric}`;
        series.set(key, c.replaced ? [...c.replaced] : [...(series.get(key) ?? []), ...c.appended]);
      }
    },
  };
}

describe('shared/logCurves: the series store', () => {
  it('a series per host and metric; a line without points changes nothing', () => {
    const s = store();
    assert.deepEqual(s.addLine('algo-1', T, 'Downloading the data'), []);
    assert.deepEqual(s.addLine('algo-1', T, 'epoch 1 started'), []);
    const c = s.addLine('algo-2', T + 1, 'loss=0.5 acc=0.7');
    assert.deepEqual(
      c.map((x) => [x.host, x.metric, x.appended.map((p) => p.value), x.latest.value]),
      [
        ['algo-2', 'loss', [0.5], 0.5],
        ['algo-2', 'acc', [0.7], 0.7],
      ],
    );
    s.addLine('algo-1', T + 2, 'loss=0.9');
    assert.deepEqual(
      s.snapshot().map((x) => `${x.host}/${x.metric}:${x.points.length}`),
      ['algo-2/loss:1', 'algo-2/acc:1', 'algo-1/loss:1'],
    );
    assert.deepEqual(s.counters, { lines: 4, noDigit: 1, points: 3, nonFinite: 0, notANumber: 0 });
  });

  it('a page of lines: one change per series, in order', () => {
    const s = store();
    const c = s.addLines(Array.from({ length: 5 }, (_, i) => ({ host: 'algo-1', timestamp: T + i, message: `loss=${i}` })));
    assert.equal(c.length, 1);
    assert.deepEqual(
      c[0].appended.map((p) => p.value),
      [0, 1, 2, 3, 4],
    );
  });

  it('stays within its bound by decimation: the whole run at an even density, the newest point apart', () => {
    const s = store(10);
    const m = mirror();
    let replacements = 0;
    for (let i = 0; i < 100; i++) {
      const changes = s.addLine('algo-1', T + i, `loss=${i}`);
      replacements += changes.filter((c) => c.replaced).length;
      m.apply(changes);
    }
    const [series] = s.snapshot();
    assert.ok(series.points.length <= 10);
    assert.equal(series.points[0].value, 0, 'keeps the start of the curve');
    assert.equal(series.latest.value, 99);
    assert.deepEqual(series.latest, { metric: 'loss', value: 99, time: T + 99, host: 'algo-1' }, 'the newest point whole, though it was not kept');
    assert.equal(series.stride, 16);
    const values = series.points.map((p) => p.value);
    assert.ok(values.every((v, i) => i === 0 || v - values[i - 1] === series.stride), `evenly spaced: ${values}`);
    assert.ok(values[values.length - 1] > 99 - series.stride, 'reaches the end of the run');
    assert.equal(replacements, 4);
    assert.deepEqual(m.series.get('algo-1/loss'), series.points, 'the changes rebuild the same series');
  });

  it(`holds at most ${MAX_POINTS_PER_SERIES} points a series by default (50,000 lines, 2 hosts)`, function () {
    this.timeout(30_000); // a correctness test on a large input; speed is the benchmark's (P1)
    const s = store();
    const m = mirror();
    for (let i = 0; i < 25_000; i++) {
      m.apply(s.addLines([
        { host: 'algo-1', timestamp: T + i, message: `{'loss': ${1 / (i + 1)}, 'epoch': ${i / 1000}}` },
        { host: 'algo-2', timestamp: T + i, message: `{'loss': ${2 / (i + 1)}, 'epoch': ${i / 1000}}` },
      ]));
    }
    for (const v of s.snapshot()) {
      assert.ok(v.points.length <= MAX_POINTS_PER_SERIES && v.points.length > MAX_POINTS_PER_SERIES / 4, `${v.host}: ${v.points.length}`);
      assert.equal(v.points[0].epoch, 0);
      assert.equal(v.latest.epoch, 24.999);
      assert.deepEqual(m.series.get(`${v.host}/${v.metric}`), v.points);
    }
  });

  it('lines in batches of any size give the series and changes one line at a time gives', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({ host: `algo-${1 + (i % 3)}`, timestamp: T + i, message: i % 7 === 0 ? 'no value here' : `loss=${i} acc=${i / 3000}` }));
    const single = store(50);
    const singleMirror = mirror();
    lines.forEach((l) => singleMirror.apply(single.addLine(l.host, l.timestamp, l.message)));
    const batched = store(50);
    const batchedMirror = mirror();
    const sizes = [1, 2, 7, 150, 1, 333, 64, 999];
    for (let at = 0, k = 0; at < lines.length; k++) {
      const n = sizes[k % sizes.length];
      const b = batched.begin();
      lines.slice(at, at + n).forEach((l) => b.line(l.host, l.timestamp, l.message));
      const changes = b.end();
      assert.equal(new Set(changes.map((c) => `${c.host}/${c.metric}`)).size, changes.length, 'one change per series a batch');
      batchedMirror.apply(changes);
      at += n;
    }
    assert.deepEqual(batched.snapshot(), single.snapshot());
    assert.deepEqual(batched.counters, single.counters);
    assert.deepEqual(batchedMirror.series, singleMirror.series);
    assert.ok(batched.snapshot().every((v) => v.stride > 1), 'every series was decimated on the way');
  });

  it('a batch reports only its own points', () => {
    const s = store();
    s.addLines([{ host: 'algo-1', timestamp: T, message: 'loss=1' }, { host: 'algo-1', timestamp: T + 1, message: 'loss=2' }]);
    const b = s.begin();
    b.line('algo-1', T + 2, 'loss=3');
    b.line('algo-2', T + 2, 'nothing');
    assert.deepEqual(
      b.end().map((c) => [c.host, c.appended.map((p) => p.value)]),
      [['algo-1', [3]]],
    );
    assert.deepEqual(s.begin().end(), []);
  });

  it('steps and epochs stay with their points through growth and decimations, also when they first come late', () => {
    // The first 100 lines carry neither, the next 200 an epoch, the rest a step too: each point's x is known from its value.
    const line = (i: number) => (i < 100 ? `loss=${i}` : i < 300 ? `loss=${i} epoch=${i >> 3}` : `loss=${i} step=${i * 2} epoch=${i >> 3}`);
    for (const max of [2, 3, 7, 64, 100, 1000]) {
      const s = store(max);
      const m = mirror();
      for (let at = 0; at < 2000; at += 13) {
        m.apply(s.addLines(Array.from({ length: Math.min(13, 2000 - at) }, (_, k) => ({ host: 'algo-1', timestamp: T + at + k, message: line(at + k) }))));
      }
      const [series] = s.snapshot();
      assert.ok(series.points.length > 1 && series.points.length <= max, `${max}: ${series.points.length} points`);
      for (const p of [...series.points, series.latest]) {
        const i = p.value;
        assert.equal(p.time, T + i, `max ${max}, point ${i}: its time`);
        assert.equal(p.epoch, i < 100 ? undefined : i >> 3, `max ${max}, point ${i}: its epoch`);
        assert.equal(p.step, i < 300 ? undefined : i * 2, `max ${max}, point ${i}: its step`);
      }
      assert.deepEqual(m.series.get('algo-1/loss'), series.points, `max ${max}: the changes rebuild the series`);
    }
  });

  it('a batch nobody listens to gives no changes but the same series; the next batch reports only its own points', () => {
    const lines = Array.from({ length: 500 }, (_, i) => ({ host: `algo-${1 + (i % 2)}`, timestamp: T + i, message: `loss=${i} epoch=${i >> 4}` }));
    const quiet = store(40);
    const told = store(40);
    const m = mirror();
    for (let at = 0; at < 400; at += 37) {
      const b = quiet.begin(false);
      lines.slice(at, Math.min(at + 37, 400)).forEach((l) => b.line(l.host, l.timestamp, l.message));
      assert.deepEqual(b.end(), []);
      m.apply(told.addLines(lines.slice(at, Math.min(at + 37, 400))));
    }
    assert.deepEqual(quiet.snapshot(), told.snapshot());
    const b = quiet.begin();
    lines.slice(400).forEach((l) => b.line(l.host, l.timestamp, l.message));
    const changes = b.end();
    const expected = told.addLines(lines.slice(400));
    assert.deepEqual(changes, expected);
    assert.ok(changes.some((c) => c.appended.length > 0 && !c.replaced), 'points appended');
    m.apply(changes);
    assert.deepEqual([...m.series.values()], quiet.snapshot().map((v) => v.points), 'what a listener holds is the series');
    assert.ok(quiet.snapshot().every((v) => v.points.every((p) => p.epoch !== undefined)), 'epochs kept through the decimations');
  });
});
