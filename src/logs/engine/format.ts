/** How log events become lines of the output channel: timestamp, host tag, multi-line and JSON messages. */
import type { LogEvent } from '../../shared/logs/source';

export type TimestampStyle = 'local' | 'utc' | 'none';

export interface LineFormat {
  readonly timestamps: TimestampStyle;
  /** Show `[tag]` before each message (targets with more than one stream). */
  readonly tag?: (logStreamName: string) => string;
  readonly prettyJson?: boolean;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => pad(i));

/**
 * The formatted second (`YYYY-MM-DD HH:MM:SS`) of the last timestamp, per style: log lines come many to a second,
 * and a backfill crosses hundreds of thousands of seconds. Within a quarter of an hour (UTC) no zone changes its
 * offset (offsets and their changes are whole quarters), so the date and hour are formatted once a quarter and
 * the rest is arithmetic; a zone where that does not hold (a historical offset in seconds) is formatted second
 * by second.
 */
const lastSecond = {
  utc: { second: NaN, text: '', quarter: NaN, head: '', minute: 0, exact: false },
  local: { second: NaN, text: '', quarter: NaN, head: '', minute: 0, exact: false },
};

function secondText(second: number, style: 'utc' | 'local'): string {
  const c = lastSecond[style];
  if (c.second === second) {
    return c.text;
  }
  const quarter = Math.floor(second / 900);
  if (quarter !== c.quarter) {
    const d = new Date(quarter * 900_000);
    c.quarter = quarter;
    if (style === 'utc') {
      c.head = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:`;
      c.minute = d.getUTCMinutes();
      c.exact = true;
    } else {
      c.head = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:`;
      c.minute = d.getMinutes();
      c.exact = d.getSeconds() === 0 && c.minute + 14 <= 59 && d.getTimezoneOffset() === new Date(quarter * 900_000 + 899_000).getTimezoneOffset();
    }
  }
  c.second = second;
  const within = second - quarter * 900;
  c.text = c.exact ? `${c.head}${TWO_DIGITS[c.minute + Math.floor(within / 60)]}:${TWO_DIGITS[within % 60]}` : formatSecond(second * 1000, style);
  return c.text;
}

export function formatTimestamp(ms: number, style: TimestampStyle): string {
  if (style === 'none') {
    return '';
  }
  const second = Math.floor(ms / 1000);
  return `${secondText(second, style)}.${pad(ms - second * 1000, 3)}${style === 'utc' ? 'Z' : ''}`;
}

function formatSecond(ms: number, style: 'utc' | 'local'): string {
  const d = new Date(ms);
  if (style === 'utc') {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A JSON object or array message, compact (or indented); anything else unchanged. */
export function formatMessage(message: string, prettyJson = false): string {
  const text = message.endsWith('\n') ? message.replace(/\r?\n$/, '') : message;
  // Most lines are plain text: look at the first non-blank character before anything costlier.
  const first = text.search(/\S/);
  const c = first < 0 ? '' : text[first];
  if (c !== '{' && c !== '[') {
    return text;
  }
  const t = text.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']') && t.length > 2 && /^\[\s*[{["\d-]/.test(t))) {
    try {
      return JSON.stringify(JSON.parse(t), undefined, prettyJson ? 2 : undefined);
    } catch {
      return text;
    }
  }
  return text;
}

/** Longest message shown in full; CloudWatch events reach 1 MB, which an editor line should not hold. */
export const MAX_MESSAGE_CHARS = 64 * 1024;

// Control characters other than tab and newline, including C1; `\r` is handled apart (see below).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// ANSI escape sequences: CSI (colours, cursor moves), OSC (titles, hyperlinks) and two-character escapes.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/**
 * A message made safe to show as text: ANSI escapes removed, a line rewritten with `\r` (progress bars)
 * reduced to what a terminal would finally show, other control characters made visible as `\xNN`, and
 * very long messages cut with a note of what was left out.
 */
export function sanitizeMessage(message: string): string {
  let text = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)} … [${(message.length - MAX_MESSAGE_CHARS).toLocaleString('en-US')} more characters not shown]` : message;
  if (!CONTROL.test(text)) {
    return text;
  }
  text = text.replace(ANSI, '');
  text = text
    .split('\n')
    .map((line) => {
      const body = line.endsWith('\r') ? line.slice(0, -1) : line;
      const last = body.lastIndexOf('\r');
      return last < 0 ? body : body.slice(last + 1);
    })
    .join('\n');
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * One event as channel text (no trailing newline). Continuation lines of a multi-line message stay
 * together under their first line, indented by the prefix width so tracebacks read as one block.
 */
export function formatEvent(e: LogEvent, f: LineFormat): string {
  const ts = formatTimestamp(e.timestamp, f.timestamps);
  const tag = f.tag ? `[${f.tag(e.logStreamName)}]` : '';
  const prefix = ts && tag ? `${ts} ${tag}` : ts || tag;
  const message = sanitizeMessage(formatMessage(e.message, f.prettyJson));
  if (!message.includes('\n')) {
    return prefix ? `${prefix} ${message}` : message;
  }
  const lines = message.split(/\r?\n/);
  const head = prefix ? `${prefix} ${lines[0]}` : lines[0];
  const indent = ' '.repeat(prefix ? prefix.length + 1 : 0);
  return [head, ...lines.slice(1).map((l) => indent + l)].join('\n');
}

/** A batch of events as one string for a single `append` (ends with a newline when not empty). */
export function formatBatch(events: readonly LogEvent[], f: LineFormat): string {
  if (events.length === 0) {
    return '';
  }
  // A backfill formats hundreds of thousands of lines. A plain one-line message (no control character, newline
  // or JSON, not too long) is used as it is, behind its second (formatted once a second) and a suffix of
  // milliseconds and host tag (formatted once per stream and millisecond): two joins a line.
  const z = f.timestamps === 'utc' ? 'Z' : '';
  const suffixes = new Map<string, { readonly tag: string; readonly ms: (string | undefined)[] }>();
  // One more part, empty, so that the join ends with a newline: `join() + '\n'` would be a rope, not one string.
  const parts = new Array<string>(events.length + 1).fill('', events.length);
  const style = f.timestamps;
  let second = NaN;
  let head = '';
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const m = e.message;
    if (style === 'none' || m.length > MAX_MESSAGE_CHARS || NOT_PLAIN.test(m)) {
      parts[i] = formatEvent(e, f);
      continue;
    }
    let table = suffixes.get(e.logStreamName);
    if (table === undefined) {
      table = { tag: f.tag ? ` [${f.tag(e.logStreamName)}] ` : ' ', ms: new Array<string | undefined>(1000) };
      suffixes.set(e.logStreamName, table);
    }
    const s = Math.floor(e.timestamp / 1000);
    if (s !== second) {
      second = s;
      head = secondText(s, style);
    }
    const ms = e.timestamp - s * 1000;
    const suffix = table.ms[ms] ?? (table.ms[ms] = `.${pad(ms, 3)}${z}${table.tag}`);
    parts[i] = head + suffix + m;
  }
  return parts.join('\n');
}

/** A message formatEvent would change or split: blank or JSON start, or a control character (tab and newline too). */
const NOT_PLAIN = /^[\s{[]|[\u0000-\u001f\u007f-\u009f]/;

/** A line the tail itself writes (status change, notice), marked so it stands apart from the job's own lines. */
export function formatMarkedLine(kind: 'status' | 'notice', text: string, atMs: number, style: TimestampStyle): string {
  const ts = formatTimestamp(atMs, style);
  return `${ts ? `${ts} ` : ''}=== [${kind}] ${text}\n`;
}

/**
 * A marked line appended after lines up to `newestShownMs`. A channel only grows at its end, so a status
 * whose own time is older than lines already shown (a transition read after the backfill) takes their
 * time, keeping the time column in order, and says its own time in the text.
 */
export function formatMarkedLineAfter(kind: 'status' | 'notice', text: string, atMs: number, newestShownMs: number | undefined, style: TimestampStyle): { readonly line: string; readonly at: number } {
  if (newestShownMs === undefined || atMs >= newestShownMs) {
    return { line: formatMarkedLine(kind, text, atMs, style), at: atMs };
  }
  const since = style === 'none' ? '' : ` (since ${formatTimestamp(atMs, style)})`;
  return { line: formatMarkedLine(kind, `${text}${since}`, newestShownMs, style), at: newestShownMs };
}
