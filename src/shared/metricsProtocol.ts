/**
 * The metrics panel's messages, both ways, with the runtime guards each side applies on arrival
 * (extends the base protocol of webviewProtocol.ts).
 */
import type { AlarmInfo, CreateAlarmForm } from './metrics/alarms';
import { isCurvesMessage, isCurvesShownMessage, type CurvesMessage, type CurvesShownMessage } from './metrics/curvesProtocol';
import type { PanelSpec } from './metrics/panels';
import type { UnavailableSeries } from './metrics/unavailable';
import { isAutoRefresh, isTimeRangePreset, type AutoRefresh, type TimeRange, type TimeRangeSelection } from './metrics/period';
import { isBoundedString, isRecord } from './webviewProtocol';

export interface SeriesData {
  readonly id: string;
  /** Epoch ms, ascending. */
  readonly timestamps: readonly number[];
  /** CloudWatch values (the webview applies the series' display factor). */
  readonly values: readonly number[];
}

/** What a panel shows besides its data: restored by the serializer after a reload. */
export interface PanelViewState {
  readonly range: TimeRangeSelection;
  /** A period the user picked, in seconds; absent = automatic. */
  readonly periodSeconds?: number;
  readonly autoRefresh: AutoRefresh;
}

// Host → webview

export interface InitMessage {
  readonly type: 'init';
  readonly panel: PanelSpec;
  readonly view: PanelViewState;
  /** Set for training jobs: the range "job" stands for. */
  readonly jobRange?: TimeRange;
}

export interface DataMessage {
  readonly type: 'data';
  readonly range: TimeRange;
  readonly periodSeconds: number;
  readonly periodReason: string;
  readonly series: readonly SeriesData[];
  /** GetMetricData calls this refresh took. */
  readonly calls: number;
  readonly messages: readonly string[];
  readonly fetchedAt: number;
  /** Series the service refused (the others are shown), with why. */
  readonly unavailable: readonly UnavailableSeries[];
}

export interface LoadingMessage {
  readonly type: 'loading';
  /** The window being fetched: the charts' time axes span it before any data arrives. */
  readonly range?: TimeRange;
}

/** A refresh failed as a whole: the charts keep the last good data, marked stale. */
export interface ErrorMessage {
  readonly type: 'error';
  /** What went wrong, in the user's words. */
  readonly message: string;
  /** When the data shown were fetched (service time), if any were. */
  readonly lastGoodAt?: number;
  readonly range?: TimeRange;
}

export interface AlarmsMessage {
  readonly type: 'alarms';
  readonly alarms: readonly AlarmInfo[];
}

export interface AlarmResultMessage {
  readonly type: 'alarmResult';
  readonly ok: boolean;
  readonly message: string;
  readonly problems?: Readonly<Record<string, string>>;
}

export type MetricsHostToWebview = InitMessage | DataMessage | LoadingMessage | ErrorMessage | AlarmsMessage | AlarmResultMessage | CurvesMessage;

// Webview → host

export interface SetViewMessage {
  readonly type: 'setView';
  readonly view: PanelViewState;
}

export interface RefreshMessage {
  readonly type: 'refresh';
}

export interface ShowLogsMessage {
  readonly type: 'showLogs';
  /** Epoch ms of the point. */
  readonly time: number;
  readonly periodSeconds: number;
}

export interface CreateAlarmMessage extends CreateAlarmForm {
  readonly type: 'createAlarm';
}

export interface SaveFileMessage {
  readonly type: 'saveFile';
  readonly kind: 'csv' | 'png';
  readonly fileName: string;
  /** CSV text, or a PNG as a `data:image/png;base64,` URL. */
  readonly content: string;
}

/** "Show log" of a failed refresh: the SageMaker Monitor log, where the detail is. */
export interface ShowLogMessage {
  readonly type: 'showLog';
}

/** What the page shows after each change of state (the host keeps it for diagnostics and tests). */
export interface ShownMessage {
  readonly type: 'shown';
  readonly state: 'loading' | 'data' | 'error';
  /** The status line's text. */
  readonly text: string;
  /** The charts show data older than the last refresh (it failed). */
  readonly stale: boolean;
  /** Ids of the series marked "not available". */
  readonly unavailable: readonly string[];
  /** The time axes' window (the first chart's), if drawn. */
  readonly axis?: TimeRange;
}

export type MetricsWebviewToHost = SetViewMessage | RefreshMessage | ShowLogsMessage | CreateAlarmMessage | SaveFileMessage | ShowLogMessage | ShownMessage | CurvesShownMessage;

const MAX_FILE = 20_000_000;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

export function isTimeRangeSelection(value: unknown): value is TimeRangeSelection {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.kind) {
    case 'preset':
      return isTimeRangePreset(value.preset);
    case 'custom':
      return isFiniteNumber(value.start) && isFiniteNumber(value.end) && value.start < value.end;
    case 'job':
      return true;
    default:
      return false;
  }
}

export function isPanelViewState(value: unknown): value is PanelViewState {
  return (
    isRecord(value) &&
    isTimeRangeSelection(value.range) &&
    isAutoRefresh(value.autoRefresh) &&
    (value.periodSeconds === undefined || (Number.isInteger(value.periodSeconds) && (value.periodSeconds as number) >= 60 && (value.periodSeconds as number) % 60 === 0))
  );
}

export function isMetricsWebviewToHost(value: unknown): value is MetricsWebviewToHost {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'setView':
      return isPanelViewState(value.view);
    case 'refresh':
    case 'showLog':
      return true;
    case 'shown':
      return (
        (value.state === 'loading' || value.state === 'data' || value.state === 'error') &&
        isBoundedString(value.text) &&
        typeof value.stale === 'boolean' &&
        Array.isArray(value.unavailable) &&
        value.unavailable.length <= 2000 &&
        value.unavailable.every((id) => isBoundedString(id, 20)) &&
        (value.axis === undefined || isRange(value.axis))
      );
    case 'showLogs':
      return isFiniteNumber(value.time) && isFiniteNumber(value.periodSeconds) && value.periodSeconds > 0;
    case 'createAlarm':
      return (
        isBoundedString(value.seriesId, 20) &&
        isBoundedString(value.alarmName, 300) &&
        isBoundedString(value.stat, 20) &&
        isFiniteNumber(value.threshold) &&
        isBoundedString(value.comparison, 50) &&
        isFiniteNumber(value.evaluationPeriods) &&
        isFiniteNumber(value.periodSeconds) &&
        (value.snsTopicArn === undefined || isBoundedString(value.snsTopicArn, 300))
      );
    case 'saveFile':
      return (value.kind === 'csv' || value.kind === 'png') && isBoundedString(value.fileName, 200) && isBoundedString(value.content, MAX_FILE);
    case 'curvesShown':
      return isCurvesShownMessage(value);
    default:
      return false;
  }
}

function isRange(value: unknown): value is TimeRange {
  return isRecord(value) && isFiniteNumber(value.start) && isFiniteNumber(value.end);
}

function isUnavailable(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.ids) && value.ids.every((id) => isBoundedString(id, 20)) && isBoundedString(value.reason);
}

export function isSeriesData(value: unknown): value is SeriesData {
  return isRecord(value) && isBoundedString(value.id, 20) && isNumberArray(value.timestamps) && isNumberArray(value.values) && value.timestamps.length === value.values.length;
}

export function isMetricsHostToWebview(value: unknown): value is MetricsHostToWebview {
  if (!isRecord(value)) {
    return false;
  }
  switch (value.type) {
    case 'init':
      return isRecord(value.panel) && Array.isArray(value.panel.charts) && isPanelViewState(value.view);
    case 'data':
      return (
        isRange(value.range) &&
        isFiniteNumber(value.periodSeconds) &&
        isBoundedString(value.periodReason) &&
        Array.isArray(value.series) &&
        value.series.every(isSeriesData) &&
        Array.isArray(value.messages) &&
        value.messages.every((m) => typeof m === 'string') &&
        Array.isArray(value.unavailable) &&
        value.unavailable.every(isUnavailable)
      );
    case 'loading':
      return value.range === undefined || isRange(value.range);
    case 'error':
      return isBoundedString(value.message) && (value.lastGoodAt === undefined || isFiniteNumber(value.lastGoodAt)) && (value.range === undefined || isRange(value.range));
    case 'alarms':
      return Array.isArray(value.alarms) && value.alarms.every((a) => isRecord(a) && typeof a.alarmName === 'string' && typeof a.threshold === 'number');
    case 'alarmResult':
      return typeof value.ok === 'boolean' && isBoundedString(value.message);
    case 'curves':
      return isCurvesMessage(value);
    default:
      return false;
  }
}
