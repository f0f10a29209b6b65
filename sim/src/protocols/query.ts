/** awsQuery: form-encoded input → nested object; output → AWS's XML envelope. */

export const CW_XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

type Tree = { [k: string]: Tree | string };

/** `A.member.1.B=x&A.member.2.B=y` → `{ A: [{B:'x'},{B:'y'}] }` (all leaves are strings). */
export function parseQueryForm(body: string): Record<string, unknown> {
  const params = new URLSearchParams(body);
  const root: Tree = {};
  for (const [key, value] of params) {
    const parts = key.split('.');
    let cur: Tree = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i];
      const next = cur[p];
      if (typeof next !== 'object') cur[p] = {};
      cur = cur[p] as Tree;
    }
    cur[parts[parts.length - 1]] = value;
  }
  return normalize(root) as Record<string, unknown>;
}

function normalize(node: Tree | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === 'member' || keys[0] === 'entry')) {
    const inner = node[keys[0]];
    if (typeof inner === 'string') return [inner];
    return Object.keys(inner)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => normalize(inner[k]));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = normalize(node[k]);
  return out;
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

function isoDate(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** Members that are maps in the CloudWatch model (serialised as <entry><key/><value/></entry>). */
const MAP_MEMBERS = new Set(['ExtendedStatistics']);

function xmlValue(v: unknown, key?: string): string {
  if (v instanceof Date) return isoDate(v);
  if (key !== undefined && MAP_MEMBERS.has(key) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `<entry><key>${xmlEscape(k)}</key><value>${xmlValue(x)}</value></entry>`)
      .join('');
  }
  if (Array.isArray(v)) return v.map((x) => `<member>${xmlValue(x)}</member>`).join('');
  if (v !== null && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => `<${k}>${xmlValue(x, k)}</${k}>`)
      .join('');
  }
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return xmlEscape(String(v));
}

export function queryResponseXml(action: string, result: Record<string, unknown> | undefined, requestId: string): string {
  const inner = result !== undefined && Object.keys(result).length ? `<${action}Result>${xmlValue(result)}</${action}Result>` : '';
  const emptyResult = result !== undefined && !Object.keys(result).length ? `<${action}Result/>` : '';
  return `<${action}Response xmlns="${CW_XMLNS}">${inner || emptyResult}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>\n`;
}

export function queryErrorXml(type: string, code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="${CW_XMLNS}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`;
}
