/** SigV4 request authentication: presence and shape only (signatures are not verified). */
import type { IncomingMessage } from 'node:http';

/** The credential scope's region; undefined = no credentials at all; null = a malformed Authorization header. */
export function regionFromAuth(req: IncomingMessage): string | undefined | null {
  const auth = req.headers.authorization;
  const url = req.url ?? '/';
  if (auth === undefined) {
    const m = /[?&]X-Amz-Credential=([^&]+)/.exec(url);
    if (m) return decodeURIComponent(m[1]).split('/')[2] ?? null;
    return undefined;
  }
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request\s*,\s*SignedHeaders=[^,]+,\s*Signature=[0-9a-f]+/i.exec(auth);
  if (!m) return null;
  return m[3];
}

export function accessKeyFromAuth(req: IncomingMessage): string | undefined {
  const m = /Credential=([^/,\s&]+)(\/|%2F)/i.exec(req.headers.authorization ?? req.url ?? '');
  return m?.[1];
}
