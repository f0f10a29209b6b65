/** Browser entry of the metrics panel: controls, Chart.js charts, alarms, exports. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import 'chartjs-adapter-date-fns';
import { Chart, Decimation, Filler, Legend, LineController, LineElement, LinearScale, PointElement, TimeScale, Tooltip } from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { COMPARISON_OPERATORS, seriesForAlarm, validateAlarmForm, type AlarmInfo, type CreateAlarmForm } from '../../src/shared/metrics/alarms';
import { algorithmMetricInfo, metricInfo } from '../../src/shared/metrics/catalogue';
import { metricsCsv } from '../../src/shared/metrics/csv';
import type { ChartSpec, PanelSpec, SeriesSpec } from '../../src/shared/metrics/panels';
import { AUTO_REFRESH_CHOICES, PERIOD_CHOICES_SECONDS, PRESET_LABEL, TIME_RANGE_PRESETS, formatPeriod, type TimeRange } from '../../src/shared/metrics/period';
import { isMetricsHostToWebview, type DataMessage, type MetricsHostToWebview, type MetricsWebviewToHost, type PanelViewState, type ShownMessage } from '../../src/shared/metricsProtocol';
import { isJobMetricsTarget, targetResourceName, type MetricsTarget } from '../../src/shared/targets';
import { HostConnection } from '../common/host';
import { describeUnavailable } from '../../src/shared/metrics/unavailable';
import { renderCharts, type ChartView } from './charts';
import { CurvesView } from './curves';
import { openPointMenu, renderPointMenu } from './pointMenu';
import { button, custom, el } from './dom';
import { StatusView } from './status';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend, Filler, Decimation, zoomPlugin);

interface SavedState {
  readonly target: MetricsTarget;
  readonly view?: PanelViewState;
}

const app = document.getElementById('app') as HTMLElement;
const initial = readInitialState();

let panel: PanelSpec | undefined;
let view: PanelViewState | undefined;
let jobRange: TimeRange | undefined;
let lastData: DataMessage | undefined;
let alarms: readonly AlarmInfo[] = [];
let charts: ChartView[] = [];
let axisWindow: TimeRange | undefined;
const status = new StatusView({ retry: () => post({ type: 'refresh' }), showLog: () => post({ type: 'showLog' }) });
const curves = new CurvesView((m) => post(m));

const host = new HostConnection<MetricsHostToWebview, MetricsWebviewToHost, SavedState>(isMetricsHostToWebview, (message) => {
  switch (message.type) {
    case 'themeChanged':
      charts.forEach((c) => c.applyTheme());
      curves.applyTheme();
      return;
    case 'curves':
      curves.apply(message);
      return;
    case 'init':
      panel = message.panel;
      view = message.view;
      jobRange = message.jobRange;
      persist();
      renderShell();
      return;
    case 'loading':
      if (message.range && !lastData) {
        axisWindow = message.range;
        charts.forEach((c) => c.setWindow(message.range as TimeRange));
      }
      status.loading();
      placeStatus();
      report('loading');
      return;
    case 'data':
      lastData = message;
      showData(message);
      report('data');
      return;
    case 'error':
      if (!lastData && message.range) {
        axisWindow = message.range;
        charts.forEach((c) => c.setWindow(message.range as TimeRange));
      }
      charts.forEach((c) => c.setStale(lastData !== undefined));
      status.failed(message.message, lastData ? message.lastGoodAt ?? lastData.fetchedAt : undefined);
      placeStatus();
      report('error');
      return;
    case 'alarms':
      alarms = message.alarms;
      charts.forEach((c) => c.setAlarms(alarmsFor(c.spec)));
      renderAlarmBadges();
      return;
    case 'alarmResult':
      showAlarmResult(message.ok, message.message, message.problems);
      return;
  }
});

// VS Code switches the body's theme class; the charts re-read their colours from the CSS variables.
new MutationObserver(() => [...charts, curves].forEach((c) => c.applyTheme())).observe(document.body, { attributes: true, attributeFilter: ['class'] });

function readInitialState(): SavedState | undefined {
  try {
    const raw = document.body.dataset.state;
    return raw ? (JSON.parse(raw) as SavedState) : undefined;
  } catch {
    return undefined;
  }
}

function persist(): void {
  const target = panel?.target ?? initial?.target;
  if (target) {
    host.state = { target, ...(view ? { view } : {}) };
  }
}

function post(message: MetricsWebviewToHost): void {
  host.post(message);
}

function select(label: string, id: string, options: readonly { value: string; label: string }[], selected: string, onChange: (value: string) => void): HTMLElement {
  const s = custom('vscode-single-select', { id, 'aria-label': label }) as HTMLElement & { value: string };
  for (const o of options) {
    s.append(custom('vscode-option', { value: o.value, ...(o.value === selected ? { selected: '' } : {}) }, o.label));
  }
  s.addEventListener('change', () => onChange(s.value));
  return el('label', { class: 'control' }, el('span', {}, label), s);
}

function setView(next: PanelViewState): void {
  view = next;
  persist();
  post({ type: 'setView', view: next });
}

function renderShell(): void {
  if (!panel || !view) {
    return;
  }
  charts.forEach((c) => c.destroy());
  app.replaceChildren();
  const current = view;
  const rangeValue = current.range.kind === 'preset' ? current.range.preset : current.range.kind;
  const rangeOptions = [
    ...(isJobMetricsTarget(panel.target) ? [{ value: 'job', label: 'Job start → end' }] : []),
    ...TIME_RANGE_PRESETS.map((p) => ({ value: p, label: PRESET_LABEL[p] })),
    { value: 'custom', label: 'Custom…' },
  ];
  const customBox = renderCustomRange();
  customBox.hidden = current.range.kind !== 'custom';
  const toolbar = el(
    'div',
    { class: 'toolbar', role: 'toolbar' },
    select('Time range', 'range', rangeOptions, rangeValue, (v) => {
      if (v === 'custom') {
        customBox.hidden = false;
      } else if (v === 'job') {
        customBox.hidden = true;
        setView({ ...current, ...view, range: { kind: 'job' } });
      } else {
        customBox.hidden = true;
        setView({ ...current, ...view, range: { kind: 'preset', preset: v as (typeof TIME_RANGE_PRESETS)[number] } });
      }
    }),
    select('Period', 'period', [{ value: 'auto', label: 'Automatic' }, ...PERIOD_CHOICES_SECONDS.map((p) => ({ value: String(p), label: formatPeriod(p) }))], current.periodSeconds ? String(current.periodSeconds) : 'auto', (v) => {
      const { periodSeconds: _drop, ...rest } = view ?? current;
      setView(v === 'auto' ? rest : { ...rest, periodSeconds: Number(v) });
    }),
    select('Auto-refresh', 'autoRefresh', AUTO_REFRESH_CHOICES.map((a) => ({ value: a, label: a === 'off' ? 'Off' : `Every ${a}` })), current.autoRefresh, (v) => {
      setView({ ...(view ?? current), autoRefresh: v as PanelViewState['autoRefresh'] });
    }),
    button('Refresh', 'refresh', () => post({ type: 'refresh' }), false),
    button('Export CSV', 'exportCsv', exportCsv),
  );
  const notes = el('div', { class: 'notes' }, ...panel.notes.map((n) => el('p', { class: 'note' }, n)));
  const badges = el('div', { id: 'alarmBadges', class: 'alarm-badges' });
  const grid = el('div', { class: 'charts' });
  const showLogsAt = (time: number) => post({ type: 'showLogs', time, periodSeconds: lastData?.periodSeconds ?? 60 });
  app.append(el('h1', {}, panel.title), toolbar, customBox, ...status.elements, notes, badges, grid, curves.element, renderAlarmForm(), renderPointMenu(showLogsAt));
  charts = renderCharts(grid, panel.charts, {
    onPointClick: (time, x, y) => openPointMenu(time, x, y),
    onCreateAlarm: (spec) => openAlarmForm(spec),
    onExportPng: (spec, dataUrl) => post({ type: 'saveFile', kind: 'png', fileName: `${fileBase()}-${spec.id}.png`, content: dataUrl }),
    onUseRange: (start, end) => {
      if (view) {
        setView({ ...view, range: { kind: 'custom', start, end } });
        renderShell();
      }
    },
  });
  charts.forEach((c) => c.setAlarms(alarmsFor(c.spec)));
  if (lastData) {
    showData(lastData);
  } else if (axisWindow) {
    charts.forEach((c) => c.setWindow(axisWindow as TimeRange));
  }
}

function renderCustomRange(): HTMLElement {
  const toLocal = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  // The service's time of the last refresh (a simulator's clock may be shifted), else the local clock.
  const now = lastData?.fetchedAt ?? Date.now();
  const r = view?.range.kind === 'custom' ? view.range : { start: now - 3 * 3600_000, end: now };
  const from = el('input', { type: 'datetime-local', id: 'customStart', 'aria-label': 'From', value: toLocal(r.start) });
  const to = el('input', { type: 'datetime-local', id: 'customEnd', 'aria-label': 'To', value: toLocal(r.end) });
  const error = el('span', { class: 'error' });
  const apply = button('Apply', 'applyCustom', () => {
    const start = new Date(from.value).getTime();
    const end = new Date(to.value).getTime();
    if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
      error.textContent = 'The start must be before the end.';
      return;
    }
    error.textContent = '';
    if (view) {
      setView({ ...view, range: { kind: 'custom', start, end } });
    }
  });
  return el('div', { class: 'custom-range' }, el('label', {}, 'From ', from), el('label', {}, 'To ', to), apply, error);
}

/** Before the panel's page is built (its target not described yet), the status stands alone. */
function placeStatus(): void {
  if (!panel && !status.elements[0].isConnected) {
    app.replaceChildren(...status.elements);
  }
}

/** Tells the host what the page shows now (diagnostics; the tests read it). */
function report(state: ShownMessage['state']): void {
  const axis = charts[0]?.window;
  const unavailable = lastData?.unavailable.flatMap((u) => u.ids) ?? [];
  post({ type: 'shown', state, text: status.text, stale: state === 'error' && lastData !== undefined, unavailable: state === 'loading' ? [] : unavailable, ...(axis ? { axis } : {}) });
}

function showData(data: DataMessage): void {
  const byId = new Map(data.series.map((s) => [s.id, s]));
  const unavailable = new Set(data.unavailable.flatMap((u) => u.ids));
  charts.forEach((c) => c.setData(byId, data.range, unavailable));
  const fmt = (ms: number) => new Date(ms).toLocaleString();
  const jobNote = view?.range.kind === 'job' && jobRange ? ' (the job\'s run)' : '';
  status.shown(
    `${fmt(data.range.start)} → ${fmt(data.range.end)}${jobNote} · period ${formatPeriod(data.periodSeconds)} (${data.periodReason}) · ${data.calls} GetMetricData call${data.calls === 1 ? '' : 's'} · updated ${new Date(data.fetchedAt).toLocaleTimeString()}`,
  );
  // The window asked for, exactly (the text above is for people).
  const line = document.getElementById('status');
  if (line) {
    line.dataset.start = String(data.range.start);
    line.dataset.end = String(data.range.end);
  }
  const notes = app.querySelector('.notes');
  notes?.querySelectorAll('.cw-message').forEach((n) => n.remove());
  data.messages.forEach((m) => notes?.append(el('p', { class: 'note cw-message' }, m)));
  describeUnavailable(panel?.charts.flatMap((c) => c.series) ?? [], data.unavailable).forEach((m) => notes?.append(el('p', { class: 'note cw-message unavailable-note', role: 'note' }, m)));
}

function alarmsFor(spec: ChartSpec): { alarm: AlarmInfo; series: SeriesSpec }[] {
  return alarms.flatMap((alarm) => {
    const series = seriesForAlarm(alarm, spec.series);
    return series ? [{ alarm, series }] : [];
  });
}

function renderAlarmBadges(): void {
  const box = document.getElementById('alarmBadges');
  if (!box) {
    return;
  }
  box.replaceChildren(
    ...alarms.map((a) =>
      el('span', { class: `alarm-badge state-${a.state}`, title: a.stateReason ?? '' }, el('span', { class: 'codicon codicon-bell' }), ` ${a.alarmName}: ${a.state}`),
    ),
  );
}

function fileBase(): string {
  const t = panel?.target;
  return t ? targetResourceName(t) : 'metrics';
}

function exportCsv(): void {
  if (!panel || !lastData) {
    return;
  }
  post({ type: 'saveFile', kind: 'csv', fileName: `${fileBase()}-metrics.csv`, content: metricsCsv(panel, lastData.series) });
}

// "Create alarm…": a form over one chart's series.
let alarmChart: ChartSpec | undefined;
function renderAlarmForm(): HTMLElement {
  // The form's own checks (validateAlarmForm) say what is wrong in words; the browser's would only block.
  const form = el('form', { id: 'alarmForm', class: 'alarm-form', hidden: '', novalidate: '', 'aria-label': 'Create alarm' });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submitAlarm(form);
  });
  return form;
}

function field(label: string, name: string, control: HTMLElement): HTMLElement {
  return el('label', { class: 'field', 'data-field': name }, el('span', {}, label), control, el('span', { class: 'problem' }));
}

function openAlarmForm(spec: ChartSpec): void {
  const form = document.getElementById('alarmForm') as HTMLFormElement | null;
  if (!form || spec.series.length === 0) {
    return;
  }
  alarmChart = spec;
  const first = spec.series[0];
  const info = metricInfo(first.namespace, first.metricName) ?? algorithmMetricInfo(first.metricName);
  const seriesSel = el('select', { name: 'seriesId' }, ...spec.series.map((s) => el('option', { value: s.id }, s.label)));
  const statSel = el('select', { name: 'stat' }, ...info.statistics.map((s) => el('option', { value: s, ...(s === first.stat ? { selected: '' } : {}) }, s)));
  const cmp = el('select', { name: 'comparison' }, ...COMPARISON_OPERATORS.map((c) => el('option', { value: c }, c)));
  const period = lastData?.periodSeconds ?? 300;
  form.replaceChildren(
    el('h2', {}, `Create alarm on ${spec.title}`),
    field('Series', 'seriesId', seriesSel),
    field('Alarm name', 'alarmName', el('input', { name: 'alarmName', value: `${fileBase()}-${first.metricName}-${first.stat}`.slice(0, 255) })),
    field('Statistic', 'stat', statSel),
    field('Comparison', 'comparison', cmp),
    field(`Threshold${spec.unit ? ` (${spec.unit})` : ''}`, 'threshold', el('input', { name: 'threshold', type: 'number', step: 'any', required: '' })),
    field('Period (s)', 'periodSeconds', el('input', { name: 'periodSeconds', type: 'number', value: String(Math.max(60, period)) })),
    field('Evaluation periods', 'evaluationPeriods', el('input', { name: 'evaluationPeriods', type: 'number', value: '3', min: '1' })),
    field('SNS topic ARN (optional)', 'snsTopicArn', el('input', { name: 'snsTopicArn', placeholder: 'arn:aws:sns:region:account:topic' })),
    el('p', { class: 'alarm-result', role: 'status' }),
    el('div', { class: 'buttons' }, el('button', { type: 'submit' }, 'Create alarm'), el('button', { type: 'button', id: 'cancelAlarm' }, 'Cancel')),
  );
  form.querySelector('#cancelAlarm')?.addEventListener('click', () => (form.hidden = true));
  form.hidden = false;
}

function submitAlarm(form: HTMLFormElement): void {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? '').trim();
  const arn = text('snsTopicArn');
  const alarm: CreateAlarmForm = {
    seriesId: text('seriesId'),
    alarmName: text('alarmName'),
    stat: text('stat'),
    threshold: text('threshold') === '' ? NaN : Number(text('threshold')),
    comparison: text('comparison'),
    evaluationPeriods: Number(text('evaluationPeriods')),
    periodSeconds: Number(text('periodSeconds')),
    ...(arn ? { snsTopicArn: arn } : {}),
  };
  // Checked here first with the host's own rules: a form the protocol would refuse (a threshold that is not a
  // finite number) gets its answer at once instead of being dropped on arrival.
  const series = alarmChart?.series.find((s) => s.id === alarm.seriesId);
  const info = series ? (metricInfo(series.namespace, series.metricName) ?? algorithmMetricInfo(series.metricName)) : undefined;
  const problems = info ? validateAlarmForm(alarm, info.statistics) : {};
  if (Object.keys(problems).length > 0) {
    showAlarmResult(false, 'Check the highlighted fields.', problems);
    return;
  }
  post({ type: 'createAlarm', ...alarm });
}

function showAlarmResult(ok: boolean, message: string, problems?: Readonly<Record<string, string>>): void {
  const form = document.getElementById('alarmForm');
  if (!form) {
    return;
  }
  form.querySelectorAll<HTMLElement>('.field').forEach((f) => {
    const p = problems?.[f.dataset.field ?? ''];
    (f.querySelector('.problem') as HTMLElement).textContent = p ?? '';
    f.classList.toggle('invalid', p !== undefined);
  });
  const result = form.querySelector('.alarm-result');
  if (result) {
    result.textContent = message;
  }
  if (ok && alarmChart) {
    form.hidden = true;
  }
}

if (initial?.view) {
  view = initial.view;
}
// Saved from the start, so a reload before the first data still restores this panel.
persist();
host.ready();

