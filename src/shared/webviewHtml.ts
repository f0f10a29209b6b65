/**
 * The one HTML builder for every webview (STYLE practice 4): `default-src 'none'`, scripts only from the
 * webview's own resource origin and only with the page's nonce, no inline handlers, no remote content.
 * Pure so that tests can assert the policy without VS Code.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  readonly title: string;
  /** `webview.cspSource`: the origin VS Code serves `asWebviewUri` resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** Already converted with `asWebviewUri`. */
  readonly scripts: readonly string[];
  readonly styles: readonly string[];
  /** Trusted markup of our own (no user data): containers the script fills in. */
  readonly bodyHtml: string;
  /** Serialized initial state for the script to read from a `data-` attribute (HTML-escaped here). */
  readonly initialState?: unknown;
}

/** 128 bits from the OS's CSPRNG, base64: unguessable by content injected into the page. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    // Chart.js and vscode-elements set element styles from script; no inline <style> of our own.
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
  ].join('; ');
}

export function buildWebviewHtml(page: WebviewPage): string {
  const csp = contentSecurityPolicy(page.cspSource, page.nonce);
  const styles = page.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n    ');
  const scripts = page.scripts
    .map((src) => `<script nonce="${escapeHtml(page.nonce)}" src="${escapeHtml(src)}"></script>`)
    .join('\n    ');
  const state = page.initialState === undefined ? '' : ` data-state="${escapeHtml(JSON.stringify(page.initialState))}"`;
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>${escapeHtml(page.title)}</title>
    ${styles}
  </head>
  <body${state}>
    ${page.bodyHtml}
    ${scripts}
  </body>
</html>`;
}
