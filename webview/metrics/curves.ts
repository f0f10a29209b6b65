/**
 * The "From logs" charts of a training job's panel: one chart per metric read from the job's log lines, one line
 * per host. The x axis is the step or epoch when every point of a chart has one (else the time); a toggle
 * changes it. Points arrive whole, then appended as the lines are read (kept in time order: an older window
 * read after a tail's lines goes before them).
 */
import { Chart } from 'chart.js';
import type { CurvePointData, CurveXAxis, CurvesMessage, CurvesShownMessage } from '../../src/shared/metrics/curvesProtocol';
import { insertByTime as insert } from '../../src/shared/metrics/compareCurves';
import { custom, el } from './dom';

type Point = { x: number; y: number };
type AxisChoice = CurveXAxis | 'auto';

const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];
const css = (name: string, fallback: string) => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

export class CurvesView {
  readonly element: HTMLElement;
  /** metric → host → points in time order. */
  private readonly series = new Map<string, Map<string, CurvePointData[]>>();
  private readonly charts = new Map<string, { chart: Chart<'line', Point[]>; axis: CurveXAxis; card: HTMLElement }>();
  private choice: AxisChoice = 'auto';
  private readonly status: HTMLElement;
  private readonly problems: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly axisSelect: HTMLElement & { value: string };

  constructor(private readonly report: (message: CurvesShownMessage) => void) {
    this.status = el('p', { class: 'note curves-status', role: 'status' });
    this.problems = el('div', { class: 'curves-problems' });
    this.grid = el('div', { class: 'charts curves-charts' });
    this.axisSelect = custom('vscode-single-select', { id: 'curvesAxis', 'aria-label': 'From logs x axis' }) as HTMLElement & { value: string };
    for (const [value, label] of [['auto', 'Step or epoch when logged'], ['time', 'Time'], ['step', 'Step'], ['epoch', 'Epoch']]) {
      this.axisSelect.append(custom('vscode-option', { value, ...(value === 'auto' ? { selected: '' } : {}) }, label));
    }
    this.axisSelect.addEventListener('change', () => {
      this.choice = this.axisSelect.value as AxisChoice;
      this.rebuild();
    });
    const toolbar = el('div', { class: 'toolbar' }, el('label', { class: 'control' }, el('span', {}, 'X axis'), this.axisSelect));
    this.element = el('section', { class: 'log-curves', 'aria-label': 'From logs', hidden: '' }, el('h2', {}, 'From the logs'), this.status, this.problems, toolbar, this.grid);
  }

  apply(m: CurvesMessage): void {
    this.element.hidden = false;
    if (m.reset) {
      this.series.clear();
    }
    for (const s of m.series) {
      const byHost = this.series.get(s.metric) ?? new Map<string, CurvePointData[]>();
      this.series.set(s.metric, byHost);
      if (s.replace) {
        byHost.set(s.host, [...s.points].sort((a, b) => a.t - b.t));
      } else {
        const points = byHost.get(s.host) ?? [];
        byHost.set(s.host, points);
        s.points.forEach((p) => insert(points, p));
      }
    }
    const source = m.source === 'metricDefinitions' ? 'the job\'s MetricDefinitions' : m.source === 'logPatterns' ? 'sagemakerMonitor.metrics.logPatterns' : undefined;
    this.status.textContent = `${m.reading} ${m.lines.toLocaleString()} lines read, ${m.points.toLocaleString()} points${source ? ` (regexes: ${source})` : ''}.`;
    this.problems.replaceChildren(...m.problems.map((p) => el('p', { class: 'note curves-problem', role: 'note' }, p)));
    if (m.reset) {
      this.rebuild();
    } else {
      this.update();
    }
  }

  applyTheme(): void {
    this.rebuild();
  }

  /** The axis of a metric's chart: the one chosen, or step / epoch when every point has it. */
  private axisOf(metric: string): CurveXAxis {
    if (this.choice !== 'auto') {
      return this.choice;
    }
    const all = [...(this.series.get(metric)?.values() ?? [])].flat();
    if (all.length > 0 && all.every((p) => p.e !== undefined)) return 'epoch';
    if (all.length > 0 && all.every((p) => p.s !== undefined)) return 'step';
    return 'time';
  }

  private rebuild(): void {
    this.charts.forEach((c) => c.chart.destroy());
    this.charts.clear();
    this.grid.replaceChildren();
    this.update();
  }

  private update(): void {
    if (this.series.size === 0 && this.grid.childElementCount === 0) {
      this.grid.append(el('p', { class: 'empty curves-empty' }, 'No values in the job\'s log lines yet.'));
    }
    for (const [metric, byHost] of this.series) {
      const axis = this.axisOf(metric);
      let entry = this.charts.get(metric);
      if (entry && entry.axis !== axis) {
        entry.chart.destroy();
        entry.card.remove();
        entry = undefined;
      }
      entry ??= this.create(metric, axis);
      const x = (p: CurvePointData) => (axis === 'time' ? p.t : axis === 'step' ? p.s : p.e);
      const palette = PALETTE.map((v, i) => css(v, FALLBACK[i]));
      entry.chart.data.datasets = [...byHost].map(([host, points], i) => ({
        label: host,
        data: points.flatMap((p) => {
          const at = x(p);
          return at === undefined ? [] : [{ x: at, y: p.v }];
        }),
        borderColor: palette[i % palette.length],
        backgroundColor: palette[i % palette.length],
        borderWidth: 1.5,
        pointRadius: 0,
        tension: 0,
      }));
      entry.chart.update('none');
    }
    const notes = [...this.problems.querySelectorAll('.curves-problem')].map((n) => n.textContent ?? '');
    this.report({ type: 'curvesShown', axis: this.series.size ? this.axisOf([...this.series.keys()][0]) : 'time', series: this.shown(), notes });
  }

  /** The lines drawn: points per host and metric. */
  private shown(): CurvesShownMessage['series'] {
    return [...this.charts].flatMap(([metric, c]) => c.chart.data.datasets.map((d) => ({ host: d.label ?? '', metric, points: d.data.length })));
  }

  private create(metric: string, axis: CurveXAxis): { chart: Chart<'line', Point[]>; axis: CurveXAxis; card: HTMLElement } {
    this.grid.querySelector('.curves-empty')?.remove();
    const canvas = el('canvas', { role: 'img', 'aria-label': `From logs: ${metric} chart` });
    const card = el('section', { class: 'chart-card curve-card', 'data-curve': metric }, el('header', {}, el('h2', {}, `From logs: ${metric}`)), el('div', { class: 'canvas-wrap' }, canvas));
    this.grid.append(card);
    const fg = css('--vscode-foreground', '#cccccc');
    const grid = css('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)');
    const chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: axis === 'time'
            ? { type: 'time', ticks: { color: fg, maxRotation: 0, autoSkip: true, maxTicksLimit: 6 }, grid: { color: grid } }
            : { type: 'linear', title: { display: true, text: axis, color: fg }, ticks: { color: fg }, grid: { color: grid } },
          y: { ticks: { color: fg }, grid: { color: grid } },
        },
        plugins: {
          legend: { display: true, labels: { color: fg, boxWidth: 12 } },
          decimation: { enabled: true, algorithm: 'lttb', samples: 500, threshold: 800 },
        },
      },
    });
    const entry = { chart, axis, card };
    this.charts.set(metric, entry);
    return entry;
  }
}
