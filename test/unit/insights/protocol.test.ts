import * as assert from 'node:assert/strict';
import { isInsightsHostToWebview, isInsightsWebviewToHost } from '../../../src/shared/insightsProtocol';

describe('shared/insightsProtocol: what each side accepts', () => {
  it('accepts the page\'s messages', () => {
    for (const m of [
      { type: 'copy', format: 'csv' },
      { type: 'copy', format: 'markdown', sortField: '@timestamp', descending: true },
      { type: 'openRecord', ptr: 'abc' },
      { type: 'tailFrom', logGroupName: '/g', logStreamName: 's', time: 1 },
      { type: 'logsAround', logGroupName: '/g', logStreamName: 's', time: 1 },
      { type: 'openSource', path: '/opt/ml/code/train.py', line: 41, logStreamName: 'bert/algo-1-1' },
      { type: 'stop' },
      { type: 'rerun' },
      { type: 'shown', rows: 10, renderedRows: 5, chart: false, status: 'Complete' },
    ]) {
      assert.ok(isInsightsWebviewToHost(m), JSON.stringify(m));
    }
  });

  it('refuses malformed or unknown ones', () => {
    for (const m of [
      { type: 'copy', format: 'xml' },
      { type: 'copy', format: 'csv', extra: 1 },
      { type: 'openRecord', ptr: '' },
      { type: 'openSource', path: '/x', line: 0 },
      { type: 'tailFrom', logGroupName: '/g', logStreamName: 's', time: -1 },
      { type: 'stop', now: true },
      { type: 'run' },
      Object.assign(Object.create({ type: 'stop' }) as object, {}),
      'stop',
    ]) {
      assert.ok(!isInsightsWebviewToHost(m), JSON.stringify(m));
    }
  });

  it('the page accepts the host\'s messages and refuses rows that are not strings', () => {
    const results = { type: 'results', runId: 1, status: 'Running', statistics: { recordsMatched: 1, recordsScanned: 2, bytesScanned: 3 }, fields: ['a'], rows: [{ a: 'x' }], final: false, elapsedMs: 5 };
    assert.ok(isInsightsHostToWebview(results));
    assert.ok(!isInsightsHostToWebview({ ...results, rows: [{ a: 1 }] }));
    assert.ok(!isInsightsHostToWebview({ ...results, status: 'Done' }));
    assert.ok(isInsightsHostToWebview({ type: 'run', runId: 1, title: 't', queryString: 'q', logGroupNames: ['/g'], startTime: 0, endTime: 1 }));
    assert.ok(isInsightsHostToWebview({ type: 'record', ptr: 'p', record: { '@message': 'm' } }));
    assert.ok(isInsightsHostToWebview({ type: 'themeChanged', kind: 'dark' }));
  });
});
