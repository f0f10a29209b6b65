import * as assert from 'node:assert/strict';
import { isBaseHostToWebview, isBaseWebviewToHost } from '../../../src/shared/webviewProtocol';

describe('shared/webviewProtocol: guards on arrival', () => {
  it('accepts the well-formed messages', () => {
    assert.ok(isBaseWebviewToHost({ type: 'ready' }));
    assert.ok(isBaseWebviewToHost({ type: 'webviewError', message: 'boom' }));
    assert.ok(isBaseHostToWebview({ type: 'themeChanged', kind: 'dark' }));
  });

  it('rejects malformed and hostile messages', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'ready',
      [],
      { type: 'ready', extra: 1 },
      { type: 'webviewError' },
      { type: 'webviewError', message: 'x'.repeat(10_001) },
      { type: '__proto__' },
      { type: 'themeChanged', kind: 'purple' },
      JSON.parse('{"__proto__": {"type": "ready"}}'),
    ];
    for (const value of bad) {
      assert.equal(isBaseWebviewToHost(value) || isBaseHostToWebview(value), false, JSON.stringify(value));
    }
  });
});
