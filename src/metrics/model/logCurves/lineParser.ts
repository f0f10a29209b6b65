/**
 * Log lines → curve points, for one training job: its MetricDefinitions (SageMaker's Python regexes,
 * translated once) when it has any, else the `logPatterns` setting. One pass per line: a line without a digit
 * is dropped at once (no pattern can read a finite number from it), the others go through every pattern in
 * one loop.
 */
import { parsePythonFloat } from './pyFloat';
import { X_NAMES, type LogPattern } from './logPatterns';
import { translatePythonRegex } from './pythonRegex';

export interface CurvePoint {
  readonly metric: string;
  readonly value: number;
  /** The log event's timestamp (epoch ms). */
  readonly time: number;
  /** `algo-1`… */
  readonly host: string;
  readonly step?: number;
  readonly epoch?: number;
}

/** Why lines gave no point, for the panel's "n lines read, m points" and for tests. */
export interface ParseCounters {
  lines: number;
  /** Lines without a digit: not looked at. */
  noDigit: number;
  points: number;
  /** A value that Python reads as nan or ±inf: not charted. */
  nonFinite: number;
  /** A captured value that is not a number (`Loss = (.*?);` on `Loss = n/a;`). */
  notANumber: number;
}

export interface LineParser {
  /** Appends the line's points to `out`. */
  parse(host: string, time: number, message: string, out: CurvePoint[]): void;
  readonly counters: ParseCounters;
}

export interface JobLineParser {
  readonly parser: LineParser;
  readonly source: 'metricDefinitions' | 'logPatterns';
  /** One sentence per MetricDefinition that could not be used. */
  readonly problems: string[];
}

const HAS_DIGIT = /[0-9]/;

const counters = (): ParseCounters => ({ lines: 0, noDigit: 0, points: 0, nonFinite: 0, notANumber: 0 });

/**
 * The parser of a job: its MetricDefinitions that translate, else (none, or none usable) the log patterns.
 */
export function jobLineParser(metricDefinitions: readonly { readonly name: string; readonly regex: string }[], patterns: readonly LogPattern[]): JobLineParser {
  const problems: string[] = [];
  const compiled: { metric: string; regex: RegExp; group: number }[] = [];
  for (const d of metricDefinitions) {
    const t = translatePythonRegex(d.regex);
    if (t.ok) {
      compiled.push({ metric: d.name, regex: t.regex, group: t.valueGroup });
    } else {
      problems.push(`MetricDefinition ${d.name}: ${t.message}`);
    }
  }
  if (compiled.length > 0) {
    return { parser: definitionsParser(compiled), source: 'metricDefinitions', problems };
  }
  return { parser: patternsParser(patterns), source: 'logPatterns', problems };
}

/** SageMaker's way: each definition searches the line once; its value is the first group. */
function definitionsParser(defs: readonly { metric: string; regex: RegExp; group: number }[]): LineParser {
  const c = counters();
  return {
    counters: c,
    parse(host, time, message, out) {
      c.lines++;
      if (!HAS_DIGIT.test(message)) {
        c.noDigit++;
        return;
      }
      for (const d of defs) {
        const m = d.regex.exec(message);
        const text = m?.[d.group];
        if (text !== undefined) {
          push(c, out, { metric: d.metric, host, time }, text);
        }
      }
    },
  };
}

function push(c: ParseCounters, out: CurvePoint[], p: Omit<CurvePoint, 'value'>, text: string): void {
  const value = parsePythonFloat(text);
  if (value === undefined) {
    c.notANumber++;
  } else if (!Number.isFinite(value)) {
    c.nonFinite++;
  } else {
    c.points++;
    out.push({ ...p, value });
  }
}

/** The log patterns: every match of every pattern; `epoch`/`step` of the line (or the host's epoch) as the x. */
export function patternsParser(patterns: readonly LogPattern[]): LineParser {
  const c = counters();
  const hostEpoch = new Map<string, number>();
  return {
    counters: c,
    parse(host, time, message, out) {
      c.lines++;
      if (!HAS_DIGIT.test(message)) {
        c.noDigit++;
        return;
      }
      const found: { metric: string; text: string; step?: number; epoch?: number }[] = [];
      let step: number | undefined;
      let epoch: number | undefined;
      for (const p of patterns) {
        for (const m of message.matchAll(p.regex)) {
          const g = m.groups ?? {};
          const ownStep = g.step !== undefined ? parsePythonFloat(g.step) : undefined;
          const ownEpoch = g.epoch !== undefined ? parsePythonFloat(g.epoch) : undefined;
          if (g.value === undefined) {
            step ??= ownStep;
            epoch ??= ownEpoch;
            continue;
          }
          const metric = g.name ?? p.name ?? '';
          if (X_NAMES.has(metric.toLowerCase())) {
            const x = parsePythonFloat(g.value);
            if (metric.toLowerCase() === 'epoch') epoch ??= x;
            else step ??= x;
            continue;
          }
          if (!found.some((f) => f.metric === metric)) {
            found.push({ metric, text: g.value, ...(ownStep !== undefined ? { step: ownStep } : {}), ...(ownEpoch !== undefined ? { epoch: ownEpoch } : {}) });
          }
        }
      }
      if (epoch !== undefined && Number.isFinite(epoch) && found.length === 0) {
        // A line with an epoch and no values (Keras's `Epoch 3/10`): the epoch of the lines after it.
        hostEpoch.set(host, epoch);
        return;
      }
      epoch ??= hostEpoch.get(host);
      for (const f of found) {
        const s = f.step ?? step;
        const e = f.epoch ?? epoch;
        push(c, out, { metric: f.metric, host, time, ...(s !== undefined && Number.isFinite(s) ? { step: s } : {}), ...(e !== undefined && Number.isFinite(e) ? { epoch: e } : {}) }, f.text);
      }
    },
  };
}
