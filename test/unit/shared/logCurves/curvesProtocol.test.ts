import * as assert from 'node:assert/strict';
import { isMetricsHostToWebview, isMetricsWebviewToHost } from '../../../../src/shared/metricsProtocol';

const curves = (series: unknown) => ({ type: 'curves', reset: false, problems: [], reading: 'Following the job\'s logs.', lines: 1, points: 1, series });
const point = (p: Record<string, unknown>) => curves([{ host: 'algo-1', metric: 'loss', replace: false, points: [p] }]);

describe('shared/metrics/curvesProtocol: the from-logs curves messages on arrival', () => {
  it('points with a time and a finite value, a step or epoch when captured', () => {
    assert.ok(isMetricsHostToWebview(point({ t: 1, v: 0.5 })));
    assert.ok(isMetricsHostToWebview(point({ t: 1, v: 0.5, s: 20, e: 0.5 })));
  });

  for (const [what, p] of [
    ['a value that is not finite', { t: 1, v: NaN }],
    ['no value', { t: 1 }],
    ['a step that is not a number', { t: 1, v: 1, s: '20' }],
    ['an infinite epoch', { t: 1, v: 1, e: Infinity }],
  ] as const) {
    it(`refuses ${what}`, () => assert.equal(isMetricsHostToWebview(point(p)), false));
  }

  it('refuses a series without a host or with points that are not a list; the page\'s report needs its notes', () => {
    assert.equal(isMetricsHostToWebview(curves([{ metric: 'loss', replace: false, points: [] }])), false);
    assert.equal(isMetricsHostToWebview(curves([{ host: 'algo-1', metric: 'loss', replace: false, points: {} }])), false);
    assert.ok(isMetricsWebviewToHost({ type: 'curvesShown', axis: 'time', series: [], notes: [] }));
    assert.equal(isMetricsWebviewToHost({ type: 'curvesShown', axis: 'iteration', series: [], notes: [] }), false);
    assert.equal(isMetricsWebviewToHost({ type: 'curvesShown', axis: 'time', series: [] }), false);
  });
});
