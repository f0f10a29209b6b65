/**
 * The compare panel's messages, both ways, with the runtime guards each side applies on arrival (extends the
 * base protocol of webviewProtocol.ts; the data are the metrics panel's SeriesData).
 */
import type { CompareSpec } from './metrics/compare';
import type { CompareXAxis } from './metrics/compareCurves';
import { isCurvesMessage, type CurvesMessage } from './metrics/curvesProtocol';
import type { TimeRange } from './metrics/period';
import type { UnavailableSeries } from './metrics/unavailable';
import { isSeriesData, type SeriesData } from './metricsProtocol';
import { isBoundedString, isRecord } from './webviewProtocol';

/** What the panel shows besides its data (restored after a reload). */
export interface CompareViewState {
  /** CPU, GPU and memory of each job's algo-1 beside the algorithm metrics. */
  readonly instanceMetrics: boolean;
  /** The x axis (absent: time since start); step / epoch draw the from-logs curves only. */
  readonly xAxis?: CompareXAxis;
  /** Chart the jobs' curves from their log lines too (absent: yes); off, no log line is read. */
  readonly fromLogs?: boolean;
}

export const xAxisOf = (view: CompareViewState): CompareXAxis => view.xAxis ?? 'time';
/** Whether the panel reads the jobs' log lines. */
export const readsLogs = (view: CompareViewState): boolean => view.fromLogs ?? true;

// Host → webview

export interface CompareInitMessage {
  readonly type: 'init';
  readonly spec: CompareSpec;
  readonly view: CompareViewState;
  /** The service's time when described (durations of running jobs). */
  readonly now: number;
}

export interface CompareDataMessage {
  readonly type: 'data';
  readonly range: TimeRange;
  readonly periodSeconds: number;
  readonly periodReason: string;
  readonly series: readonly SeriesData[];
  /** GetMetricData calls this refresh took. */
  readonly calls: number;
  readonly fetchedAt: number;
  readonly unavailable: readonly UnavailableSeries[];
}

export interface CompareLoadingMessage {
  readonly type: 'loading';
}

export interface CompareErrorMessage {
  readonly type: 'error';
  readonly message: string;
}

/** A compared job's from-logs series (the training panel's curves message, of job number `job`). */
export interface CompareCurvesMessage {
  readonly type: 'curves';
  readonly job: number;
  readonly curves: CurvesMessage;
}

export type CompareHostToWebview = CompareInitMessage | CompareDataMessage | CompareLoadingMessage | CompareErrorMessage | CompareCurvesMessage;

// Webview → host

export interface CompareSetViewMessage {
  readonly type: 'setView';
  readonly view: CompareViewState;
}

export interface CompareSaveFileMessage {
  readonly type: 'saveFile';
  readonly kind: 'csv' | 'png';
  readonly fileName: string;
  readonly content: string;
}

/** What the page shows (the host keeps it for tests and diagnostics). */
export interface CompareShownMessage {
  readonly type: 'shown';
  readonly state: 'loading' | 'data' | 'error';
  readonly text: string;
  /** The hyperparameter names in the table's rows. */
  readonly hyperparameters: readonly string[];
  /** Points per chart as drawn. */
  readonly points: Readonly<Record<string, number>>;
  /** The from-logs charts as drawn (absent: not shown). */
  readonly logs?: CompareLogsShown;
}

export interface CompareLogsShown {
  readonly axis: CompareXAxis;
  /** Whether the CloudWatch charts are hidden because the axis is a step or epoch. */
  readonly cloudWatchHidden: boolean;
  /** One per job and metric drawn: the host drawn and the points. */
  readonly series: readonly { readonly job: string; readonly metric: string; readonly host: string; readonly points: number }[];
  /** The notes of the from-logs section (per job: no points, problems of the regexes). */
  readonly notes: readonly string[];
}

export type CompareWebviewToHost = { readonly type: 'refresh' } | { readonly type: 'showLog' } | CompareSetViewMessage | CompareSaveFileMessage | CompareShownMessage;

const MAX_FILE = 20_000_000;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const isXAxis = (v: unknown): v is CompareXAxis => v === 'time' || v === 'step' || v === 'epoch';

export function isCompareViewState(value: unknown): value is CompareViewState {
  return isRecord(value) && typeof value.instanceMetrics === 'boolean' && (value.xAxis === undefined || isXAxis(value.xAxis)) && (value.fromLogs === undefined || typeof value.fromLogs === 'boolean');
}

function isLogsShown(value: unknown): value is CompareLogsShown {
  return (
    isRecord(value) &&
    isXAxis(value.axis) &&
    typeof value.cloudWatchHidden === 'boolean' &&
    Array.isArray(value.series) &&
    value.series.length <= 10_000 &&
    value.series.every((s) => isRecord(s) && isBoundedString(s.job, 63) && isBoundedString(s.metric, 300) && isBoundedString(s.host, 300) && isFiniteNumber(s.points)) &&
    Array.isArray(value.notes) &&
    value.notes.length <= 1000 &&
    value.notes.every((n) => isBoundedString(n))
  );
}

export function isCompareWebviewToHost(value: unknown): value is CompareWebviewToHost {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'refresh':
    case 'showLog':
      return true;
    case 'setView':
      return isCompareViewState(value.view);
    case 'saveFile':
      return (value.kind === 'csv' || value.kind === 'png') && isBoundedString(value.fileName, 200) && isBoundedString(value.content, MAX_FILE);
    case 'shown':
      return (
        (value.state === 'loading' || value.state === 'data' || value.state === 'error') &&
        isBoundedString(value.text) &&
        Array.isArray(value.hyperparameters) &&
        value.hyperparameters.length <= 1000 &&
        value.hyperparameters.every((h) => isBoundedString(h, 256)) &&
        isRecord(value.points) &&
        Object.values(value.points).every(isFiniteNumber) &&
        (value.logs === undefined || isLogsShown(value.logs))
      );
    default:
      return false;
  }
}

function isRange(value: unknown): value is TimeRange {
  return isRecord(value) && isFiniteNumber(value.start) && isFiniteNumber(value.end);
}

function isSpec(value: unknown): value is CompareSpec {
  return (
    isRecord(value) &&
    isBoundedString(value.title) &&
    Array.isArray(value.jobs) &&
    value.jobs.every((j) => isRecord(j) && isBoundedString(j.name, 63) && isRecord(j.hyperParameters) && Array.isArray(j.metricNames)) &&
    Array.isArray(value.charts) &&
    value.charts.every((c) => isRecord(c) && isBoundedString(c.id, 100) && Array.isArray(c.series))
  );
}

export function isCompareHostToWebview(value: unknown): value is CompareHostToWebview {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'init':
      return isSpec(value.spec) && isCompareViewState(value.view) && isFiniteNumber(value.now);
    case 'data':
      return (
        isRange(value.range) &&
        isFiniteNumber(value.periodSeconds) &&
        isBoundedString(value.periodReason) &&
        Array.isArray(value.series) &&
        value.series.every(isSeriesData) &&
        isFiniteNumber(value.calls) &&
        isFiniteNumber(value.fetchedAt) &&
        Array.isArray(value.unavailable)
      );
    case 'loading':
      return true;
    case 'error':
      return isBoundedString(value.message);
    case 'curves':
      return Number.isInteger(value.job) && (value.job as number) >= 0 && (value.job as number) < 100 && isRecord(value.curves) && isCurvesMessage(value.curves);
    default:
      return false;
  }
}
