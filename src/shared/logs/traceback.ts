/** Finding a Python traceback among log messages (one CloudWatch event per line, as SageMaker writes them). */

export interface TracebackFrame {
  readonly path: string;
  readonly line: number;
  readonly func?: string;
  /** The source line Python printed under the frame. */
  readonly code?: string;
}

export interface Traceback {
  /** Index of the `Traceback (most recent call last):` message and of the exception line (inclusive). */
  readonly start: number;
  readonly end: number;
  /** Outermost first, as Python prints them. */
  readonly frames: readonly TracebackFrame[];
  /** `RuntimeError: mat1 and mat2 shapes cannot be multiplied …` (empty when the log ends mid-traceback). */
  readonly error: string;
}

/** A channel line's `<timestamp> [host] ` prefix, or nothing when the line is a bare message. */
const LINE_PREFIX = /^(?:\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?Z? )?(?:\[[A-Za-z0-9][\w./:-]*\] )?/;
const START = /Traceback \(most recent call last\):\s*$/;
const FRAME = /^\s*File "([^"]+)", line (\d+)(?:, in (.+?))?\s*$/;

function body(line: string): string {
  return line.replace(LINE_PREFIX, '');
}

/** The first complete-enough traceback in `lines` at or after `from`. */
export function findTraceback(lines: readonly string[], from = 0): Traceback | undefined {
  for (let i = from; i < lines.length; i++) {
    if (!START.test(lines[i])) {
      continue;
    }
    const frames: TracebackFrame[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = body(lines[j]);
      const frame = FRAME.exec(text);
      if (frame) {
        frames.push({ path: frame[1], line: Number(frame[2]), ...(frame[3] ? { func: frame[3] } : {}) });
        continue;
      }
      if (/^\s+\S/.test(text) && frames.length > 0 && frames[frames.length - 1].code === undefined) {
        const last = frames[frames.length - 1];
        frames[frames.length - 1] = { ...last, code: text.trim() };
        continue;
      }
      // `^^^^^` markers (Python 3.11+) and blank lines sit inside a traceback.
      if (/^\s*[~^]+\s*$/.test(text) || text.trim() === '') {
        continue;
      }
      break;
    }
    if (frames.length === 0) {
      continue;
    }
    const error = j < lines.length ? body(lines[j]).trim() : '';
    return { start: i, end: Math.min(j, lines.length - 1), frames, error };
  }
  return undefined;
}
