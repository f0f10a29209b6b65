/** The simulator's Logs Insights engine (pure): each command against answers worked out by hand over 8 fixed events. */
import * as assert from 'node:assert/strict';
import { QueryRun, runQuery } from '../../../sim/src/model/insights/engine';
import { QuerySyntaxError } from '../../../sim/src/model/insights/lexer';
import { parseQuery } from '../../../sim/src/model/insights/parser';
import type { InsightsEvent } from '../../../sim/src/model/insights/values';

const T = Date.UTC(2026, 10, 24, 12, 0, 0);
const ev = (min: number, logStream: string, message: string): InsightsEvent => ({ timestamp: T + min * 60_000, message, ingestionTime: T + min * 60_000 + 200, logStream, log: '123456789012:/aws/x' });

/** index = event number in the comments below */
const EVENTS: InsightsEvent[] = [
  ev(0, 'job/algo-1-100', 'INFO step=1 loss=0.90 host=algo-1'),
  ev(1, 'job/algo-2-100', 'INFO step=1 loss=0.80 host=algo-2'),
  ev(2, 'job/algo-1-100', 'WARNING slow step=2 loss=0.70 host=algo-1'),
  ev(3, 'job/algo-2-100', 'ERROR NCCL timeout host=algo-2'),
  ev(6, 'ep/AllTraffic/i-1', '{"level":"error","status":500,"latency":250,"path":"/invocations","user":{"id":"u1"}}'),
  ev(7, 'ep/AllTraffic/i-1', '{"level":"info","status":200,"latency":40,"path":"/invocations","user":{"id":"u2"}}'),
  ev(8, 'ep/AllTraffic/i-1', '{"level":"info","status":200,"latency":60,"path":"/ping"}'),
  ev(11, 'ep/AllTraffic/i-2', '{"level":"info","status":200,"latency":100,"path":"/invocations","user":{"id":"u1"}}'),
];
const MSG = EVENTS.map((e) => e.message);
const ts = (min: number) => `2026-11-24 12:${String(min).padStart(2, '0')}:00.000`;

/** Rows as `{ field: value }` (no @ptr unless a pointer is given). */
function rows(query: string, limit?: number): Record<string, string>[] {
  return runQuery(query, EVENTS, limit).rows.map((r) => Object.fromEntries(r.map((f) => [f.field, f.value])));
}
/** The @message of each row. */
const messages = (query: string) => rows(query).map((r) => r['@message']);

function malformed(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (e) {
    assert.ok(e instanceof QuerySyntaxError, `expected a QuerySyntaxError, got ${String(e)}`);
    return e;
  }
  throw new Error(`expected '${query}' to be malformed`);
}

describe('sim/insights engine', () => {
  it('without fields or stats: @timestamp and @message, newest first', () => {
    const r = rows('filter @logStream like "job/"');
    assert.deepEqual(r, [3, 2, 1, 0].map((i) => ({ '@timestamp': ts(i), '@message': MSG[i] })));
    const all = runQuery('filter 1 = 1', EVENTS, 1000, { pointer: (e) => `ptr-${e.timestamp}` });
    assert.deepEqual(all.rows[0], [{ field: '@timestamp', value: ts(11) }, { field: '@message', value: MSG[7] }, { field: '@ptr', value: `ptr-${T + 11 * 60_000}` }]);
    assert.equal(all.rows.length, 8);
    assert.deepEqual([all.scanned, all.matched], [8, 8]);
  });

  it('fields: system fields, expressions with as, functions', () => {
    assert.deepEqual(rows('fields @log, @logStream, @ingestionTime | limit 1'), [{ '@log': '123456789012:/aws/x', '@logStream': 'ep/AllTraffic/i-2', '@ingestionTime': '2026-11-24 12:11:00.200' }]);
    assert.deepEqual(rows('fields strlen(@message) as len, tolower(@message) as low | filter @message like "NCCL"'), [{ len: '30', low: 'error nccl timeout host=algo-2' }]);
    assert.deepEqual(rows('fields toupper(level) as lvl, concat(path, "!", status) as p | filter ispresent(level) | sort @timestamp asc'), [
      { lvl: 'ERROR', p: '/invocations!500' },
      { lvl: 'INFO', p: '/invocations!200' },
      { lvl: 'INFO', p: '/ping!200' },
      { lvl: 'INFO', p: '/invocations!200' },
    ]);
    assert.deepEqual(rows('fields latency / 1000 as sec, abs(-3) as a, floor(2.7) as f, ceil(2.1) as c, latency * 2 + 1 as x | filter ispresent(latency) | limit 1'), [{ sec: '0.1', a: '3', f: '2', c: '3', x: '201' }]);
    // `fields` names its column by the expression's text when there is no alias
    assert.deepEqual(Object.keys(rows('fields strlen( @message ) | limit 1')[0]), ['strlen( @message )']);
  });

  it('filter: comparisons on JSON fields (nested too), absent fields never match', () => {
    assert.deepEqual(messages('filter status >= 200 and status < 500'), [MSG[7], MSG[6], MSG[5]]);
    assert.deepEqual(messages('filter status != 200'), [MSG[4]]);
    assert.deepEqual(messages('filter latency > 50 and latency <= 100'), [MSG[7], MSG[6]]);
    assert.deepEqual(messages('filter level = "error"'), [MSG[4]]);
    assert.deepEqual(messages("filter user.id = 'u1'"), [MSG[7], MSG[4]]);
    // numbers parsed out of text compare as numbers (as text, "250" < "50")
    assert.deepEqual(messages('parse @message /"latency":(?<lat>\\d+)/ | filter lat > 50'), [MSG[7], MSG[6], MSG[4]]);
    assert.deepEqual(messages('filter isempty(level)'), [MSG[3], MSG[2], MSG[1], MSG[0]]);
  });

  it('filter: like /regex/, like "substring", =~, not like, in, not in, not, or and parentheses', () => {
    assert.deepEqual(messages('filter @message like /(?i)nccl/'), [MSG[3]]);
    assert.deepEqual(messages('filter @message like "loss=0.8"'), [MSG[1]]);
    assert.deepEqual(messages('filter @message =~ /loss=0\\.[78]/'), [MSG[2], MSG[1]]);
    assert.deepEqual(messages('filter @logStream like "job/" and @message not like /INFO/'), [MSG[3], MSG[2]]);
    assert.deepEqual(messages('filter status in [500, 404]'), [MSG[4]]);
    assert.deepEqual(messages('filter ispresent(path) and path not in ["/ping"]'), [MSG[7], MSG[5], MSG[4]]);
    assert.deepEqual(messages('filter not (status = 200)'), [MSG[4], MSG[3], MSG[2], MSG[1], MSG[0]]);
    assert.deepEqual(messages('filter (level = "error" or @message like /ERROR/) and ispresent(@logStream)'), [MSG[4], MSG[3]]);
    assert.deepEqual(messages('filter level = "info" or level = "error" and status = 500'), [MSG[7], MSG[6], MSG[5], MSG[4]], 'and binds tighter than or');
  });

  it('parse: glob with * (the last one takes the rest) and regex with named groups', () => {
    assert.deepEqual(rows('parse @message "* * host=*" as lvl, rest, host | filter ispresent(host) | display lvl, rest, host'), [
      { lvl: 'ERROR', rest: 'NCCL timeout', host: 'algo-2' },
      { lvl: 'WARNING', rest: 'slow step=2 loss=0.70', host: 'algo-1' },
      { lvl: 'INFO', rest: 'step=1 loss=0.80', host: 'algo-2' },
      { lvl: 'INFO', rest: 'step=1 loss=0.90', host: 'algo-1' },
    ]);
    assert.deepEqual(rows('parse @message /host=(?<host>algo-\\d+)/ | filter host = "algo-2" | fields @timestamp'), [
      { '@timestamp': ts(3), host: 'algo-2' },
      { '@timestamp': ts(1), host: 'algo-2' },
    ]);
    // a glob with regex characters in it is literal text
    assert.deepEqual(rows('parse @message "*(*)*" as a, b, c | filter ispresent(b)'), []);
    assert.deepEqual(rows('parse @message "\\"path\\":\\"*\\"" as p | filter ispresent(p) | display p | dedup p'), [{ p: '/invocations' }, { p: '/ping' }]);
  });

  it('stats: count(*), count(f), count_distinct, sum, avg, min, max', () => {
    assert.deepEqual(rows('stats count(*), count(level), count_distinct(path)'), [{ 'count(*)': '8', 'count(level)': '4', 'count_distinct(path)': '2' }]);
    assert.deepEqual(rows('stats sum(latency) as s, avg(latency) as a, min(latency) as lo, max(latency) as hi'), [{ s: '450', a: '112.5', lo: '40', hi: '250' }]);
    assert.deepEqual(rows('parse @message /loss=(?<loss>[\\d.]+)/ | stats avg(loss) as avgLoss, min(loss), max(loss), sum(loss), count(loss)'), [
      { avgLoss: '0.8', 'min(loss)': '0.7', 'max(loss)': '0.9', 'sum(loss)': '2.4', 'count(loss)': '3' },
    ]);
    assert.deepEqual(rows('stats min(@timestamp) as first, max(@timestamp) as last'), [{ first: ts(0), last: ts(11) }]);
    assert.deepEqual(rows('filter 1 = 0 | stats count(*) as n'), [{ n: '0' }], 'stats without by always answers one row');
  });

  it('stats: pct (nearest rank) over latencies 40, 60, 100, 250', () => {
    assert.deepEqual(rows('stats pct(latency, 25) as p25, pct(latency, 50) as p50, pct(latency, 75) as p75, pct(latency, 99) as p99'), [{ p25: '40', p50: '60', p75: '100', p99: '250' }]);
  });

  it('stats by fields (first seen order) and by bin() (time order), then sort and limit', () => {
    assert.deepEqual(rows('filter ispresent(level) | stats count(*) as n by level'), [{ level: 'error', n: '1' }, { level: 'info', n: '3' }]);
    assert.deepEqual(rows('filter ispresent(status) | stats count(*) as n, avg(latency) as avgLatency by status, path'), [
      { status: '500', path: '/invocations', n: '1', avgLatency: '250' },
      { status: '200', path: '/invocations', n: '2', avgLatency: '70' },
      { status: '200', path: '/ping', n: '1', avgLatency: '60' },
    ]);
    assert.deepEqual(rows('stats count(*) as n by bin(5m)'), [{ 'bin(5m)': ts(0), n: '4' }, { 'bin(5m)': ts(5), n: '3' }, { 'bin(5m)': ts(10), n: '1' }]);
    assert.deepEqual(rows('stats count(*) by bin(1h) as t'), [{ t: ts(0), 'count(*)': '8' }]);
    assert.deepEqual(rows('filter ispresent(level) | stats count(*) as n by level | sort n desc'), [{ level: 'info', n: '3' }, { level: 'error', n: '1' }]);
    assert.deepEqual(rows('stats count(*) as n by @logStream | sort n desc | limit 2'), [{ '@logStream': 'ep/AllTraffic/i-1', n: '3' }, { '@logStream': 'job/algo-1-100', n: '2' }]);
    assert.deepEqual(rows('stats count(*) as n by @logStream | filter n >= 3'), [{ '@logStream': 'ep/AllTraffic/i-1', n: '3' }]);
  });

  it('sort (asc by default, several keys), limit, and the request limit', () => {
    assert.deepEqual(rows('filter ispresent(latency) | sort latency desc | fields latency'), ['250', '100', '60', '40'].map((latency) => ({ latency })));
    assert.deepEqual(rows('filter ispresent(latency) | sort latency | fields latency'), ['40', '60', '100', '250'].map((latency) => ({ latency })));
    assert.deepEqual(messages('sort @logStream asc, @timestamp desc | limit 3'), [MSG[6], MSG[5], MSG[4]]);
    assert.deepEqual(messages('limit 3'), [MSG[7], MSG[6], MSG[5]]);
    assert.equal(rows('filter 1 = 1', 2).length, 2);
  });

  it('dedup keeps the first row of each value in the sort order (newest first by default); nulls are kept', () => {
    assert.deepEqual(messages('filter ispresent(path) | sort @timestamp desc | dedup path'), [MSG[7], MSG[6]]);
    assert.deepEqual(messages('dedup level'), [MSG[7], MSG[4], MSG[3], MSG[2], MSG[1], MSG[0]]);
    assert.deepEqual(messages('dedup level | limit 2'), [MSG[7], MSG[4]]);
  });

  it('display chooses the columns; # comments are ignored', () => {
    assert.deepEqual(rows('fields @timestamp, level, latency | display latency | limit 2'), [{ latency: '100' }, { latency: '60' }]);
    assert.deepEqual(rows('# errors only\nfilter level = "error" # JSON lines\n| fields status'), [{ status: '500' }]);
  });

  it('partial results while the events are still being fed', () => {
    const run = new QueryRun(parseQuery('stats count(*) as n by bin(5m)'));
    EVENTS.slice(0, 5).forEach((e) => run.feed(e));
    assert.deepEqual(run.result().rows, [[{ field: 'bin(5m)', value: ts(0) }, { field: 'n', value: '4' }], [{ field: 'bin(5m)', value: ts(5) }, { field: 'n', value: '1' }]]);
    EVENTS.slice(5).forEach((e) => run.feed(e));
    assert.deepEqual(run.result().rows.map((r) => r[1].value), ['4', '3', '1']);
    assert.deepEqual([run.scanned, run.matched], [8, 8]);
  });

  it('anything else is malformed, naming line and position', () => {
    const e = malformed('fields @message | bogus 1');
    assert.match(e.message, /unknown command bogus at line 1 and position 19/);
    assert.deepEqual([e.start, e.end], [18, 23]);
    assert.match(malformed('fields a |\n  sort b |\n  limit 0').message, /limit needs a whole number.* at line 3 and position 9/);
    assert.match(malformed('stats foo(x)').message, /stats needs an aggregate function/);
    assert.match(malformed('filter nosuch(x) = 1').message, /unknown function nosuch at line 1 and position 8/);
    assert.match(malformed('filter @message like').message, /unexpected symbol found end of query/);
    assert.match(malformed('filter a = "x').message, /unterminated string/);
    assert.match(malformed('stats count(*) by bin(x)').message, /bin needs a period/);
    assert.match(malformed('sort @timestamp desc | dedup a | sort b').message, /only limit can follow dedup/);
    assert.match(malformed('limit 20000').message, /at most 10000/);
    assert.match(malformed('# nothing but a comment').message, /empty/);
    assert.match(malformed('fields sum(x)').message, /aggregate function: it can be used only in stats/);
    assert.match(malformed('parse @message "a*b*" as x').message, /2 \* but 1 names/);
    assert.match(malformed('parse @message /(\\d+)/').message, /named groups/);
    assert.match(malformed('filter a = 1 b').message, /unexpected symbol found b/);
    assert.match(malformed('fields a\nfilter b').message, /unexpected symbol found filter at line 2 and position 1/);
  });
});
