/** application/vnd.amazon.eventstream frames, encoded with the SDK's own codec (@smithy/eventstream-codec). */
import { EventStreamCodec } from '@smithy/eventstream-codec';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const codec = new EventStreamCodec(
  (b: Uint8Array) => decoder.decode(b),
  (s: string) => encoder.encode(s),
);

type HeaderValue = { type: 'string'; value: string };

function str(value: string): HeaderValue {
  return { type: 'string', value };
}

export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: { ':message-type': str('event'), ':event-type': str(eventType), ':content-type': str('application/json') },
    body: encoder.encode(JSON.stringify(payload)),
  });
}

export function initialResponseFrame(): Uint8Array {
  return codec.encode({
    headers: { ':message-type': str('event'), ':event-type': str('initial-response') },
    body: encoder.encode('{}'),
  });
}

export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: { ':message-type': str('exception'), ':exception-type': str(exceptionType), ':content-type': str('application/json') },
    body: encoder.encode(JSON.stringify({ message })),
  });
}

/** Decode frames (tests / CLI tools). */
export function decodeFrame(bytes: Uint8Array): { headers: Record<string, string>; body: string } {
  const m = codec.decode(bytes);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers)) headers[k] = String(v.value);
  return { headers, body: decoder.decode(m.body) };
}
