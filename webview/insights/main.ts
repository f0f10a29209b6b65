/** Browser entry of the Logs Insights results view: status, statistics, the grid, a chart, the opened event. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import 'chartjs-adapter-date-fns';
import { Chart, Legend, LineController, LineElement, LinearScale, PointElement, TimeScale, Tooltip } from 'chart.js';
import { POINTER_FIELD, type ResultRow } from '../../src/shared/insights/results';
import { eventPlaceOf, eventTime } from '../../src/shared/insights/rowActions';
import { timeSeriesOf } from '../../src/shared/insights/timeSeries';
import { isInsightsHostToWebview, type CopyFormatName, type InsightsHostToWebview, type InsightsWebviewToHost, type PersistedInsights, type ResultsMessage, type RunMessage } from '../../src/shared/insightsProtocol';
import { HostConnection } from '../common/host';
import { button, el } from '../metrics/dom';
import { SeriesChart } from './chart';
import { ResultsGrid } from './grid';

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend);

const app = document.getElementById('app') as HTMLElement;
const title = el('h1', { id: 'title' }, 'Logs Insights');
const queryText = el('pre', { class: 'query', id: 'query' });
const status = el('p', { class: 'status', id: 'status', role: 'status' }, 'Starting the query…');
const stopButton = button('Stop', 'stop', () => post({ type: 'stop' }));
const rerunButton = button('Run Again', 'rerun', () => post({ type: 'rerun' }));
const copyButtons = (['csv', 'json', 'markdown'] as CopyFormatName[]).map((format) =>
  button(`Copy ${format === 'markdown' ? 'Markdown' : format.toUpperCase()}`, `copy-${format}`, () => post({ type: 'copy', format, ...(grid.sortField ? { sortField: grid.sortField, descending: grid.descending } : {}) })),
);
const toolbar = el('div', { class: 'toolbar' }, stopButton, rerunButton, ...copyButtons);
const canvas = el('canvas', { id: 'chart', 'aria-label': 'The results as a time series' });
const chartCard = el('div', { class: 'chart-card', id: 'chart-card', hidden: '' }, el('div', { class: 'canvas-wrap' }, canvas));
const chart = new SeriesChart(canvas);
const recordPane = el('section', { class: 'record', id: 'record', hidden: '' });
const grid = new ResultsGrid({
  onRowClick: (row) => openRecord(row),
  onSourceLink: (path, line, row) => post({ type: 'openSource', path, line, ...(row['@logStream'] ? { logStreamName: row['@logStream'] } : {}) }),
  onSortChanged: () => reportShown(),
});
app.replaceChildren(title, queryText, status, toolbar, chartCard, grid.element, recordPane);

let run: RunMessage | undefined;
let results: ResultsMessage | undefined;
let waiting = false;

const host = new HostConnection<InsightsHostToWebview, InsightsWebviewToHost, PersistedInsights>(isInsightsHostToWebview, (message) => {
  switch (message.type) {
    case 'themeChanged':
      if (results) showResults(results);
      return;
    case 'run':
      run = message;
      results = undefined;
      waiting = false;
      title.textContent = message.title;
      queryText.textContent = message.queryString;
      recordPane.hidden = true;
      grid.setData([], []);
      chart.hide();
      chartCard.hidden = true;
      setStatus(`Scheduled · ${message.logGroupNames.length} log group${message.logGroupNames.length === 1 ? '' : 's'} · ${new Date(message.startTime).toISOString()} .. ${new Date(message.endTime).toISOString()}`, true);
      return;
    case 'waiting':
      waiting = true;
      setStatus('Waiting for a free query slot (the account runs as many Logs Insights queries as it may)…', true);
      return;
    case 'results':
      if (run && message.runId !== run.runId) return;
      waiting = false;
      showResults(message);
      return;
    case 'runError':
      if (run && message.runId !== run.runId) return;
      setStatus(`The query failed: ${message.message}`, false, true);
      reportShown();
      return;
    case 'record':
      showRecord(message.record);
      return;
    case 'persist':
      // What VS Code hands the serializer after a window reload: the query and its id, never the rows.
      host.state = message.state;
      return;
  }
});

function post(message: InsightsWebviewToHost): void {
  host.post(message);
}

function setStatus(text: string, busy: boolean, error = false): void {
  status.textContent = text;
  status.className = `status${busy ? ' busy' : ''}${error ? ' error' : ''}`;
  stopButton.hidden = !busy;
}

function bytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} KB` : `${n} B`;
}

function showResults(message: ResultsMessage): void {
  results = message;
  const s = message.statistics;
  const stats = `${s.recordsMatched.toLocaleString()} records matched · ${s.recordsScanned.toLocaleString()} scanned · ${bytes(s.bytesScanned)} scanned · ${(message.elapsedMs / 1000).toFixed(1)} s`;
  const rows = `${message.rows.length.toLocaleString()} row${message.rows.length === 1 ? '' : 's'}`;
  setStatus(`${message.status}${message.final ? '' : '…'} · ${rows} · ${stats}`, !message.final && !waiting, message.status === 'Failed' || message.status === 'Timeout');
  grid.setData(message.fields, message.rows);
  const series = timeSeriesOf(message.fields, message.rows, run?.queryString);
  chartCard.hidden = !series;
  if (series) {
    chart.show(series);
  } else {
    chart.hide();
  }
  reportShown();
}

function reportShown(): void {
  post({ type: 'shown', rows: grid.rowCount, renderedRows: grid.renderedRows, chart: chart.visible, status: status.textContent ?? '', ...(grid.sortField ? { sortField: grid.sortField } : {}) });
}

function openRecord(row: ResultRow): void {
  const ptr = row[POINTER_FIELD];
  if (ptr) {
    recordPane.hidden = false;
    recordPane.replaceChildren(el('p', { class: 'status busy' }, 'Opening the event…'));
    post({ type: 'openRecord', ptr });
  }
}

function showRecord(record: Readonly<Record<string, string>>): void {
  const table = el('table', { class: 'record-fields' });
  for (const [k, v] of Object.entries(record)) {
    const shown = k === '@timestamp' || k === '@ingestionTime' ? `${v}${eventTime(v) !== undefined ? ` (${new Date(eventTime(v) ?? 0).toISOString()})` : ''}` : v;
    table.append(el('tr', {}, el('th', {}, k), el('td', {}, shown)));
  }
  const actions = el('div', { class: 'toolbar' });
  const place = eventPlaceOf(record);
  if (place) {
    actions.append(
      button('Tail from Here', 'tail-from', () => post({ type: 'tailFrom', ...place })),
      button('Show Logs Around This Time', 'logs-around', () => post({ type: 'logsAround', ...place })),
    );
  }
  recordPane.hidden = false;
  recordPane.replaceChildren(el('h2', {}, 'Event'), table, actions);
}

host.ready();
