import * as assert from 'node:assert/strict';
import { fieldsOf, formatRows, parseResultTime, sortRows, toCsv, toJson, toMarkdown } from '../../../src/shared/insights/results';

const rows = [
  { '@timestamp': '2026-11-24 06:07:07.000', '@message': 'Traceback (most recent call last):', '@ptr': 'p1' },
  { '@timestamp': '2026-11-24 06:07:07.019', '@message': 'say "hi", then | pipe\nnext', '@ptr': 'p2' },
];

describe('shared/insights/results: rows to CSV, JSON, Markdown; sorting', () => {
  it('fields in first-seen order, @ptr last', () => {
    assert.deepEqual(fieldsOf([{ '@ptr': 'x', a: '1' }, { b: '2', a: '3' }]), ['a', 'b', '@ptr']);
  });

  it('CSV: RFC 4180 quoting, CRLF, no @ptr', () => {
    assert.equal(toCsv(fieldsOf(rows), rows), '@timestamp,@message\r\n2026-11-24 06:07:07.000,Traceback (most recent call last):\r\n2026-11-24 06:07:07.019,"say ""hi"", then | pipe\nnext"\r\n');
  });

  it('JSON: an array of row objects, no @ptr, missing fields left out', () => {
    assert.deepEqual(JSON.parse(toJson(['a', 'b', '@ptr'], [{ a: '1', '@ptr': 'p' }, { a: '2', b: 'x' }])), [{ a: '1' }, { a: '2', b: 'x' }]);
  });

  it('Markdown: a table with pipes escaped and newlines as <br>', () => {
    assert.equal(
      toMarkdown(fieldsOf(rows), rows),
      '| @timestamp | @message |\n| --- | --- |\n| 2026-11-24 06:07:07.000 | Traceback (most recent call last): |\n| 2026-11-24 06:07:07.019 | say "hi", then \\| pipe<br>next |\n',
    );
    assert.equal(formatRows('markdown', ['a'], [{ a: '1' }]), toMarkdown(['a'], [{ a: '1' }]));
  });

  it('sorts numbers as numbers, text as text, stable, missing values last', () => {
    const r: Record<string, string>[] = [{ n: '10', s: 'b' }, { n: '9', s: 'a' }, { s: 'c' }, { n: '9', s: 'z' }];
    assert.deepEqual(sortRows(r, 'n', false).map((x) => x.s), ['a', 'z', 'b', 'c']);
    assert.deepEqual(sortRows(r, 'n', true).map((x) => x.s), ['b', 'a', 'z', 'c']);
    assert.deepEqual(sortRows(r, 's', true).map((x) => x.s), ['z', 'c', 'b', 'a']);
  });

  it('reads the service\'s timestamps as UTC', () => {
    assert.equal(parseResultTime('2026-11-24 06:07:07.026'), Date.parse('2026-11-24T06:07:07.026Z'));
    assert.equal(parseResultTime('2026-11-24 06:05:00'), Date.parse('2026-11-24T06:05:00Z'));
    assert.equal(parseResultTime('not a time'), undefined);
  });
});
