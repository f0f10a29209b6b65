import * as assert from 'node:assert/strict';
import { stopChoice } from '../../../src/logs/stopChoice';

describe('Stop Tailing Logs without a name: which tail', () => {
  const [a, b, c] = [{ name: 'a' }, { name: 'b' }, { name: 'c' }];

  it('says nothing runs when no tail runs', () => {
    assert.deepEqual(stopChoice([], []), { kind: 'none' });
  });

  it('stops the one tail whose channel is showing, without asking', () => {
    assert.deepEqual(stopChoice([a, b, c], [b]), { kind: 'stop', tail: b });
  });

  it('stops the only running tail, shown or not', () => {
    assert.deepEqual(stopChoice([a], []), { kind: 'stop', tail: a });
    assert.deepEqual(stopChoice([a], [a]), { kind: 'stop', tail: a });
  });

  it('asks among every running tail when none is showing', () => {
    assert.deepEqual(stopChoice([a, b, c], []), { kind: 'ask', tails: [a, b, c] });
  });

  it('asks when several are showing, those first', () => {
    assert.deepEqual(stopChoice([a, b, c], [c, b]), { kind: 'ask', tails: [b, c, a] });
  });

  it('ignores a showing channel whose tail no longer runs', () => {
    assert.deepEqual(stopChoice([a, b], [c]), { kind: 'ask', tails: [a, b] });
    assert.deepEqual(stopChoice([a, b], [c, a]), { kind: 'stop', tail: a });
  });
});
