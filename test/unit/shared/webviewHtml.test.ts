import * as assert from 'node:assert/strict';
import { buildWebviewHtml, contentSecurityPolicy, createNonce } from '../../../src/shared/webviewHtml';

const page = {
  title: 'Metrics <ep1>',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  scripts: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/metrics.js'],
  styles: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css'],
  bodyHtml: '<main id="root"></main>',
  initialState: { title: '"><script>alert(1)</script>' },
};

describe('shared/webviewHtml: the one HTML builder', () => {
  it('declares default-src none and allows scripts only by nonce', () => {
    const csp = contentSecurityPolicy(page.cspSource, page.nonce);
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp.split(';').find((d) => d.includes('script-src')) ?? '', /unsafe-inline|unsafe-eval|\*/);
  });

  it('puts the nonce on every script and nothing inline', () => {
    const html = buildWebviewHtml(page);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    for (const tag of scripts) {
      assert.match(tag, /nonce="abc123"/);
      assert.match(tag, /src="/);
    }
    assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/, 'no inline script bodies');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /https?:\/\/(?!file\+\.vscode-resource)/, 'no remote content');
  });

  it('escapes the title and the initial state', () => {
    const html = buildWebviewHtml(page);
    assert.ok(html.includes('<title>Metrics &#60;ep1&#62;</title>'));
    assert.ok(!html.includes('<script>alert(1)</script>'));
  });

  it('makes unguessable nonces', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    assert.equal(nonces.size, 100);
    for (const n of nonces) {
      assert.ok(Buffer.from(n, 'base64').length >= 16);
    }
  });
});
