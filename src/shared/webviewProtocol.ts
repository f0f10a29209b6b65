/**
 * Messages every webview panel exchanges with the extension host, whatever it shows. Each panel's own
 * protocol module extends these unions; both sides validate what arrives with the guards below.
 */

/** Webview → host: sent once the page's script has loaded and can receive messages. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Webview → host: an error inside the page, reported to the diagnostics channel. */
export interface WebviewErrorMessage {
  readonly type: 'webviewError';
  readonly message: string;
}

export type BaseWebviewToHost = ReadyMessage | WebviewErrorMessage;

/** Host → webview: the theme kind changed (charts pick their colours from CSS variables again). */
export interface ThemeChangedMessage {
  readonly type: 'themeChanged';
  readonly kind: 'light' | 'dark' | 'highContrast' | 'highContrastLight';
}

export type BaseHostToWebview = ThemeChangedMessage;

const MAX_TEXT = 10_000;

/** A plain object (what a message becomes after postMessage): nothing inherited can pass for a field. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isBoundedString(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

export function isBaseWebviewToHost(value: unknown): value is BaseWebviewToHost {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'ready':
      return Object.keys(value).length === 1;
    case 'webviewError':
      return isBoundedString(value.message);
    default:
      return false;
  }
}

const THEME_KINDS: ReadonlySet<unknown> = new Set(['light', 'dark', 'highContrast', 'highContrastLight']);

export function isBaseHostToWebview(value: unknown): value is BaseHostToWebview {
  return isRecord(value) && value.type === 'themeChanged' && THEME_KINDS.has(value.kind);
}
