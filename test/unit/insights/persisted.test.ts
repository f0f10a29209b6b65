import * as assert from 'node:assert/strict';
import { isInsightsHostToWebview, isPersistedInsights, type PersistedInsights } from '../../../src/shared/insightsProtocol';

const good: PersistedInsights = {
  version: 1,
  key: 'queryLogs:bert-large-finetune',
  title: 'Logs Insights: bert-large-finetune',
  request: { logGroupNames: ['/aws/sagemaker/TrainingJobs'], queryString: 'fields @timestamp, @message', startTime: 1_764_000_000_000, endTime: 1_764_003_600_000 },
  queryId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
};

describe('shared/insightsProtocol: the results view\'s state restored after a reload (untrusted input)', () => {
  it('accepts what the view saves, with or without a query id', () => {
    assert.ok(isPersistedInsights(good));
    const { queryId: _, ...notStarted } = good;
    assert.ok(isPersistedInsights(notStarted));
    assert.ok(isPersistedInsights({ ...good, key: 'editor:untitled:Untitled-1' }));
    assert.ok(isInsightsHostToWebview({ type: 'persist', state: good }));
  });

  it('refuses anything else, field by field', () => {
    const bad: [string, unknown][] = [
      ['not an object', 'queryLogs:x'],
      ['null', null],
      ['another version', { ...good, version: 2 }],
      ['an extra field', { ...good, rows: [{ '@message': 'x' }] }],
      ['a key of no kind', { ...good, key: 'metrics:x' }],
      ['an empty key', { ...good, key: 'editor:' }],
      ['a title not text', { ...good, title: 7 }],
      ['a query id with a slash', { ...good, queryId: '../x' }],
      ['a query id too long', { ...good, queryId: 'a'.repeat(257) }],
      ['no request', { ...good, request: undefined }],
      ['an extra request field', { ...good, request: { ...good.request, limit: 5 } }],
      ['no log group', { ...good, request: { ...good.request, logGroupNames: [] } }],
      ['51 log groups', { ...good, request: { ...good.request, logGroupNames: Array.from({ length: 51 }, (_, i) => `/g${i}`) } }],
      ['a log group not text', { ...good, request: { ...good.request, logGroupNames: [{}] } }],
      ['an empty query', { ...good, request: { ...good.request, queryString: '  ' } }],
      ['a query over 10,000 characters', { ...good, request: { ...good.request, queryString: 'x'.repeat(10_001) } }],
      ['a start after the end', { ...good, request: { ...good.request, startTime: 2, endTime: 1 } }],
      ['a time not a number', { ...good, request: { ...good.request, startTime: '0' } }],
      ['a negative time', { ...good, request: { ...good.request, startTime: -1 } }],
      ['an infinite time', { ...good, request: { ...good.request, endTime: Infinity } }],
    ];
    for (const [why, state] of bad) {
      assert.equal(isPersistedInsights(state), false, why);
    }
    assert.equal(isInsightsHostToWebview({ type: 'persist', state: { ...good, version: 0 } }), false);
  });
});
