import * as assert from 'node:assert/strict';
import { formatHeader, parseDuration, parseQueryDocument, parseRange, resolveRange } from '../../../src/insights/model/header';

describe('insights/model/header: the .cwlq header comment', () => {
  it('reads log groups (comma or space separated, several lines, duplicates once), the range and the query below', () => {
    const doc = parseQueryDocument(
      ['# bert-sentiment-finetune', '# logGroups: /aws/sagemaker/TrainingJobs, /aws/sagemaker/ProcessingJobs', '#logGroup: /aws/sagemaker/TransformJobs /aws/sagemaker/TrainingJobs', '# range: last 6h', '', 'fields @message', '# a comment in the query', '| limit 5'].join('\n'),
    );
    assert.deepEqual(doc.logGroups, ['/aws/sagemaker/TrainingJobs', '/aws/sagemaker/ProcessingJobs', '/aws/sagemaker/TransformJobs']);
    assert.deepEqual(doc.range, { kind: 'last', ms: 6 * 3_600_000, text: '6h' });
    assert.equal(doc.query, 'fields @message\n# a comment in the query\n| limit 5');
    assert.deepEqual(doc.problems, []);
  });

  it('absolute ranges: ISO times, UTC when no zone is given, "..", "to" or a zone offset', () => {
    assert.deepEqual(parseRange('2026-12-03T10:00Z .. 2026-12-03T11:00Z'), { kind: 'absolute', start: Date.parse('2026-12-03T10:00:00Z'), end: Date.parse('2026-12-03T11:00:00Z') });
    assert.deepEqual(parseRange('2026-12-03 10:00 to 2026-12-03 10:30:15'), { kind: 'absolute', start: Date.parse('2026-12-03T10:00:00Z'), end: Date.parse('2026-12-03T10:30:15Z') });
    assert.deepEqual(parseRange('2026-12-03T12:00+02:00 .. 2026-12-03T13:00+02:00'), { kind: 'absolute', start: Date.parse('2026-12-03T10:00:00Z'), end: Date.parse('2026-12-03T11:00:00Z') });
  });

  it('says what is wrong with a range', () => {
    assert.match(String(parseRange('last forever')), /not a duration/);
    assert.match(String(parseRange('yesterday')), /A range is "last 1h"/);
    assert.match(String(parseRange('2026-12-03T11:00Z .. 2026-12-03T10:00Z')), /ends before it starts/);
    assert.match(String(parseRange('2026-13-45 .. 2026-12-03')), /not an ISO time/);
    const doc = parseQueryDocument('# logGroups: g\n# range: soon\nfields @message');
    assert.deepEqual(doc.problems, [{ line: 1, message: 'A range is "last 1h" or "<start> .. <end>" (ISO times, UTC unless a zone is given)' }]);
  });

  it('durations', () => {
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('90 min'), 5_400_000);
    assert.equal(parseDuration('7d'), 604_800_000);
    assert.equal(parseDuration('2w'), 1_209_600_000);
    assert.equal(parseDuration('0h'), undefined);
    assert.equal(parseDuration('h'), undefined);
  });

  it('at most 50 log groups', () => {
    const groups = Array.from({ length: 51 }, (_, i) => `/g/${i}`);
    assert.match(parseQueryDocument(`# logGroups: ${groups.join(', ')}\nfields @message`).problems[0].message, /at most 50 log groups; the header names 51/);
  });

  it('only the leading comments are the header', () => {
    const doc = parseQueryDocument('fields @message\n# logGroups: /late');
    assert.deepEqual(doc.logGroups, []);
    assert.equal(doc.query, 'fields @message\n# logGroups: /late');
  });

  it('resolves a range against the service clock; no range is the last hour', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    assert.deepEqual(resolveRange({ kind: 'last', ms: 900_000, text: '15m' }, now), { start: now - 900_000, end: now });
    assert.deepEqual(resolveRange(undefined, now), { start: now - 3_600_000, end: now });
    assert.deepEqual(resolveRange({ kind: 'absolute', start: 1, end: 2 }, now), { start: 1, end: 2 });
  });

  it('writes a header that reads back the same', () => {
    const range = { kind: 'absolute' as const, start: Date.parse('2026-12-03T10:00:00Z'), end: Date.parse('2026-12-03T11:00:30Z') };
    const text = formatHeader(['/a', '/b'], range);
    assert.equal(text, '# logGroups: /a, /b\n# range: 2026-12-03T10:00Z .. 2026-12-03T11:00:30Z');
    const doc = parseQueryDocument(`${text}\nfields @message`);
    assert.deepEqual([doc.logGroups, doc.range], [['/a', '/b'], range]);
    assert.equal(formatHeader(['/a'], { kind: 'last', ms: 3_600_000, text: '1h' }), '# logGroups: /a\n# range: last 1h');
  });
});
