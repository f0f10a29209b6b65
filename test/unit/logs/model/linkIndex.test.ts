import * as assert from 'node:assert/strict';
import { SourceRefIndex, findSourceRefs, type LineSource } from '../../../../src/logs/model/linkIndex';

/** A document over an array, counting the lines read. */
function doc(lines: string[]): LineSource & { reads: number } {
  const d = {
    reads: 0,
    get lineCount() {
      return lines.length;
    },
    lineAt(i: number) {
      d.reads++;
      return lines[i];
    },
  };
  return d;
}

function refsOf(line: string) {
  return findSourceRefs(line).map((r) => ({ kind: r.kind, path: r.path, line: r.line, column: r.column, text: line.slice(r.start, r.end) }));
}

const frame = (n: number) => `  File "/opt/ml/code/train.py", line ${n}, in main`;

describe('logs/model/linkIndex: which lines of a log document have links', () => {
  it('finds the locations of every line, with their line numbers', () => {
    const refs = new SourceRefIndex().refs('a', doc(['epoch 1', frame(10), 'loss 0.5', 'see utils/data.py:3:7']), () => false);
    assert.deepEqual(
      refs?.map((r) => [r.line, r.ref.path, r.ref.line, r.ref.column]),
      [
        [1, '/opt/ml/code/train.py', 10, undefined],
        [3, 'utils/data.py', 3, 7],
      ],
    );
  });

  it('reads only what was appended (and the last line again) when a document grows', () => {
    const lines = [frame(1), 'x', `${frame(2).slice(0, 20)}`];
    const index = new SourceRefIndex();
    const d = doc(lines);
    assert.equal(index.refs('a', d, () => false)?.length, 1);
    // The half-written last line is completed and more lines come.
    lines[2] = frame(2);
    lines.push('y', frame(3));
    d.reads = 0;
    const refs = index.refs('a', d, () => false);
    assert.deepEqual(refs?.map((r) => [r.line, r.ref.line]), [
      [0, 1],
      [2, 2],
      [4, 3],
    ]);
    // Lines 2..4 scanned, plus the first/last checks; not the whole document again.
    assert.ok(d.reads < 2 * lines.length, `${d.reads} reads`);
  });

  it('scans again from the start when the document was replaced, and forgets closed documents', () => {
    const index = new SourceRefIndex();
    assert.equal(index.refs('a', doc([frame(1), frame(2)]), () => false)?.length, 2);
    assert.deepEqual(index.refs('a', doc(['other', frame(9)]), () => false)?.map((r) => r.ref.line), [9]);
    index.forget('a');
    assert.deepEqual(index.refs('a', doc([frame(5)]), () => false)?.map((r) => r.ref.line), [5]);
  });

  it('gives up when cancelled', () => {
    assert.equal(new SourceRefIndex().refs('a', doc([frame(1)]), () => true), undefined);
  });
});

describe('logs/model/linkIndex: finding locations in a log line', () => {
  it('finds a Python traceback frame behind the timestamp and host tag', () => {
    assert.deepEqual(refsOf('2026-11-24 12:00:01.123 [algo-1]   File "/opt/ml/code/train.py", line 42, in main'), [
      { kind: 'python', path: '/opt/ml/code/train.py', line: 42, column: undefined, text: '/opt/ml/code/train.py", line 42' },
    ]);
  });

  it('finds path:line and path:line:col, but not times, host:port pairs or URLs', () => {
    assert.deepEqual(
      refsOf('see utils/data.py:10 and /opt/ml/code/model/classifier.py:28:9').map((r) => [r.path, r.line, r.column, r.text]),
      [
        ['utils/data.py', 10, undefined, 'utils/data.py:10'],
        ['/opt/ml/code/model/classifier.py', 28, 9, '/opt/ml/code/model/classifier.py:28:9'],
      ],
    );
    assert.deepEqual(refsOf('2026-11-24 12:00:01,123 connecting to algo-2:7777 and 127.0.0.1:4566 via http://example.com:443/x.py:3'), []);
    assert.deepEqual(refsOf('[W socket.cpp:663] [c10d] connection reset').map((r) => r.path), ['socket.cpp']);
  });

  it('finds Node stack frames with and without a function name', () => {
    assert.deepEqual(
      refsOf('    at Object.handler (/var/task/src/index.js:10:5)').map((r) => [r.kind, r.path, r.line, r.column, r.text]),
      [['node', '/var/task/src/index.js', 10, 5, '/var/task/src/index.js:10:5']],
    );
    assert.deepEqual(refsOf('    at /var/task/src/index.js:3:1').map((r) => [r.kind, r.path, r.line, r.column]), [['node', '/var/task/src/index.js', 3, 1]]);
    assert.deepEqual(refsOf('    at async run (file:///app/main.mjs:7:2)').map((r) => [r.kind, r.path, r.line]), [['node', '/app/main.mjs', 7]]);
  });

  it('finds Java frames and turns the package into a path', () => {
    assert.deepEqual(refsOf('\tat com.acme.Train.main(Train.java:42)').map((r) => [r.kind, r.path, r.line, r.text]), [['java', 'com/acme/Train.java', 42, 'Train.java:42']]);
    assert.deepEqual(refsOf('\tat java.base/java.lang.Thread.run(Native Method)'), []);
  });

  it('ignores line 0 and absurd numbers', () => {
    assert.deepEqual(refsOf('File "/opt/ml/code/train.py", line 0, in main'), []);
    assert.deepEqual(refsOf('train.py:99999999999999999999'), []);
  });
});
