// Fuzzes the webview protocol guards both ways: thousands of random and hostile messages (wrong types, huge
// arrays, prototype-pollution keys, NaN/Infinity, deep nesting). No guard throws; nothing passes unless valid.
import * as assert from 'node:assert/strict';
import { isCompareHostToWebview, isCompareWebviewToHost } from '../../../src/shared/compareProtocol';
import { isMetricsHostToWebview, isMetricsWebviewToHost, isPanelViewState } from '../../../src/shared/metricsProtocol';
import { isBaseHostToWebview, isBaseWebviewToHost } from '../../../src/shared/webviewProtocol';
import { prng } from '../../prng';

const GUARDS = { isBaseWebviewToHost, isBaseHostToWebview, isMetricsWebviewToHost, isMetricsHostToWebview, isPanelViewState, isCompareWebviewToHost, isCompareHostToWebview } as const;

const TYPES = ['ready', 'webviewError', 'themeChanged', 'init', 'data', 'loading', 'error', 'alarms', 'alarmResult', 'setView', 'refresh', 'showLogs', 'createAlarm', 'saveFile', 'curves', 'curvesShown', '__proto__', 'constructor', 'toString', ''];
const KEYS = ['type', 'message', 'kind', 'view', 'range', 'preset', 'start', 'end', 'autoRefresh', 'periodSeconds', 'time', 'series', 'id', 'timestamps', 'values', 'messages', 'alarms', 'alarmName', 'threshold', 'ok', 'fileName', 'content', 'seriesId', 'stat', 'comparison', 'evaluationPeriods', 'snsTopicArn', 'panel', 'charts', '__proto__', 'constructor', 'prototype'];
const HOSTILE_NUMBERS = [NaN, Infinity, -Infinity, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, -60, 59, 61];

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 4 || r < 0.35) {
    const p = rand();
    if (p < 0.15) return HOSTILE_NUMBERS[Math.floor(rand() * HOSTILE_NUMBERS.length)];
    if (p < 0.3) return Math.floor(rand() * 1e6) - 5e5;
    if (p < 0.45) return TYPES[Math.floor(rand() * TYPES.length)];
    if (p < 0.55) return 'x'.repeat(Math.floor(rand() * 3) === 0 ? 20_001 : Math.floor(rand() * 40));
    if (p < 0.65) return null;
    if (p < 0.72) return undefined;
    if (p < 0.8) return rand() < 0.5;
    if (p < 0.85) return BigInt(7);
    if (p < 0.9) return Symbol('hostile');
    return () => 'a function';
  }
  if (r < 0.5) {
    const n = rand() < 0.01 ? 100_000 : Math.floor(rand() * 6);
    return Array.from({ length: n }, () => (n > 1000 ? 1 : randomValue(rand, depth + 1)));
  }
  const o: Record<string, unknown> = {};
  const n = Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    o[KEYS[Math.floor(rand() * KEYS.length)]] = randomValue(rand, depth + 1);
  }
  if (rand() < 0.7) o.type = TYPES[Math.floor(rand() * TYPES.length)];
  return o;
}

/** One valid message of every kind, each direction. */
const view = { range: { kind: 'preset', preset: '3h' }, autoRefresh: '1m' };
const VALID = {
  toHost: [
    { type: 'ready' },
    { type: 'webviewError', message: 'boom' },
    { type: 'setView', view },
    { type: 'setView', view: { range: { kind: 'custom', start: 1, end: 2 }, autoRefresh: 'off', periodSeconds: 300 } },
    { type: 'refresh' },
    { type: 'showLogs', time: 1_790_000_000_000, periodSeconds: 60 },
    { type: 'createAlarm', seriesId: 'm0', alarmName: 'high', stat: 'Average', threshold: 0.5, comparison: 'GreaterThanThreshold', evaluationPeriods: 3, periodSeconds: 60 },
    { type: 'saveFile', kind: 'csv', fileName: 'metrics.csv', content: 'a,b\n1,2\n' },
    { type: 'showLog' },
    { type: 'shown', state: 'error', text: 'Could not refresh', stale: true, unavailable: ['m3'], axis: { start: 1, end: 2 } },
    { type: 'shown', state: 'loading', text: 'Loading…', stale: false, unavailable: [] },
    { type: 'curvesShown', axis: 'epoch', series: [{ host: 'algo-1', metric: 'loss', points: 3 }], notes: ['MetricDefinition x: …'] },
  ],
  toWebview: [
    { type: 'themeChanged', kind: 'dark' },
    { type: 'init', panel: { charts: [] }, view },
    { type: 'data', range: { start: 1, end: 2 }, periodSeconds: 60, periodReason: 'auto', series: [{ id: 'm0', timestamps: [1, 2], values: [3, 4] }], calls: 1, messages: [], fetchedAt: 3, unavailable: [{ ids: ['m0'], reason: 'it answered HTTP 500' }] },
    { type: 'loading' },
    { type: 'loading', range: { start: 1, end: 2 } },
    { type: 'error', message: 'failed' },
    { type: 'error', message: 'failed', lastGoodAt: 3, range: { start: 1, end: 2 } },
    { type: 'alarms', alarms: [{ alarmName: 'a', threshold: 1 }] },
    { type: 'alarmResult', ok: true, message: 'created' },
    { type: 'curves', reset: true, source: 'logPatterns', problems: [], reading: 'Read the job\'s logs.', lines: 2, points: 2, series: [{ host: 'algo-1', metric: 'loss', replace: true, points: [{ t: 1, v: 0.5, e: 0.5 }, { t: 2, v: 0.4, s: 20 }] }] },
  ],
};
const toHost = (v: unknown) => isBaseWebviewToHost(v) || isMetricsWebviewToHost(v);
const toWebview = (v: unknown) => isBaseHostToWebview(v) || isMetricsHostToWebview(v);

/** Required fields of each valid message whose replacement by a wrong value must make it invalid. */
const REQUIRED: Record<string, string[]> = {
  webviewError: ['message'],
  setView: ['view'],
  showLogs: ['time', 'periodSeconds'],
  createAlarm: ['seriesId', 'alarmName', 'stat', 'threshold', 'comparison', 'evaluationPeriods', 'periodSeconds'],
  saveFile: ['kind', 'fileName', 'content'],
  themeChanged: ['kind'],
  init: ['panel', 'view'],
  data: ['range', 'periodSeconds', 'periodReason', 'series', 'messages', 'unavailable'],
  shown: ['state', 'text', 'stale', 'unavailable'],
  error: ['message'],
  alarms: ['alarms'],
  alarmResult: ['ok', 'message'],
  curves: ['reset', 'problems', 'reading', 'lines', 'points', 'series'],
  curvesShown: ['axis', 'series', 'notes'],
};
const WRONG: unknown[] = [undefined, null, NaN, Infinity, -Infinity, {}, [], [[]], 'x'.repeat(20_000_001), Symbol('s'), { __proto__: null }, JSON.parse('{"__proto__": {"type": "ready"}}')];

describe('shared protocol guards: fuzzed both ways', function () {
  this.timeout(60_000);

  it('the valid messages pass', () => {
    for (const m of VALID.toHost) assert.ok(toHost(m), JSON.stringify(m));
    for (const m of VALID.toWebview) assert.ok(toWebview(m), JSON.stringify(m));
  });

  it('10,000 random and hostile values: no guard throws, and whatever passes is a well-formed message', () => {
    const rand = prng(0x5eed);
    let passed = 0;
    for (let i = 0; i < 10_000; i++) {
      const value = randomValue(rand, 0);
      for (const [name, guard] of Object.entries(GUARDS)) {
        let ok = false;
        assert.doesNotThrow(() => {
          ok = guard(value);
        }, `${name} threw on case ${i}`);
        if (ok && name !== 'isPanelViewState') {
          passed++;
          const m = value as Record<string, unknown>;
          assert.ok([Object.prototype, null].includes(Object.getPrototypeOf(m)), `${name} passed an object that is not plain (case ${i})`);
          assert.ok(Object.prototype.hasOwnProperty.call(m, 'type'), `${name} passed a message whose type is inherited (case ${i})`);
          // Every number the message type carries is finite.
          for (const k of REQUIRED[String(m.type)] ?? []) {
            if (typeof m[k] === 'number') assert.ok(Number.isFinite(m[k]), `${name} passed ${String(m.type)}.${k}=${String(m[k])} (case ${i})`);
          }
        }
      }
    }
    // Some random messages are valid ones (type 'refresh', 'loading' …): the check above ran on them.
    assert.ok(passed > 0);
  });

  it('every required field replaced by a wrong value is refused', () => {
    let cases = 0;
    for (const [guard, list] of [
      [toHost, VALID.toHost],
      [toWebview, VALID.toWebview],
    ] as const) {
      for (const valid of list) {
        for (const field of REQUIRED[valid.type] ?? []) {
          for (const wrong of WRONG) {
            if (Array.isArray(wrong) && wrong.length === 0 && Array.isArray((valid as Record<string, unknown>)[field])) continue; // an empty list is a valid list
            const mutated: Record<string, unknown> = { ...valid, [field]: wrong };
            if (wrong === undefined) delete mutated[field];
            assert.equal(guard(mutated), false, `${valid.type}.${field} = ${String(typeof wrong === 'symbol' ? 'symbol' : JSON.stringify(wrong))?.slice(0, 40)}`);
            cases++;
          }
        }
      }
    }
    assert.ok(cases > 300, String(cases));
  });

  it('prototype-pollution keys neither pass nor pollute', () => {
    const hostile = [
      '{"__proto__": {"type": "refresh"}}',
      '{"constructor": {"prototype": {"type": "refresh"}}}',
      '{"type": "setView", "view": {"__proto__": {"range": {"kind": "job"}, "autoRefresh": "1m"}}}',
      '{"type": "createAlarm", "__proto__": {"seriesId": "m0", "alarmName": "a", "stat": "Sum", "threshold": 1, "comparison": "GreaterThanThreshold", "evaluationPeriods": 1, "periodSeconds": 60}}',
      '{"type": "data", "__proto__": {"range": {}, "periodSeconds": 60, "periodReason": "", "series": [], "messages": []}}',
    ].map((t) => JSON.parse(t) as unknown);
    for (const m of hostile) {
      assert.equal(toHost(m) || toWebview(m), false, JSON.stringify(m));
    }
    const inherited = Object.create({ type: 'refresh' }) as unknown;
    assert.equal(toHost(inherited), false, 'a type only on the prototype');
    assert.equal(({} as Record<string, unknown>).type, undefined, 'Object.prototype is untouched');
  });

  it('deep nesting and huge arrays are answered without a stack overflow', () => {
    let deep: unknown = { type: 'refresh' };
    for (let i = 0; i < 100_000; i++) deep = { type: 'setView', view: deep, range: deep };
    const huge = { type: 'data', range: { start: 1, end: 2 }, periodSeconds: 60, periodReason: '', series: Array.from({ length: 200_000 }, () => ({ id: 'm0', timestamps: [1], values: ['x'] })), calls: 1, messages: [], fetchedAt: 1 };
    for (const guard of Object.values(GUARDS)) {
      assert.doesNotThrow(() => guard(deep));
      assert.equal(guard(huge), false);
      assert.equal(guard({ type: 'alarms', alarms: new Array(1_000_000).fill(1) }), false);
    }
  });
});
