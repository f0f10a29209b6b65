import * as assert from 'node:assert/strict';
import { findTraceback } from '../../../../src/shared/logs/traceback';

describe('shared/logs/traceback: parsing', () => {
  it('reads channel lines with timestamp and host prefixes, keeping the code indentation', () => {
    const p = '2026-11-24 12:00:01.123 [algo-2] ';
    const tb = findTraceback([`${p}Traceback (most recent call last):`, `${p}  File "/opt/ml/code/train.py", line 5, in <module>`, `${p}    main()`, `${p}ValueError: bad`]);
    assert.deepEqual(tb?.frames, [{ path: '/opt/ml/code/train.py', line: 5, func: '<module>', code: 'main()' }]);
    assert.equal(tb?.error, 'ValueError: bad');
  });

  it('takes the first of chained tracebacks and skips 3.11 caret lines', () => {
    const tb = findTraceback([
      'Traceback (most recent call last):',
      '  File "/opt/ml/code/a.py", line 1, in f',
      '    x = y[0]',
      '        ^^^^',
      'KeyError: 0',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/opt/ml/code/b.py", line 2, in g',
      'RuntimeError: wrapped',
    ]);
    assert.deepEqual([tb?.frames.map((f) => f.path), tb?.error], [['/opt/ml/code/a.py'], 'KeyError: 0']);
  });

  it('returns nothing without frames, and an empty error when the log ends mid-traceback', () => {
    assert.equal(findTraceback(['Traceback (most recent call last):', 'oops']), undefined);
    assert.equal(findTraceback(['Traceback (most recent call last):', '  File "x.py", line 3, in f'])?.error, '');
  });
});
