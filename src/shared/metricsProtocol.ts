/**
 * The metrics panel's messages, both ways, with the runtime guards each side applies on arrival
 * (extends the base protocol of webviewProtocol.ts).
 */
import type { AlarmInfo, CreateAlarmForm } from './metrics/alarms';
import type { PanelSpec } from './metrics/panels';
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
}

export interface LoadingMessage {
  readonly type: 'loading';
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
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

export type MetricsHostToWebview = InitMessage | DataMessage | LoadingMessage | ErrorMessage | AlarmsMessage | AlarmResultMessage;

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

export type MetricsWebviewToHost = SetViewMessage | RefreshMessage | ShowLogsMessage | CreateAlarmMessage | SaveFileMessage;

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
      return true;
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
    default:
      return false;
  }
}

function isSeriesData(value: unknown): value is SeriesData {
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
        isRecord(value.range) &&
        isFiniteNumber(value.range.start) &&
        isFiniteNumber(value.range.end) &&
        isFiniteNumber(value.periodSeconds) &&
        isBoundedString(value.periodReason) &&
        Array.isArray(value.series) &&
        value.series.every(isSeriesData) &&
        Array.isArray(value.messages) &&
        value.messages.every((m) => typeof m === 'string')
      );
    case 'loading':
      return true;
    case 'error':
      return isBoundedString(value.message);
    case 'alarms':
      return Array.isArray(value.alarms) && value.alarms.every((a) => isRecord(a) && typeof a.alarmName === 'string' && typeof a.threshold === 'number');
    case 'alarmResult':
      return typeof value.ok === 'boolean' && isBoundedString(value.message);
    default:
      return false;
  }
}
