import * as assert from 'node:assert/strict';
import { eventPlaceOf, eventTime, sourceFrameOf } from '../../../src/shared/insights/rowActions';

describe('shared/insights/rowActions: an opened event\'s place; traceback frames in cells', () => {
  it('a GetLogRecord record: the group without the account, the stream, the time in ms', () => {
    assert.deepEqual(eventPlaceOf({ '@log': '123456789012:/aws/sagemaker/Endpoints/e', '@logStream': 'AllTraffic/i-1', '@timestamp': '1764000000123', '@message': 'x' }), {
      logGroupName: '/aws/sagemaker/Endpoints/e',
      logStreamName: 'AllTraffic/i-1',
      time: 1764000000123,
    });
    assert.equal(eventTime('2026-11-24 06:07:07.026'), Date.parse('2026-11-24T06:07:07.026Z'));
    assert.equal(eventPlaceOf({ '@log': '1:/g', '@timestamp': '5' }), undefined, 'no stream');
    assert.equal(eventPlaceOf({ '@log': '1:/g', '@logStream': 's', '@timestamp': 'soon' }), undefined, 'no time');
    assert.equal(eventPlaceOf({ '@logStream': 's', '@timestamp': '5' }), undefined, 'no group');
  });

  it('a Python frame anywhere in a cell, with where it stands', () => {
    const cell = 'ERR   File "/opt/ml/code/train.py", line 41, in main';
    assert.deepEqual(sourceFrameOf(cell), { path: '/opt/ml/code/train.py', line: 41, start: 6, end: 43 });
    assert.equal(cell.slice(6, 43), 'File "/opt/ml/code/train.py", line 41');
    assert.equal(sourceFrameOf('File "x.py", line 0'), undefined);
    assert.equal(sourceFrameOf('no frame here'), undefined);
  });
});
