import * as assert from 'node:assert/strict';
import { fieldsOf } from '../../../src/shared/insights/results';
import { binWidthMs, countLikeFields, MAX_SERIES, timeSeriesOf } from '../../../src/shared/insights/timeSeries';

const at = (hhmm: string) => Date.parse(`2026-11-24T${hhmm}:00Z`);
const bin = (hhmm: string) => `2026-11-24 ${hhmm}:00.000`;

describe('shared/insights/timeSeries: a stats … by bin() result as chart lines', () => {
  it('one line per aggregate, or per group-by value, sorted by time', () => {
    const one = timeSeriesOf(['bin(5m)', 'avgLoss'], [
      { 'bin(5m)': bin('07:10'), avgLoss: '0.5' },
      { 'bin(5m)': bin('07:05'), avgLoss: '0.6' },
    ]);
    assert.deepEqual(one, { timeField: 'bin(5m)', binMs: 300_000, series: [{ name: 'avgLoss', points: [{ x: at('07:05'), y: 0.6 }, { x: at('07:10'), y: 0.5 }] }] });
    const byHost = timeSeriesOf(['bin(1m)', 'host', 'errors'], [
      { 'bin(1m)': bin('09:01'), host: 'i-1', errors: '1' },
      { 'bin(1m)': bin('09:01'), host: 'i-2', errors: '3' },
    ]);
    assert.deepEqual(byHost?.series.map((s) => [s.name, s.points.map((p) => p.y)]), [['i-1', [1]], ['i-2', [3]]]);
    const two = timeSeriesOf(['bin(5m)', 'requests', 'p99'], [{ 'bin(5m)': bin('09:00'), requests: '3', p99: '70' }]);
    assert.deepEqual(two?.series.map((s) => s.name), ['requests', 'p99']);
  });

  it('missing bins: a gap (null) for an average, 0 for a count, by alias or unaliased', () => {
    const rows = [
      { 'bin(5m)': bin('10:00'), avgMs: '12', lines: '4', 'count(*)': '4', 'sum(bytes)': '100' },
      { 'bin(5m)': bin('10:15'), avgMs: '30', lines: '1', 'count(*)': '1', 'sum(bytes)': '7' },
      { 'bin(5m)': bin('10:05'), avgMs: '14', lines: '2', 'count(*)': '2', 'sum(bytes)': '9' },
    ];
    const query = 'filter ispresent(ms) | stats avg(ms) as avgMs, count(*) as lines, count(*), sum(bytes) by bin(5m)';
    const s = timeSeriesOf(['bin(5m)', 'avgMs', 'lines', 'count(*)', 'sum(bytes)'], rows, query);
    assert.ok(s);
    const xs = [at('10:00'), at('10:05'), at('10:10'), at('10:15')];
    for (const line of s.series) {
      assert.deepEqual(line.points.map((p) => p.x), xs, `${line.name}: every bin from the first to the last`);
    }
    assert.deepEqual(Object.fromEntries(s.series.map((l) => [l.name, l.points.map((p) => p.y)])), {
      avgMs: [12, 14, null, 30],
      lines: [4, 2, 0, 1],
      'count(*)': [4, 2, 0, 1],
      'sum(bytes)': [100, 9, 0, 7],
    });
    // Without the query, an aliased count is not known to count: a gap rather than an invented 0.
    assert.deepEqual(timeSeriesOf(['bin(5m)', 'lines'], rows)?.series[0].points.map((p) => p.y), [4, 2, null, 1]);
  });

  it('a group missing from a bin another group has is a gap (or 0) there too', () => {
    const rows = [
      { 'bin(1m)': bin('09:00'), host: 'a', p99: '5' },
      { 'bin(1m)': bin('09:01'), host: 'b', p99: '6' },
      { 'bin(1m)': bin('09:02'), host: 'a', p99: '7' },
    ];
    const s = timeSeriesOf(['bin(1m)', 'host', 'p99'], rows, 'stats pct(ms, 99) as p99 by bin(1m), host');
    assert.deepEqual(s?.series.map((l) => [l.name, l.points.map((p) => p.y)]), [['a', [5, null, 7]], ['b', [null, 6, null]]]);
  });

  it('bin widths from the field; an unknown width is the smallest spacing; too many bins are not filled', () => {
    assert.equal(binWidthMs('bin(5m)'), 300_000);
    assert.equal(binWidthMs('bin(30s)'), 30_000);
    assert.equal(binWidthMs('bin(1h)'), 3_600_000);
    assert.equal(binWidthMs('bin(2d)'), 172_800_000);
    assert.equal(binWidthMs('bin(1mo)'), undefined);
    assert.equal(binWidthMs('lines'), undefined);
    const monthly = timeSeriesOf(['bin(1mo)', 'n'], [{ 'bin(1mo)': bin('00:00'), n: '1' }, { 'bin(1mo)': bin('00:10'), n: '2' }, { 'bin(1mo)': bin('00:30'), n: '3' }], 'stats count(*) as n by bin(1mo)');
    assert.equal(monthly?.binMs, 600_000);
    assert.deepEqual(monthly?.series[0].points.map((p) => p.y), [1, 2, 0, 3]);
    // 1 ms bins over a day would be 86 million points: only the bins the service sent.
    const sparse = timeSeriesOf(['bin(1ms)', 'n'], [{ 'bin(1ms)': bin('00:00'), n: '1' }, { 'bin(1ms)': bin('23:59'), n: '2' }], 'stats count(*) as n by bin(1ms)');
    assert.deepEqual(sparse?.series[0].points, [{ x: at('00:00'), y: 1 }, { x: at('23:59'), y: 2 }]);
  });

  it('count-like fields of a query: count, count_distinct and sum by their aliases', () => {
    assert.deepEqual([...countLikeFields('stats count(*) as n, count_distinct(host) as hosts, sum(bytes) as total, avg(ms) as avg by bin(1m)')], ['n', 'hosts', 'total']);
    assert.deepEqual([...countLikeFields('fields @message')], []);
  });

  it('events over a time field (no bin) are lines through their own points, no gaps', () => {
    const s = timeSeriesOf(['@timestamp', 'latency'], [{ '@timestamp': '2026-11-24 09:00:00.500', latency: '3' }, { '@timestamp': '2026-11-24 09:00:00.100', latency: '5' }]);
    assert.deepEqual(s, { timeField: '@timestamp', binMs: undefined, series: [{ name: 'latency', points: [{ x: Date.parse('2026-11-24T09:00:00.100Z'), y: 5 }, { x: Date.parse('2026-11-24T09:00:00.500Z'), y: 3 }] }] });
  });

  it('anything else is no time series; nor are more lines than a chart can show', () => {
    const rows = [{ '@timestamp': '2026-11-24 06:07:07.000', '@message': 'Traceback (most recent call last):', '@ptr': 'p1' }];
    assert.equal(timeSeriesOf(fieldsOf(rows), rows), undefined);
    assert.equal(timeSeriesOf(['host', 'n'], [{ host: 'a', n: '1' }]), undefined);
    assert.equal(timeSeriesOf(['bin(5m)', 'host'], [{ 'bin(5m)': bin('09:00'), host: 'a' }]), undefined);
    assert.equal(timeSeriesOf(['bin(5m)', 'n'], []), undefined);
    const hosts = (n: number) => Array.from({ length: n }, (_, i) => ({ 'bin(1m)': bin('09:00'), host: `h${i}`, n: '1' }));
    assert.equal(timeSeriesOf(['bin(1m)', 'host', 'n'], hosts(MAX_SERIES))?.series.length, MAX_SERIES);
    assert.equal(timeSeriesOf(['bin(1m)', 'host', 'n'], hosts(MAX_SERIES + 1)), undefined);
    // Raw events with numbers: grouped by each message, thousands of one-point lines; no chart.
    const events = Array.from({ length: 100 }, (_, i) => ({ '@timestamp': `2026-11-24 09:00:${String(i % 60).padStart(2, '0')}.000`, '@message': `line ${i}`, ms: String(i) }));
    assert.equal(timeSeriesOf(['@timestamp', '@message', 'ms'], events), undefined);
  });
});
