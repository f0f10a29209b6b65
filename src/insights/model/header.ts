/**
 * The header comment of a `.cwlq` file: which log groups a query reads and over which time range.
 *
 *     # logGroups: /aws/sagemaker/TrainingJobs, /aws/sagemaker/ProcessingJobs
 *     # range: last 1h                      (or: 2026-12-03T10:00Z .. 2026-12-03T11:00Z)
 *     fields @timestamp, @message | filter @logStream like /^my-job\// | limit 100
 *
 * Only the comment lines at the top are the header; the query is sent with them left out.
 */

export const MAX_LOG_GROUPS = 50;

export type RangeSpec = { readonly kind: 'last'; readonly ms: number; readonly text: string } | { readonly kind: 'absolute'; readonly start: number; readonly end: number };

export interface QueryDocument {
  readonly logGroups: readonly string[];
  readonly range?: RangeSpec;
  /** The query text without the header lines. */
  readonly query: string;
  /** Header lines that could not be read, with their (0-based) line numbers. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `1h`, `15m`, `7d`, `90 min` as ms; undefined otherwise. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)$/i.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const ms = Number(m[1]) * UNIT_MS[m[2].toLowerCase()];
  return ms > 0 ? ms : undefined;
}

/** An ISO-8601 time; a time without a zone is UTC (the service's zone); `2026-12-03T10:00Z` is accepted. */
export function parseTime(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(t)) {
    return undefined;
  }
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) || !/[T ]/.test(t) ? t : `${t}Z`;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

export function parseRange(text: string): RangeSpec | string {
  const last = /^last\s+(.+)$/i.exec(text.trim());
  if (last) {
    const ms = parseDuration(last[1]);
    return ms === undefined ? `"${last[1]}" is not a duration like 15m, 1h or 7d` : { kind: 'last', ms, text: last[1].trim() };
  }
  const parts = text.split(/\s*\.\.\s*|\s+to\s+/i);
  if (parts.length !== 2) {
    return `A range is "last 1h" or "<start> .. <end>" (ISO times, UTC unless a zone is given)`;
  }
  const start = parseTime(parts[0]);
  const end = parseTime(parts[1]);
  if (start === undefined || end === undefined) {
    return `"${start === undefined ? parts[0] : parts[1]}" is not an ISO time like 2026-12-03T10:00Z`;
  }
  return end > start ? { kind: 'absolute', start, end } : 'The range ends before it starts';
}

const HEADER_LINE = /^\s*#\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/;

export function parseQueryDocument(text: string): QueryDocument {
  const lines = text.split(/\r?\n/);
  const logGroups: string[] = [];
  const problems: { line: number; message: string }[] = [];
  let range: RangeSpec | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      continue;
    }
    if (!line.trimStart().startsWith('#')) {
      break;
    }
    const m = HEADER_LINE.exec(line);
    if (!m) {
      continue;
    }
    const key = m[1].toLowerCase();
    if (key === 'loggroups' || key === 'loggroup' || key === 'log-groups') {
      logGroups.push(...m[2].split(/[\s,]+/).filter((g) => g !== ''));
    } else if (key === 'range') {
      const parsed = parseRange(m[2]);
      if (typeof parsed === 'string') {
        problems.push({ line: i, message: parsed });
      } else {
        range = parsed;
      }
    }
  }
  const unique = [...new Set(logGroups)];
  if (unique.length > MAX_LOG_GROUPS) {
    problems.push({ line: 0, message: `A query reads at most ${MAX_LOG_GROUPS} log groups; the header names ${unique.length}` });
  }
  return { logGroups: unique, ...(range ? { range } : {}), query: lines.slice(i).join('\n').trim(), problems };
}

/** The range as epoch ms: a `last` range ends now. */
export function resolveRange(range: RangeSpec | undefined, now: number, fallbackMs = 3_600_000): { start: number; end: number } {
  if (range?.kind === 'absolute') {
    return { start: range.start, end: range.end };
  }
  return { start: now - (range?.ms ?? fallbackMs), end: now };
}

/** `2026-12-03T10:00:05Z`: minutes when the seconds are zero. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(':00.000Z') ? `${iso.slice(0, 16)}Z` : `${iso.slice(0, 19)}Z`;
}

/** The header lines of a document: log groups, then the range. */
export function formatHeader(logGroups: readonly string[], range: RangeSpec | undefined): string {
  const lines = [`# logGroups: ${logGroups.join(', ')}`];
  if (range) {
    lines.push(`# range: ${range.kind === 'last' ? `last ${range.text}` : `${formatTime(range.start)} .. ${formatTime(range.end)}`}`);
  }
  return lines.join('\n');
}
