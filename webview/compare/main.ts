/**
 * Browser entry of the compare panel: the jobs' table (status, duration, final values, differing hyperparameters),
 * a chart per CloudWatch algorithm metric, and a chart per metric of the jobs' log lines ("From logs").
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { Chart, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { alignByElapsed, compareCsv, formatDuration, hyperparameterRows, jobStart, lastValue, type CompareSpec } from '../../src/shared/metrics/compare';
import { CompareCurveStore, type CompareXAxis } from '../../src/shared/metrics/compareCurves';
import { formatPeriod } from '../../src/shared/metrics/period';
import {
  isCompareHostToWebview,
  readsLogs,
  xAxisOf,
  type CompareDataMessage,
  type CompareHostToWebview,
  type CompareLogsShown,
  type CompareShownMessage,
  type CompareViewState,
  type CompareWebviewToHost,
} from '../../src/shared/compareProtocol';
import type { CompareTarget } from '../../src/shared/compareTargets';
import { HostConnection } from '../common/host';
import { button, custom, el } from '../metrics/dom';
import { StatusView } from '../metrics/status';
import { CompareChartView, formatNumber, jobColour, type ChartCard } from './charts';
import { LogChartsView } from './logCharts';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

interface SavedState {
  readonly target: CompareTarget;
  readonly view?: CompareViewState;
}

const app = document.getElementById('app') as HTMLElement;
const initial = readInitialState();
let spec: CompareSpec | undefined;
let view: CompareViewState = initial?.view ?? { instanceMetrics: false };
let describedAt = Date.now();
let lastData: CompareDataMessage | undefined;
let charts: CompareChartView[] = [];
let showAll = false;
const curves = new CompareCurveStore();
let logsView: LogChartsView | undefined;
let logsShown: CompareLogsShown | undefined;
let logsTimer: ReturnType<typeof setTimeout> | undefined;
/** The x axes the select offers now (rebuilt when the lines allow another). */
let offeredAxes = '';
const AXIS_LABEL: Record<CompareXAxis, string> = { time: 'Time since start', step: 'Step (from logs)', epoch: 'Epoch (from logs)' };
const status = new StatusView({ retry: () => host.post({ type: 'refresh' }), showLog: () => host.post({ type: 'showLog' }) });

const host = new HostConnection<CompareHostToWebview, CompareWebviewToHost, SavedState>(isCompareHostToWebview, (message) => {
  switch (message.type) {
    case 'themeChanged':
      charts.forEach((c) => c.applyTheme());
      logsView?.applyTheme();
      return;
    case 'curves':
      curves.apply(message.job, message.curves);
      logsTimer ??= setTimeout(showLogs, 200);
      return;
    case 'init':
      if (spec && message.spec.jobs.map((j) => j.name).join() !== spec.jobs.map((j) => j.name).join()) {
        curves.clear();
      }
      spec = message.spec;
      view = message.view;
      describedAt = message.now;
      persist();
      render();
      return;
    case 'loading':
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
      status.failed(message.message, lastData?.fetchedAt);
      placeStatus();
      report('error');
      return;
  }
});

new MutationObserver(() => {
  charts.forEach((c) => c.applyTheme());
  logsView?.applyTheme();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

function readInitialState(): SavedState | undefined {
  try {
    const raw = document.body.dataset.state;
    return raw ? (JSON.parse(raw) as SavedState) : undefined;
  } catch {
    return undefined;
  }
}

function persist(): void {
  if (initial?.target) {
    host.state = { target: initial.target, view };
  }
}

function placeStatus(): void {
  if (!spec && !status.elements[0].isConnected) {
    app.replaceChildren(...status.elements);
  }
}

function render(): void {
  if (!spec) {
    return;
  }
  charts.forEach((c) => c.destroy());
  logsView?.destroy();
  logsView = undefined;
  offeredAxes = '';
  app.replaceChildren();
  const instance = custom('vscode-checkbox', { id: 'instanceMetrics', label: 'Instance CPU, GPU, memory (algo-1)', ...(view.instanceMetrics ? { checked: '' } : {}) }) as HTMLElement & { checked: boolean };
  instance.addEventListener('change', () => setView({ ...view, instanceMetrics: instance.checked }));
  const fromLogs = custom('vscode-checkbox', { id: 'fromLogs', label: 'From logs', title: 'Chart the values of the jobs\' log lines too (their MetricDefinitions, else the log patterns)', ...(readsLogs(view) ? { checked: '' } : {}) }) as HTMLElement & { checked: boolean };
  fromLogs.addEventListener('change', () => setView({ ...view, fromLogs: fromLogs.checked }));
  const axis = custom('vscode-single-select', { id: 'xAxis', 'aria-label': 'X axis' }) as HTMLElement & { value: string };
  axis.addEventListener('change', () => {
    if (axis.value !== xAxisOf(view)) {
      setView({ ...view, xAxis: axis.value as CompareXAxis });
    }
  });
  const all = custom('vscode-checkbox', { id: 'showAllHyperparameters', label: 'Show all hyperparameters', ...(showAll ? { checked: '' } : {}) }) as HTMLElement & { checked: boolean };
  all.addEventListener('change', () => {
    showAll = all.checked;
    renderTable();
    report(lastData ? 'data' : 'loading');
  });
  const toolbar = el(
    'div',
    { class: 'toolbar', role: 'toolbar' },
    button('Refresh', 'refresh', () => host.post({ type: 'refresh' }), false),
    button('Export CSV', 'exportCsv', exportCsv),
    instance,
    all,
    fromLogs,
    el('label', { class: 'control' }, el('span', {}, 'X axis'), axis),
  );
  const grid = el('div', { class: 'charts' });
  const stepAxis = xAxisOf(view) !== 'time';
  const cloudWatch = el(
    'section',
    { class: 'cloudwatch', 'aria-label': 'CloudWatch' },
    el('h2', { class: 'section' }, 'CloudWatch algorithm metrics'),
    ...(stepAxis ? [el('p', { class: 'note', id: 'cloudWatchHidden', role: 'note' }, `CloudWatch datapoints carry no ${xAxisOf(view)}: their charts are hidden while the x axis is the ${xAxisOf(view)}. Choose "Time since start" to see them.`)] : []),
    grid,
  );
  grid.hidden = stepAxis;
  app.append(el('h1', {}, spec.title), toolbar, ...status.elements, el('div', { id: 'jobsTable', class: 'jobs-table' }), cloudWatch);
  const exportPng = (chart: ChartCard, dataUrl: string) => host.post({ type: 'saveFile', kind: 'png', fileName: `compare-${chart.id}.png`, content: dataUrl });
  charts = spec.charts.map((c) => new CompareChartView({ ...c, emptyText: 'No datapoints yet: algorithm metrics appear once a job logs lines that match its MetricDefinitions.' }, grid, exportPng));
  if (spec.charts.length === 0) {
    grid.append(el('p', { class: 'note' }, 'None of these jobs has MetricDefinitions: there are no algorithm metrics to compare (tick the instance metrics to compare CPU, GPU and memory).'));
  }
  if (readsLogs(view)) {
    logsView = new LogChartsView(exportPng);
    app.append(logsView.element);
  }
  renderTable();
  if (lastData) {
    showData(lastData);
  }
  showLogs();
}

function setView(next: CompareViewState): void {
  view = next;
  persist();
  host.post({ type: 'setView', view });
}

/** The x axes the select offers: the time, and step / epoch once some job's lines carry them (or when chosen). */
function offerAxes(): void {
  const select = document.getElementById('xAxis') as (HTMLElement & { value: string }) | null;
  const chosen = xAxisOf(view);
  const axes = [...new Set<CompareXAxis>([...curves.axes(), chosen])];
  if (!select || axes.join() === offeredAxes) {
    return;
  }
  offeredAxes = axes.join();
  select.replaceChildren(...axes.map((a) => custom('vscode-option', { value: a, ...(a === chosen ? { selected: '' } : {}) }, AXIS_LABEL[a])));
  select.title = axes.length === 1 ? 'Step and epoch appear when the jobs\' log lines carry them' : '';
}

/** Draws the from-logs curves (at most every 200 ms while lines arrive). */
function showLogs(): void {
  clearTimeout(logsTimer);
  logsTimer = undefined;
  offerAxes();
  logsShown = spec && logsView ? { ...logsView.update(spec, curves, xAxisOf(view)), cloudWatchHidden: xAxisOf(view) !== 'time' } : undefined;
  report(lastData ? 'data' : 'loading');
}

/** One row per job: its colour, status, duration, objective and final values, then the hyperparameters that differ (or all). */
function renderTable(): void {
  const box = document.getElementById('jobsTable');
  if (!spec || !box) {
    return;
  }
  const s = spec;
  const rows = hyperparameterRows(s.jobs);
  const shownRows = showAll ? rows : rows.filter((r) => r.differs);
  const byId = new Map((lastData?.series ?? []).map((d) => [d.id, d]));
  const finals = s.charts.filter((c) => c.id.startsWith('metric'));
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Job'),
    el('th', { scope: 'col' }, 'Status'),
    el('th', { scope: 'col' }, 'Duration'),
    ...(s.objective ? [el('th', { scope: 'col', title: `The tuning job's objective (${s.objective.type})` }, `Objective ${s.objective.metricName}`)] : []),
    ...finals.map((c) => el('th', { scope: 'col', class: 'final', title: 'The last datapoint of the chart' }, `Last ${c.title}`)),
    ...shownRows.map((r) => el('th', { scope: 'col', class: r.differs ? 'hp differs' : 'hp' }, r.name)),
  );
  const body = s.jobs.map((job, i) => {
    const final = (chartId: string) => {
      const series = s.charts.find((c) => c.id === chartId)?.series.find((x) => x.job === i);
      const v = series ? lastValue(byId.get(series.id), series.factor) : undefined;
      return v === undefined ? '—' : formatNumber(v);
    };
    return el(
      'tr',
      { 'data-job': job.name },
      el('th', { scope: 'row', class: 'job' }, el('span', { class: 'swatch', style: `background:${jobColour(i)}` }), ` ${job.name}`),
      el('td', { class: `status-${job.status}` }, job.status),
      el('td', {}, formatDuration(job, describedAt)),
      ...(s.objective ? [el('td', { class: 'number' }, job.objectiveValue === undefined ? '—' : formatNumber(job.objectiveValue))] : []),
      ...finals.map((c) => el('td', { class: 'number final' }, final(c.id))),
      ...shownRows.map((r) => el('td', { class: r.differs ? 'hp differs' : 'hp' }, r.values[i] ?? '—')),
    );
  });
  const hidden = rows.length - shownRows.length;
  const caption = el('caption', {}, showAll ? `All ${rows.length} hyperparameters (differing ones highlighted)` : `Hyperparameters that differ (${shownRows.length}; ${hidden} the same in every job hidden)`);
  box.replaceChildren(el('table', {}, caption, el('thead', {}, head), el('tbody', {}, ...body)));
}

function showData(data: CompareDataMessage): void {
  const byId = new Map(data.series.map((s) => [s.id, s]));
  const jobs = spec?.jobs ?? [];
  const byChart = new Map(spec?.charts.map((c) => [c.id, c]) ?? []);
  charts.forEach((c) =>
    c.setLines(
      (byChart.get(c.spec.id)?.series ?? []).map((s) => ({ job: s.job, label: s.label, points: alignByElapsed(byId.get(s.id), jobs[s.job] ? jobStart(jobs[s.job]) : undefined, s.factor) })),
      'time',
    ),
  );
  renderTable();
  const fmt = (ms: number) => new Date(ms).toLocaleString();
  const refused = data.unavailable.reduce((n, u) => n + u.ids.length, 0);
  status.shown(
    `${fmt(data.range.start)} → ${fmt(data.range.end)} · period ${formatPeriod(data.periodSeconds)} (${data.periodReason}) · ${data.series.length} series in ${data.calls} GetMetricData call${data.calls === 1 ? '' : 's'}${refused ? ` · ${refused} not available` : ''} · updated ${new Date(data.fetchedAt).toLocaleTimeString()}`,
  );
}

function report(state: CompareShownMessage['state']): void {
  const headers = [...document.querySelectorAll<HTMLElement>('#jobsTable th.hp')].map((h) => h.textContent ?? '');
  host.post({ type: 'shown', state, text: status.text, hyperparameters: headers, points: Object.fromEntries(charts.map((c) => [c.spec.id, c.points])), ...(logsShown ? { logs: logsShown } : {}) });
}

function exportCsv(): void {
  if (spec && (lastData || logsView)) {
    host.post({ type: 'saveFile', kind: 'csv', fileName: 'compare-metrics.csv', content: compareCsv(spec, lastData?.series ?? [], logsView ? curves : undefined) });
  }
}

persist();
host.ready();
