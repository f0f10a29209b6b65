import * as assert from 'node:assert/strict';
import { SourceRefIndex, type LineSource } from '../../../../src/logs/model/linkIndex';

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
