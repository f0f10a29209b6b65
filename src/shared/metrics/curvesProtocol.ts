/**
 * The metrics panel's from-logs curves messages (part of metricsProtocol.ts): the host sends the series of a
 * training job's log lines, first whole then as they change; the page says what it draws.
 */
import { isBoundedString, isRecord } from '../webviewProtocol';

/** A point: time (epoch ms), value, and the step / epoch of its line when one was captured. */
export interface CurvePointData {
  readonly t: number;
  readonly v: number;
  readonly s?: number;
  readonly e?: number;
}

export interface CurveSeriesData {
  /** `algo-1`… */
  readonly host: string;
  readonly metric: string;
  /** The points replace the series' (a first message, or after the store thinned it out); else they are appended. */
  readonly replace: boolean;
  readonly points: readonly CurvePointData[];
}

export type CurveXAxis = 'time' | 'step' | 'epoch';

export interface CurvesMessage {
  readonly type: 'curves';
  /** Forget every series first (the first message, or a reloaded page). */
  readonly reset: boolean;
  /** Which regexes read the lines. */
  readonly source?: 'metricDefinitions' | 'logPatterns';
  /** A MetricDefinition (or log pattern) that could not be used, and why: one sentence each. */
  readonly problems: readonly string[];
  /** Where the lines come from now, for the page's note ("reading the job's logs", "from the running tail"). */
  readonly reading: string;
  readonly lines: number;
  readonly points: number;
  readonly series: readonly CurveSeriesData[];
}

/** What the page draws of the curves (the host keeps it for diagnostics and tests). */
export interface CurvesShownMessage {
  readonly type: 'curvesShown';
  readonly axis: CurveXAxis;
  readonly series: readonly { readonly host: string; readonly metric: string; readonly points: number }[];
  /** The notes shown with the curves (the problems of MetricDefinitions or log patterns). */
  readonly notes: readonly string[];
}

const MAX_SERIES = 2000;
const MAX_POINTS = 1_000_000;

const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isOptionalFinite = (v: unknown) => v === undefined || isFinite(v);

function isPoint(p: unknown): p is CurvePointData {
  return isRecord(p) && isFinite(p.t) && isFinite(p.v) && isOptionalFinite(p.s) && isOptionalFinite(p.e);
}

function isCurveSeries(s: unknown): s is CurveSeriesData {
  return isRecord(s) && isBoundedString(s.host, 300) && isBoundedString(s.metric, 300) && typeof s.replace === 'boolean' && Array.isArray(s.points) && s.points.length <= MAX_POINTS && s.points.every(isPoint);
}

export function isCurvesMessage(value: Record<string, unknown>): value is Record<string, unknown> & CurvesMessage {
  return (
    value.type === 'curves' &&
    typeof value.reset === 'boolean' &&
    (value.source === undefined || value.source === 'metricDefinitions' || value.source === 'logPatterns') &&
    Array.isArray(value.problems) &&
    value.problems.every((p) => isBoundedString(p)) &&
    isBoundedString(value.reading) &&
    isFinite(value.lines) &&
    isFinite(value.points) &&
    Array.isArray(value.series) &&
    value.series.length <= MAX_SERIES &&
    value.series.every(isCurveSeries)
  );
}

export function isCurvesShownMessage(value: Record<string, unknown>): value is Record<string, unknown> & CurvesShownMessage {
  return (
    value.type === 'curvesShown' &&
    (value.axis === 'time' || value.axis === 'step' || value.axis === 'epoch') &&
    Array.isArray(value.series) &&
    value.series.length <= MAX_SERIES &&
    value.series.every((s) => isRecord(s) && isBoundedString(s.host, 300) && isBoundedString(s.metric, 300) && isFinite(s.points)) &&
    Array.isArray(value.notes) &&
    value.notes.length <= MAX_SERIES &&
    value.notes.every((n) => isBoundedString(n))
  );
}
