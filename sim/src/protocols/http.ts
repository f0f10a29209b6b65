/** Body reading (gzip aware) and JSON responses for the awsJson protocols. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { AwsError } from '../errors';

export const MAX_BODY = 20 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AwsError('SerializationException', 'Request body too large', 413));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const enc = String(req.headers['content-encoding'] ?? '').toLowerCase();
      try {
        if (enc === 'gzip') resolve(gunzipSync(raw));
        else if (enc === 'deflate') resolve(inflateSync(raw));
        else resolve(raw);
      } catch {
        reject(new AwsError('SerializationException', `Could not decode ${enc} request body`));
      }
    });
    req.on('error', reject);
  });
}

/** JSON with Date → epoch seconds (awsJson timestamps). */
export function toJsonSeconds(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    return v;
  });
}

export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return parsed as Record<string, unknown>;
}

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length), ...headers });
  res.end(buf);
}
