import * as assert from 'node:assert/strict';
import { alarmStates } from '../../../src/explorer/model/alarmText';

describe('explorer/model/alarmText: what the badges say', () => {
  it('alarmStates ignores order and changes only when some alarm changes state', () => {
    const a = alarmStates([
      { alarmName: 'b', state: 'OK' },
      { alarmName: 'a', state: 'ALARM' },
    ]);
    assert.equal(a, alarmStates([{ alarmName: 'a', state: 'ALARM' }, { alarmName: 'b', state: 'OK' }]));
    assert.notEqual(a, alarmStates([{ alarmName: 'a', state: 'OK' }, { alarmName: 'b', state: 'OK' }]));
    assert.notEqual(a, alarmStates([{ alarmName: 'a', state: 'ALARM' }]));
    assert.equal(alarmStates([]), '');
  });
});
