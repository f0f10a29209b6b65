/**
 * Log lines → curve points, for one training job: its MetricDefinitions (SageMaker's Python regexes,
 * translated once) when it has any, else the `logPatterns` setting. One pass per line: a line without a digit
 * is dropped at once (no pattern can read a finite number from it), the others go through every pattern in
 * one loop. A definition `text(X+)` is found without the regex engine (./literalRun.ts); another that needs a
 * text somewhere after its start (./requiredLiteral.ts) is not run on a line without that text.
 */
import { ASK_REGEX, NO_MATCH, type LiteralRun } from './literalRun';
import { parsePythonFloat, plainDecimal } from './pyFloat';
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

/**
 * Where a parser puts a line's points: an array, or the store taking each at once. A sink with `value` is given
 * the point's parts instead of an object (the store makes an object only of the points it keeps); `step` and
 * `epoch` are then finite or undefined.
 */
export interface PointSink {
  push(p: CurvePoint): unknown;
  value?(metric: string, value: number, time: number, host: string, step: number | undefined, epoch: number | undefined): void;
}

export interface LineParser {
  /** Appends the line's points to `out`. */
  parse(host: string, time: number, message: string, out: PointSink): void;
  readonly counters: ParseCounters;
}

export interface JobLineParser {
  readonly parser: LineParser;
  readonly source: 'metricDefinitions' | 'logPatterns';
  /** One sentence per MetricDefinition that could not be used. */
  readonly problems: string[];
}

const HAS_DIGIT = /[0-9]/;

/** The names (X_NAMES) whose value is a line's x, and which x. */
const X_KIND = new Map<string, 'epoch' | 'step'>([...X_NAMES].map((n) => [n, n === 'epoch' ? 'epoch' : 'step']));

const counters = (): ParseCounters => ({ lines: 0, noDigit: 0, points: 0, nonFinite: 0, notANumber: 0 });

/**
 * The parser of a job: its MetricDefinitions that translate, else (none, or none usable) the log patterns.
 */
export function jobLineParser(metricDefinitions: readonly { readonly name: string; readonly regex: string }[], patterns: readonly LogPattern[]): JobLineParser {
  const problems: string[] = [];
  const compiled: Definition[] = [];
  for (const d of metricDefinitions) {
    const t = translatePythonRegex(d.regex);
    if (t.ok) {
      // A required text not at the pattern's start: looked for first (the regex engine looks for a leading one itself).
      const required = t.literal && !t.literal.leading ? t.literal.text : undefined;
      compiled.push({ metric: d.name, regex: t.regex, group: t.valueGroup, required, run: t.run });
    } else {
      problems.push(`MetricDefinition ${d.name}: ${t.message}`);
    }
  }
  if (compiled.length > 0) {
    return { parser: definitionsParser(compiled), source: 'metricDefinitions', problems };
  }
  return { parser: patternsParser(patterns), source: 'logPatterns', problems };
}

interface Definition {
  readonly metric: string;
  readonly regex: RegExp;
  readonly group: number;
  /** A line without this text cannot match: the regex is not run on it. */
  readonly required: string | undefined;
  /** `text(X+)`: found without the regex (which it falls back to beyond ASCII). */
  readonly run: LiteralRun | undefined;
}

/** SageMaker's way: each definition searches the line once; its value is the first group. */
function definitionsParser(defs: readonly Definition[]): LineParser {
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
        if (d.run !== undefined) {
          const start = d.run.find(message);
          if (start === NO_MATCH) {
            continue;
          }
          if (start !== ASK_REGEX) {
            const end = d.run.end;
            pushValue(c, out, d.metric, host, time, plainDecimal(message, start, end) ?? parsePythonFloat(message.slice(start, end)));
            continue;
          }
        }
        if (d.required !== undefined && !message.includes(d.required)) {
          continue;
        }
        const m = d.regex.exec(message);
        const text = m?.[d.group];
        if (text !== undefined) {
          push(c, out, d.metric, host, time, text);
        }
      }
    },
  };
}

/** Reads the value and appends the point; `step`/`epoch` only when finite (the panel then uses them as x). */
function push(c: ParseCounters, out: PointSink, metric: string, host: string, time: number, text: string, step?: number, epoch?: number): void {
  pushValue(c, out, metric, host, time, parsePythonFloat(text), step, epoch);
}

/** A point; `step`/`epoch` only when finite. */
export function curvePoint(metric: string, value: number, time: number, host: string, step?: number, epoch?: number): CurvePoint {
  const p: { metric: string; value: number; time: number; host: string; step?: number; epoch?: number } = { metric, value, time, host };
  if (step !== undefined && Number.isFinite(step)) p.step = step;
  if (epoch !== undefined && Number.isFinite(epoch)) p.epoch = epoch;
  return p;
}

/** Appends the point of a value read (undefined: not a number). */
function pushValue(c: ParseCounters, out: PointSink, metric: string, host: string, time: number, value: number | undefined, step?: number, epoch?: number): void {
  if (value === undefined) {
    c.notANumber++;
  } else if (!Number.isFinite(value)) {
    c.nonFinite++;
  } else {
    c.points++;
    if (out.value !== undefined) {
      out.value(metric, value, time, host, step !== undefined && Number.isFinite(step) ? step : undefined, epoch !== undefined && Number.isFinite(epoch) ? epoch : undefined);
      return;
    }
    out.push(curvePoint(metric, value, time, host, step, epoch));
  }
}

/** The log patterns: every match of every pattern; `epoch`/`step` of the line (or the host's epoch) as the x. */
export function patternsParser(patterns: readonly LogPattern[]): LineParser {
  const c = counters();
  const hostEpoch = new Map<string, number>();
  // Whether a name is an x (any case), remembered: a job prints the same few names on every line.
  const xKinds = new Map<string, 'epoch' | 'step' | null>();
  const xOf = (metric: string): 'epoch' | 'step' | undefined => {
    let x = xKinds.get(metric);
    if (x === undefined) {
      x = X_KIND.get(metric.toLowerCase()) ?? null;
      if (xKinds.size < 1_000) {
        xKinds.set(metric, x);
      }
    }
    return x ?? undefined;
  };
  return {
    counters: c,
    parse(host, time, message, out) {
      c.lines++;
      if (!HAS_DIGIT.test(message)) {
        c.noDigit++;
        return;
      }
      let found: { metric: string; text: string; step: number | undefined; epoch: number | undefined }[] | undefined;
      let step: number | undefined;
      let epoch: number | undefined;
      for (const p of patterns) {
        if (p.requires !== undefined && !holdsAny(message, p.requires)) {
          continue;
        }
        p.regex.lastIndex = 0;
        for (let m = p.regex.exec(message); m; m = p.regex.exec(message)) {
          if (m[0] === '') {
            p.regex.lastIndex++;
          }
          const g = m.groups ?? {};
          const ownStep = g.step !== undefined ? parsePythonFloat(g.step) : undefined;
          const ownEpoch = g.epoch !== undefined ? parsePythonFloat(g.epoch) : undefined;
          if (g.value === undefined) {
            step ??= ownStep;
            epoch ??= ownEpoch;
            continue;
          }
          const metric = g.name ?? p.name ?? '';
          const x = xOf(metric);
          if (x) {
            const v = parsePythonFloat(g.value);
            if (x === 'epoch') epoch ??= v;
            else step ??= v;
            continue;
          }
          found ??= [];
          if (!found.some((f) => f.metric === metric)) {
            found.push({ metric, text: g.value, step: ownStep, epoch: ownEpoch });
          }
        }
      }
      if (epoch !== undefined && Number.isFinite(epoch) && found === undefined) {
        // A line with an epoch and no values (Keras's `Epoch 3/10`): the epoch of the lines after it.
        hostEpoch.set(host, epoch);
        return;
      }
      epoch ??= hostEpoch.get(host);
      for (const f of found ?? []) {
        push(c, out, f.metric, host, time, f.text, f.step ?? step, f.epoch ?? epoch);
      }
    },
  };
}

/** Whether the line holds one of the texts. */
function holdsAny(message: string, texts: readonly string[]): boolean {
  for (let i = 0; i < texts.length; i++) {
    if (message.includes(texts[i])) {
      return true;
    }
  }
  return false;
}
