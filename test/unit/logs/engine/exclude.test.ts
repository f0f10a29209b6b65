import * as assert from 'node:assert/strict';
import { excludeEvents, parseExcludePattern } from '../../../../src/logs/engine/exclude';

const T = Date.UTC(2026, 10, 24, 12, 3, 4, 56);
const ev = (message: string, timestamp = T) => ({ logStreamName: 'j/algo-1-1', timestamp, message });

describe('logs/engine/exclude: exclude regex', () => {
  it('parses bare and slashed patterns with flags, and empty as none', () => {
    assert.deepEqual(parseExcludePattern(''), { ok: true });
    assert.deepEqual(parseExcludePattern('   '), { ok: true });
    const bare = parseExcludePattern('GET /ping|healthcheck');
    assert.ok(bare.ok && bare.regex?.test('"GET /ping HTTP/1.1" 200'));
    const slashed = parseExcludePattern('/debug/gi');
    assert.ok(slashed.ok && slashed.regex?.flags === 'i');
    assert.ok(slashed.ok && slashed.regex?.test('DEBUG x') && slashed.regex.test('DEBUG x'), 'no stateful lastIndex');
  });

  it('explains an invalid regex', () => {
    const bad = parseExcludePattern('foo(');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /^"foo\(" is not a valid regular expression: .+/);
  });

  it('leaves out matching events and counts them; whole multi-line messages are tested', () => {
    const parsed = parseExcludePattern('ping|^DEBUG');
    const regex = parsed.ok ? parsed.regex : undefined;
    const { kept, excluded } = excludeEvents([ev('GET /ping 200'), ev('epoch 1 loss 0.3'), ev('DEBUG x'), ev('Traceback\n  DEBUG inside')], regex);
    assert.deepEqual(
      kept.map((e) => e.message),
      ['epoch 1 loss 0.3', 'Traceback\n  DEBUG inside'],
    );
    assert.equal(excluded, 2);
    assert.equal(excludeEvents([ev('a')], undefined).excluded, 0);
  });
});
