/** Smithy RPC v2 CBOR (what newer botocore / SDKs may pick for CloudWatch), using @smithy/core's own CBOR codec. */
import { cbor, dateToTag } from '@smithy/core/cbor';

/** Decode a request body; timestamps (tag 1) become epoch seconds like the JSON protocols send. */
export function decodeCbor(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const v = untag(cbor.deserialize(new Uint8Array(body.buffer, body.byteOffset, body.byteLength)));
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('CBOR body must be a map');
  return v as Record<string, unknown>;
}

function untag(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(untag);
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const o = v as Record<string, unknown>;
    if (typeof o.tag === 'number' && 'value' in o && Object.keys(o).length === 2) return o.value;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = untag(x);
    return out;
  }
  return v;
}

/** Encode a handler result: Date → tag 1 (epoch seconds), undefined dropped. */
export function encodeCbor(v: unknown): Uint8Array {
  return cbor.serialize(prepare(v) as never);
}

function prepare(v: unknown): unknown {
  if (v instanceof Date) return dateToTag(v);
  if (Array.isArray(v)) return v.map(prepare);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = prepare(x);
    return out;
  }
  return v;
}
