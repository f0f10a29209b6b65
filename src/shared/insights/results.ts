/**
 * A Logs Insights query's results as the extension passes them around (the host, the webview, the
 * `queryLogs` command's answer): rows as plain `field → value` records, in the order the service sent them.
 */

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout' | 'Unknown';

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']);

export interface QueryStatistics {
  readonly recordsMatched: number;
  readonly recordsScanned: number;
  readonly bytesScanned: number;
}

export type ResultRow = Readonly<Record<string, string>>;

export interface QueryResult {
  readonly status: QueryStatus;
  readonly statistics: QueryStatistics;
  /** Every field of any row, in first-seen order (`@ptr` last: it is a pointer, not data). */
  readonly fields: readonly string[];
  readonly rows: readonly ResultRow[];
}

/** The field whose value points at a row's log event (GetLogRecord). */
export const POINTER_FIELD = '@ptr';

/** The fields of `rows` in first-seen order, `@ptr` last. */
export function fieldsOf(rows: readonly ResultRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      seen.add(key);
    }
  }
  const fields = [...seen].filter((f) => f !== POINTER_FIELD);
  return seen.has(POINTER_FIELD) ? [...fields, POINTER_FIELD] : fields;
}

/** The fields a grid shows: all but the pointer. */
export function visibleFields(fields: readonly string[]): string[] {
  return fields.filter((f) => f !== POINTER_FIELD);
}

/** Compares two cell values: numerically when both are numbers, else as text. */
export function compareCells(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) {
    return a === b ? 0 : a === undefined ? 1 : -1;
  }
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) {
    return x - y;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows sorted by one field (stable); rows without the field stay last either way. */
export function sortRows(rows: readonly ResultRow[], field: string, descending: boolean): ResultRow[] {
  const sorted = rows.map((row, i) => ({ row, i }));
  const order = (a: string | undefined, b: string | undefined) => (a === undefined || b === undefined ? compareCells(a, b) : (descending ? -1 : 1) * compareCells(a, b));
  sorted.sort((p, q) => order(p.row[field], q.row[field]) || p.i - q.i);
  return sorted.map((s) => s.row);
}

export type CopyFormat = 'csv' | 'json' | 'markdown';

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with a header line; `@ptr` left out. */
export function toCsv(fields: readonly string[], rows: readonly ResultRow[]): string {
  const shown = visibleFields(fields);
  const lines = [shown.map(csvCell).join(','), ...rows.map((r) => shown.map((f) => csvCell(r[f] ?? '')).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** A JSON array of row objects (missing fields left out, as the service does); `@ptr` left out. */
export function toJson(fields: readonly string[], rows: readonly ResultRow[]): string {
  const shown = visibleFields(fields);
  const objects = rows.map((r) => Object.fromEntries(shown.filter((f) => r[f] !== undefined).map((f) => [f, r[f]])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

function markdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A GitHub-flavoured Markdown table; `@ptr` left out. */
export function toMarkdown(fields: readonly string[], rows: readonly ResultRow[]): string {
  const shown = visibleFields(fields);
  const lines = [`| ${shown.map(markdownCell).join(' | ')} |`, `|${shown.map(() => ' --- |').join('')}`, ...rows.map((r) => `| ${shown.map((f) => markdownCell(r[f] ?? '')).join(' | ')} |`)];
  return `${lines.join('\n')}\n`;
}

export function formatRows(format: CopyFormat, fields: readonly string[], rows: readonly ResultRow[]): string {
  switch (format) {
    case 'csv':
      return toCsv(fields, rows);
    case 'json':
      return toJson(fields, rows);
    case 'markdown':
      return toMarkdown(fields, rows);
  }
}

/** `2026-11-24 06:07:07.026` (the service's timestamp format, UTC) as epoch ms; undefined when it is not one. */
export function parseResultTime(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)Z?$/.exec(value.trim());
  if (!m) {
    return undefined;
  }
  const t = Date.parse(`${m[1]}T${m[2]}Z`);
  return Number.isFinite(t) ? t : undefined;
}
