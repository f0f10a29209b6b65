/** Values of query fields, rows (an event's lazily discovered fields or a stats row) and how a value is written out. */

export type Value = string | number | undefined;

/** A log event as the engine sees it; `ref` is the caller's handle (for @ptr). */
export interface InsightsEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  logStream: string;
  /** `accountId:logGroupName` */
  log: string;
  ref?: unknown;
}

export interface Row {
  get(name: string): Value;
  set(name: string, v: Value): void;
  /** the event behind the row (not for stats rows) */
  readonly event?: InsightsEvent;
}

const NUMERIC = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number, or NaN when the value is not numeric. */
export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  return NaN;
}

export function isNumeric(v: Value): boolean {
  return typeof v === 'number' || (typeof v === 'string' && NUMERIC.test(v));
}

/** Order of sort: absent last; non-numbers before numbers (AWS's sort), numbers by value, text by code unit. */
export function compareValues(a: Value, b: Value): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const na = isNumeric(a);
  const nb = isNumeric(b);
  if (na && nb) return toNum(a) - toNum(b);
  if (na !== nb) return na ? 1 : -1;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** `2026-11-24 12:00:00.000`, as Logs Insights writes @timestamp and bin() values. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** A result value as text: times formatted, numbers without float noise. */
export function formatValue(v: Value, isTime: boolean): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (isTime && Number.isFinite(v)) return formatTime(v);
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  }
  return v;
}

/** A plain row (stats output, or a copy made by commands that run after a sort, limit or stats). */
export class MapRow implements Row {
  readonly vals = new Map<string, Value>();
  constructor(
    private readonly base?: Row,
    readonly event?: InsightsEvent,
  ) {}
  get(name: string): Value {
    if (this.vals.has(name)) return this.vals.get(name);
    return this.base?.get(name);
  }
  set(name: string, v: Value): void {
    this.vals.set(name, v);
  }
}

/**
 * One log event: system fields (@timestamp, @message, @logStream, @log, @ingestionTime), fields set by
 * `fields` and `parse`, and the members of a JSON message (nested ones as `a.b`), discovered on first use.
 */
export class EventRow implements Row {
  private vals: Map<string, Value> | undefined;
  private json: Map<string, Value> | null | undefined;
  constructor(readonly event: InsightsEvent) {}

  get(name: string): Value {
    const own = this.vals?.get(name);
    if (own !== undefined || this.vals?.has(name)) return own;
    const e = this.event;
    switch (name) {
      case '@timestamp':
        return e.timestamp;
      case '@message':
        return e.message;
      case '@logStream':
        return e.logStream;
      case '@log':
        return e.log;
      case '@ingestionTime':
        return e.ingestionTime;
    }
    if (this.json === undefined) this.json = discoverJson(e.message);
    return this.json?.get(name);
  }

  set(name: string, v: Value): void {
    (this.vals ??= new Map()).set(name, v);
  }

  /** Every field of the event (GetLogRecord). */
  all(): Map<string, Value> {
    if (this.json === undefined) this.json = discoverJson(this.event.message);
    return new Map([...(this.json ?? []), ...(this.vals ?? [])]);
  }
}

/** Fields of a JSON object message, nested members flattened with dots (`a.b`, `list.0`). */
export function discoverJson(message: string): Map<string, Value> | null {
  const s = message.trimStart();
  if (s[0] !== '{') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const out = new Map<string, Value>();
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'object') {
      if (depth > 8) return;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, prefix ? `${prefix}.${k}` : k, depth + 1);
      return;
    }
    out.set(prefix, typeof v === 'number' ? v : String(v));
  };
  walk(parsed, '', 0);
  return out;
}
