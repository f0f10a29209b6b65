/**
 * Quirk modes: real misbehaviours of CloudWatch Logs or of popular emulators, so that a client can be tested
 * against a server that is not polite. All off by default, combinable, deterministic from `seed`.
 *
 * - `liveTailEnd`: a Live Tail response ends cleanly right after sessionStart ('firstFrame'), after
 *   `liveTailEndAfterUpdates` sessionUpdate frames ('afterUpdates'), or with a SessionStreamingException frame
 *   after that many updates ('streamingException').
 * - `liveTailForeignEvents`: every sessionUpdate also carries events of other log groups (their own ARN),
 *   including synthesized `FOREIGN <n>` lines of `/aws/sagemaker/Endpoints/quirk-other-endpoint` in a stream
 *   named like one of the session's.
 * - `liveTailResend`: every sessionUpdate re-sends some or all events of the previous one.
 * - `filterIgnoresPrefix`: FilterLogEvents ignores `logStreamNamePrefix`, StartLiveTail `logStreamNamePrefixes`.
 * - `ingestionDelayMs`: an event becomes readable 0–D ms (sim clock) after it is written, with its original
 *   timestamp; per stream in write order (see LogStream.visibleLength).
 * - `getEventsEmptyPages`: forward GetLogEvents pages are sometimes empty, with a different token at the same
 *   position (`f/<pos>/e<k>`), while more events exist.
 * - `getEventsRepeatToken`: forward GetLogEvents pages sometimes return events with a token that does not
 *   advance (the one sent), so the next read re-sends them.
 * - `getEventsRangeTokens`: GetLogEvents tokens count positions among the events of the request's time range
 *   (as moto, which LocalStack builds on, does): a token got with `startTime`, used without it, points back
 *   towards the stream's head.
 * - `metricsPercentile`: GetMetricData refuses percentile (and other extended) statistics: 'html500' answers
 *   HTTP 500 with an HTML page when any query asks for one, as an emulator without them does; 'internalError'
 *   answers 200 with those queries' `StatusCode: InternalError` and a message, and no values.
 * - `gatewayHtml`: every AWS request (not the control API) is answered 502 with an HTML page, as a corporate
 *   proxy or API gateway in front of the endpoint does.
 *
 * - `insightsQueryEnd`: every Logs Insights query ends `Failed` or `Timeout` instead of `Complete` (after
 *   its Running time, with the rows it found).
 *
 * `all` switches on the log quirks; the two HTML ones take whole features down and are named one by one.
 */
import { hashString, rand01 } from './model/hash';
import type { IngestDelay, LogStore, LogStream } from './model/logStore';

export type LiveTailEnd = 'off' | 'firstFrame' | 'afterUpdates' | 'streamingException';
export type MetricsPercentile = 'off' | 'html500' | 'internalError';
export type InsightsQueryEnd = 'off' | 'Failed' | 'Timeout';

export interface Quirks {
  /** how a Live Tail response ends early ('off' = it does not) */
  liveTailEnd: LiveTailEnd;
  /** sessionUpdate frames before 'afterUpdates' / 'streamingException' end the response (default 1) */
  liveTailEndAfterUpdates: number;
  /** sessionUpdates carry events of other log groups of the account */
  liveTailForeignEvents: boolean;
  /** sessionUpdates re-send some or all events of the previous update */
  liveTailResend: boolean;
  /** FilterLogEvents ignores logStreamNamePrefix; StartLiveTail ignores logStreamNamePrefixes */
  filterIgnoresPrefix: boolean;
  /** events become readable 0..D ms of simulated time after they are written (0 = at once) */
  ingestionDelayMs: number;
  /** forward GetLogEvents sometimes returns an empty page with a changed token while more events exist */
  getEventsEmptyPages: boolean;
  /** forward GetLogEvents sometimes returns events with a token that does not advance */
  getEventsRepeatToken: boolean;
  /** GetLogEvents tokens are positions within the request's time range, not within the stream */
  getEventsRangeTokens: boolean;
  /** how GetMetricData refuses percentile statistics ('off' = it answers them) */
  metricsPercentile: MetricsPercentile;
  /** every AWS request is answered 502 with an HTML error page (a proxy or gateway in between) */
  gatewayHtml: boolean;
  /** how every Logs Insights query ends ('off' = Complete) */
  insightsQueryEnd: InsightsQueryEnd;
  /** seed of the pseudo-random choices */
  seed: number;
}

export const NO_QUIRKS: Readonly<Quirks> = Object.freeze({
  liveTailEnd: 'off',
  liveTailEndAfterUpdates: 1,
  liveTailForeignEvents: false,
  liveTailResend: false,
  filterIgnoresPrefix: false,
  ingestionDelayMs: 0,
  getEventsEmptyPages: false,
  getEventsRepeatToken: false,
  getEventsRangeTokens: false,
  metricsPercentile: 'off',
  gatewayHtml: false,
  insightsQueryEnd: 'off',
  seed: 0,
});

/** `--quirks all`: every log quirk on with its default (not the HTML ones: they take whole features down). */
export const ALL_QUIRKS: Readonly<Partial<Quirks>> = Object.freeze({
  liveTailEnd: 'afterUpdates',
  liveTailEndAfterUpdates: 3,
  liveTailForeignEvents: true,
  liveTailResend: true,
  filterIgnoresPrefix: true,
  ingestionDelayMs: 15_000,
  getEventsEmptyPages: true,
  getEventsRepeatToken: true,
  getEventsRangeTokens: true,
});

export const QUIRK_NAMES = Object.keys(NO_QUIRKS) as (keyof Quirks)[];
const LIVE_TAIL_ENDS: LiveTailEnd[] = ['off', 'firstFrame', 'afterUpdates', 'streamingException'];
const METRICS_PERCENTILE: MetricsPercentile[] = ['off', 'html500', 'internalError'];
const INSIGHTS_QUERY_END: InsightsQueryEnd[] = ['off', 'Failed', 'Timeout'];
const MAX_DELAY_MS = 24 * 3600_000;
/** The log group of the synthesized foreign Live Tail events. */
export const FOREIGN_GROUP = '/aws/sagemaker/Endpoints/quirk-other-endpoint';

export class QuirkError extends Error {}

/** Check a (partial) set of quirks from JSON: unknown names or bad values throw a QuirkError. `null` = the default. */
export function validateQuirks(input: unknown): Partial<Quirks> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new QuirkError('quirks must be a JSON object');
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!(QUIRK_NAMES as string[]).includes(name)) throw new QuirkError(`unknown quirk '${name}' (known: ${QUIRK_NAMES.join(', ')})`);
    const key = name as keyof Quirks;
    const v = raw === null ? NO_QUIRKS[key] : raw;
    const bad = (what: string) => new QuirkError(`quirk '${name}' must be ${what} (got ${JSON.stringify(raw)})`);
    switch (key) {
      case 'liveTailEnd':
        if (!LIVE_TAIL_ENDS.includes(v as LiveTailEnd)) throw bad(`one of ${LIVE_TAIL_ENDS.join(', ')}`);
        break;
      case 'metricsPercentile':
        if (!METRICS_PERCENTILE.includes(v as MetricsPercentile)) throw bad(`one of ${METRICS_PERCENTILE.join(', ')}`);
        break;
      case 'insightsQueryEnd':
        if (!INSIGHTS_QUERY_END.includes(v as InsightsQueryEnd)) throw bad(`one of ${INSIGHTS_QUERY_END.join(', ')}`);
        break;
      case 'liveTailEndAfterUpdates':
        if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 1_000_000) throw bad('an integer between 0 and 1000000');
        break;
      case 'ingestionDelayMs':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_DELAY_MS) throw bad(`an integer number of ms between 0 and ${MAX_DELAY_MS}`);
        break;
      case 'seed':
        if (!Number.isSafeInteger(v)) throw bad('an integer');
        break;
      default:
        if (typeof v !== 'boolean') throw bad('true or false');
    }
    out[key] = v;
  }
  return out as Partial<Quirks>;
}

/**
 * The CLI's `--quirks name[=value][,name[=value]...]`: booleans by name (or `=true|false`), numbers by value,
 * `liveTailEnd=<mode>`; `all` = every quirk on with its default (later items override earlier ones).
 * A bare `liveTailEnd` means 'afterUpdates', a bare `ingestionDelayMs` 15000.
 */
export function parseQuirksFlag(spec: string): Partial<Quirks> {
  const out: Record<string, unknown> = {};
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item === 'all') {
      Object.assign(out, ALL_QUIRKS);
      continue;
    }
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const text = eq < 0 ? undefined : item.slice(eq + 1);
    if (!(QUIRK_NAMES as string[]).includes(name)) throw new QuirkError(`unknown quirk '${name}' (known: all, ${QUIRK_NAMES.join(', ')})`);
    const dflt = NO_QUIRKS[name as keyof Quirks];
    let v: unknown;
    if (text === undefined) {
      v = typeof dflt === 'boolean' ? true : ALL_QUIRKS[name as keyof Quirks];
      if (v === undefined) throw new QuirkError(`quirk '${name}' needs a value (${name}=...)`);
    } else if (typeof dflt === 'boolean') {
      v = text === 'true' ? true : text === 'false' ? false : text;
    } else if (typeof dflt === 'number') {
      v = /^-?\d+$/.test(text) ? Number(text) : text;
    } else {
      v = text;
    }
    out[name] = v;
  }
  return validateQuirks(out);
}

/** A forward GetLogEvents page's misbehaviour: an empty page with this token, or a token that does not advance. */
export type ForwardPageQuirk = { empty: string } | { repeat: string } | undefined;

/** The simulator's current quirks and the little state they need. */
export class QuirkState {
  private q: Quirks = { ...NO_QUIRKS };
  /** forward tokens (per stream) that were just answered with a non-advancing token: the next read advances */
  private repeated = new Set<string>();
  private liveTailSessions = 0;
  private foreignLines = 0;
  private readonly delay: IngestDelay = (s, writtenAt) => {
    const d = this.q.ingestionDelayMs;
    return Math.floor(rand01(this.q.seed ^ hashString(`${s.group.name}\0${s.name}`), writtenAt, 0x1d) * (d + 1));
  };

  get current(): Quirks {
    return { ...this.q };
  }

  /** Merge into the current set (validated). */
  set(p: Partial<Quirks>): Quirks {
    this.q = { ...this.q, ...validateQuirks(p) };
    this.repeated.clear();
    return this.current;
  }

  /** Every quirk off; the pseudo-random sequences start again. */
  clear(): void {
    this.q = { ...NO_QUIRKS };
    this.repeated.clear();
    this.liveTailSessions = 0;
    this.foreignLines = 0;
  }

  /** Wire the ingestion-delay quirk into an account's log store (off: every hidden event becomes readable). */
  attach(store: LogStore): void {
    store.ingestDelay = this.q.ingestionDelayMs > 0 ? this.delay : undefined;
    if (!store.ingestDelay) store.revealAll();
  }

  /** A new Live Tail session's number (part of its pseudo-random choices). */
  nextLiveTailSession(): number {
    return ++this.liveTailSessions;
  }

  nextForeignLine(): number {
    return ++this.foreignLines;
  }

  /**
   * A forward GetLogEvents read of `s` that would return events [from, to): `token` as sent (undefined: a
   * startFromHead read without one), `k` the empty-page counter of that token (`f/<pos>/e<k>`, else 0).
   * Decided from (seed, stream, position, k), so the same request gets the same answer; at most 3 empty pages
   * in a row, and a non-advancing token is given once for a token (the next read with it advances).
   */
  forwardPage(s: LogStream, token: string | undefined, k: number, from: number): ForwardPageQuirk {
    const q = this.q;
    if (!q.getEventsEmptyPages && !q.getEventsRepeatToken) return undefined;
    const h = q.seed ^ hashString(`${s.group.name}\0${s.name}`);
    if (q.getEventsEmptyPages && k < 3 && rand01(h, from, 0xe0 + k) < 1 / 3) {
      return { empty: `f/${String(from).padStart(56, '0')}/e${k + 1}` };
    }
    if (q.getEventsRepeatToken) {
      const key = `${s.group.name}\0${s.name}\0${token ?? `head/${from}`}`;
      if (this.repeated.delete(key)) return undefined;
      if (rand01(h, from, 0x4e + k) < 1 / 4) {
        if (this.repeated.size > 100_000) this.repeated.clear();
        // without a token: the same page is re-read through a token at its first event
        const repeat = token ?? `f/${String(from).padStart(56, '0')}/s`;
        this.repeated.add(`${s.group.name}\0${s.name}\0${repeat}`);
        return { repeat };
      }
    }
    return undefined;
  }
}

/** An extended statistic (percentile, trimmed mean, …): what an emulator without them refuses. */
export function isExtendedStatistic(stat: string): boolean {
  return /^(p|tm|wm|tc|ts)\d/i.test(stat) || /^(p|tm|wm|tc|ts|pr)\(/i.test(stat);
}

/** The HTML page a gateway or an emulator's error handler answers with. */
export function htmlErrorPage(status: number, title: string): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${status} ${title}</title></head>\n<body><h1>${title}</h1><p>The server could not handle this request.</p><hr><address>quirk-gateway</address></body></html>\n`;
}

/**
 * The HTML answer a quirk gives instead of the AWS one: every request under `gatewayHtml`; GetMetricData
 * asking for an extended statistic under `metricsPercentileHtml500`. `undefined`: answer normally.
 */
export function htmlQuirkAnswer(q: Quirks, service: string, op: string, input: Record<string, unknown>): { status: number; body: string } | undefined {
  if (q.gatewayHtml) return { status: 502, body: htmlErrorPage(502, 'Bad Gateway') };
  if (q.metricsPercentile === 'html500' && service === 'cloudwatch' && op === 'GetMetricData' && extendedQueryIds(input).size > 0) {
    return { status: 500, body: htmlErrorPage(500, 'Internal Server Error') };
  }
  return undefined;
}

/** Ids of a GetMetricData input's queries that ask for an extended statistic. */
function extendedQueryIds(input: Record<string, unknown>): Set<string> {
  const queries = Array.isArray(input.MetricDataQueries) ? (input.MetricDataQueries as unknown[]) : [];
  const out = new Set<string>();
  for (const query of queries) {
    const q = query as { Id?: unknown; MetricStat?: { Stat?: unknown } } | null;
    if (typeof q?.Id === 'string' && typeof q.MetricStat?.Stat === 'string' && isExtendedStatistic(q.MetricStat.Stat)) out.add(q.Id);
  }
  return out;
}

/** `metricsPercentile: 'internalError'`: a GetMetricData answer's percentile results refused one by one. */
export function refuseExtendedResults(q: Quirks, op: string, input: Record<string, unknown>, result: Record<string, unknown>): void {
  if (q.metricsPercentile !== 'internalError' || op !== 'GetMetricData' || !Array.isArray(result.MetricDataResults)) return;
  const ids = extendedQueryIds(input);
  for (const r of result.MetricDataResults as Record<string, unknown>[]) {
    if (!ids.has(r.Id as string)) continue;
    r.StatusCode = 'InternalError';
    r.Timestamps = [];
    r.Values = [];
    r.Messages = [{ Code: 'InternalError', Value: 'Extended statistics are not supported by this service.' }];
  }
}
