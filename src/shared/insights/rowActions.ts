/**
 * What a result row offers, worked out the same way by the page (its buttons and links) and by tests:
 * the event a row's record is in (for Tail from Here and Show Logs Around This Time), and the traceback
 * frame a cell names (a jump-to-source link).
 */
import { parseResultTime } from './results';

/** The stream and time of an opened event (GetLogRecord's answer). */
export interface EventPlace {
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** epoch ms */
  readonly time: number;
}

/** A record's time: `@timestamp` as epoch ms (GetLogRecord's form) or as the service's result time. */
export function eventTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && /^\d+$/.test(value) ? n : parseResultTime(value);
}

/** Where a GetLogRecord record was logged (`@log` is `account:group`); undefined when it does not say. */
export function eventPlaceOf(record: Readonly<Record<string, string>>): EventPlace | undefined {
  const logGroupName = record['@log']?.replace(/^\d+:/, '');
  const logStreamName = record['@logStream'];
  const time = eventTime(record['@timestamp']);
  return logGroupName && logStreamName && time !== undefined ? { logGroupName, logStreamName, time } : undefined;
}

/** A Python traceback frame in a cell: `File "/opt/ml/code/train.py", line 41`. */
export interface SourceFrame {
  readonly path: string;
  readonly line: number;
  /** Where the frame's text starts and ends in the cell. */
  readonly start: number;
  readonly end: number;
}

const FRAME = /File "([^"\r\n]+)", line (\d+)/;

export function sourceFrameOf(value: string): SourceFrame | undefined {
  const m = FRAME.exec(value);
  const line = m ? Number(m[2]) : 0;
  return m && Number.isSafeInteger(line) && line > 0 ? { path: m[1], line, start: m.index, end: m.index + m[0].length } : undefined;
}
