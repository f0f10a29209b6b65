/** One Chart.js line chart per ChartSpec: time axis, theme colours, decimation, unit tooltips, zoom, HTML legend. */
import { Chart, type ChartDataset } from 'chart.js';
import type { AlarmInfo } from '../../src/shared/metrics/alarms';
import type { ChartSpec, SeriesSpec } from '../../src/shared/metrics/panels';
import type { TimeRange } from '../../src/shared/metrics/period';
import type { SeriesData } from '../../src/shared/metricsProtocol';

export interface ChartCallbacks {
  onPointClick(time: number, pageX: number, pageY: number): void;
  onCreateAlarm(spec: ChartSpec): void;
  onExportPng(spec: ChartSpec, dataUrl: string): void;
  /** Asks for the zoomed range as the panel's time range (a finer period, fresh data). */
  onUseRange(start: number, end: number): void;
}

type Point = { x: number; y: number };

/** VS Code's chart colours (theme variables), in the order series take them. */
const PALETTE_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function theme() {
  return {
    palette: PALETTE_VARIABLES.map((v, i) => cssVar(v, FALLBACK[i])),
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)'),
    alarm: cssVar('--vscode-charts-red', '#f14c4c'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

function formatValue(v: number, unit: string): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${v.toLocaleString(undefined, { maximumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
}

export class ChartView {
  private chart: Chart<'line', Point[]> | undefined;
  private readonly legend: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private alarms: { alarm: AlarmInfo; series: SeriesSpec }[] = [];
  private data = new Map<string, SeriesData>();
  private range: TimeRange | undefined;
  private hidden = new Set<string>();
  private perCoreOn = false;
  /** The range dragged on the chart, kept across refreshes until "Reset zoom". */
  private zoomed: TimeRange | undefined;
  private readonly zoomBar: HTMLElement;
  private readonly card: HTMLElement;
  /** Whether data arrived (before: the axes span the window, without "No datapoints"). */
  private loaded = false;
  /** Series the service refused, marked in the legend. */
  private unavailable: ReadonlySet<string> = new Set();

  constructor(
    readonly spec: ChartSpec,
    container: HTMLElement,
    private readonly callbacks: ChartCallbacks,
  ) {
    const card = (this.card = document.createElement('section'));
    card.className = 'chart-card';
    card.dataset.chart = spec.id;
    const header = document.createElement('header');
    const title = document.createElement('h2');
    title.textContent = spec.title;
    title.title = spec.description;
    header.append(title);
    const actions = document.createElement('div');
    actions.className = 'chart-actions';
    if (spec.perCore) {
      const box = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
      box.setAttribute('label', `Per ${spec.perCore === 'cpu' ? 'CPU' : 'GPU'}`);
      box.className = 'per-core';
      box.addEventListener('change', () => {
        this.perCoreOn = box.checked;
        this.update();
      });
      const usable = spec.series.some((s) => s.cores);
      if (!usable) {
        box.setAttribute('disabled', '');
        box.title = 'The instance type\'s core count is not known.';
      }
      actions.append(box);
    }
    actions.append(
      this.action('Reset zoom', 'zoom-out', () => this.resetZoom()),
      this.action('Create alarm…', 'bell', () => callbacks.onCreateAlarm(spec)),
      this.action('Export PNG', 'file-media', () => this.chart && callbacks.onExportPng(spec, this.chart.toBase64Image('image/png', 1))),
    );
    header.append(actions);
    card.append(header);
    const desc = document.createElement('p');
    desc.className = 'chart-description';
    desc.textContent = spec.note ? `${spec.description} ${spec.note}` : spec.description;
    card.append(desc);
    this.legend = document.createElement('ul');
    this.legend.className = 'legend';
    this.legend.setAttribute('aria-label', `${spec.title} legend`);
    const wrap = document.createElement('div');
    wrap.className = 'canvas-wrap';
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', `${spec.title} chart`);
    this.empty = document.createElement('p');
    this.empty.className = 'empty';
    this.empty.hidden = true;
    wrap.append(this.canvas, this.empty);
    this.zoomBar = document.createElement('div');
    this.zoomBar.className = 'zoom-range';
    this.zoomBar.hidden = true;
    card.append(this.zoomBar, this.legend, wrap);
    container.append(card);
    this.create();
    this.renderLegend();
  }

  private action(label: string, icon: string, onClick: () => void): HTMLElement {
    const b = document.createElement('vscode-button');
    b.setAttribute('secondary', '');
    b.setAttribute('title', label);
    b.setAttribute('aria-label', `${label} (${this.spec.title})`);
    b.className = `action-${icon}`;
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  private create(): void {
    const t = theme();
    const unit = this.spec.unit;
    this.chart = new Chart<'line', Point[]>(this.canvas, {
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
          x: { type: 'time', ticks: { color: t.foreground, maxRotation: 0, autoSkip: true, maxTicksLimit: 6 }, grid: { color: t.grid } },
          y: {
            beginAtZero: true,
            ticks: { color: t.foreground, callback: (v) => formatValue(Number(v), unit) },
            grid: { color: t.grid },
          },
        },
        plugins: {
          legend: { display: false },
          decimation: { enabled: true, algorithm: 'lttb', samples: 500, threshold: 800 },
          tooltip: {
            callbacks: {
              label: (ctx) => `${ctx.dataset.label ?? ''}: ${formatValue(ctx.parsed.y ?? 0, this.perCoreOn && unit === '%' ? '% per core' : unit)}`,
            },
          },
          zoom: {
            zoom: { drag: { enabled: true }, mode: 'x', onZoomComplete: ({ chart }) => this.zoomedTo(chart.scales.x.min, chart.scales.x.max) },
            pan: { enabled: true, mode: 'x', modifierKey: 'shift', onPanComplete: ({ chart }) => this.zoomedTo(chart.scales.x.min, chart.scales.x.max) },
          },
        },
        onClick: (event, elements) => {
          const first = elements[0];
          const native = event.native as MouseEvent | null;
          if (first && native) {
            const point = this.chart?.data.datasets[first.datasetIndex]?.data[first.index];
            if (point && !(this.chart?.data.datasets[first.datasetIndex] as { isAlarm?: boolean }).isAlarm) {
              this.callbacks.onPointClick(point.x, native.pageX, native.pageY);
            }
          }
        },
      },
    });
  }

  private zoomedTo(start: number, end: number): void {
    if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
      return;
    }
    this.zoomed = { start: Math.round(start), end: Math.round(end) };
    const fmt = (ms: number) => new Date(ms).toLocaleString();
    this.zoomBar.dataset.start = String(this.zoomed.start);
    this.zoomBar.dataset.end = String(this.zoomed.end);
    const label = document.createElement('span');
    label.textContent = `Zoomed to ${fmt(this.zoomed.start)} → ${fmt(this.zoomed.end)}`;
    const use = document.createElement('vscode-button');
    use.setAttribute('secondary', '');
    use.className = 'use-range';
    use.textContent = 'Use as time range';
    const { start: s, end: e } = this.zoomed;
    use.addEventListener('click', () => this.callbacks.onUseRange(s, e));
    this.zoomBar.replaceChildren(label, use);
    this.zoomBar.hidden = false;
  }

  private resetZoom(): void {
    this.zoomed = undefined;
    this.zoomBar.hidden = true;
    this.chart?.resetZoom();
    this.update();
  }

  applyTheme(): void {
    this.chart?.destroy();
    this.create();
    this.update();
  }

  setAlarms(alarms: { alarm: AlarmInfo; series: SeriesSpec }[]): void {
    this.alarms = alarms;
    this.update();
  }

  setData(byId: Map<string, SeriesData>, range: TimeRange, unavailable: ReadonlySet<string> = new Set()): void {
    this.data = new Map(this.spec.series.flatMap((s) => (byId.has(s.id) ? [[s.id, byId.get(s.id) as SeriesData]] : [])));
    this.range = range;
    this.loaded = true;
    this.unavailable = unavailable;
    this.card.classList.remove('stale');
    this.update();
  }

  /** The window being fetched: the time axis spans it, data or not. */
  setWindow(range: TimeRange): void {
    this.range = range;
    this.update();
  }

  /** Marks the data as older than the last (failed) refresh. */
  setStale(stale: boolean): void {
    this.card.classList.toggle('stale', stale);
  }

  /** The time axis as drawn. */
  get window(): TimeRange | undefined {
    const x = this.chart?.scales.x;
    return x && Number.isFinite(x.min) && Number.isFinite(x.max) ? { start: x.min, end: x.max } : undefined;
  }

  /** Points drawn per series (for tests and the benchmark). */
  get pointCount(): number {
    return [...this.data.values()].reduce((n, d) => n + d.timestamps.length, 0);
  }

  private latest(s: SeriesSpec): number | undefined {
    const d = this.data.get(s.id);
    for (let i = (d?.values.length ?? 0) - 1; d && i >= 0; i--) {
      if (Number.isFinite(d.values[i])) {
        return d.values[i] * this.scale(s);
      }
    }
    return undefined;
  }

  private scale(s: SeriesSpec): number {
    return s.factor / (this.perCoreOn && s.cores ? s.cores : 1);
  }

  private update(): void {
    const chart = this.chart;
    if (!chart) {
      return;
    }
    const t = theme();
    const datasets: ChartDataset<'line', Point[]>[] = this.spec.series.map((s, i) => {
      const d = this.data.get(s.id);
      const k = this.scale(s);
      const colour = t.palette[i % t.palette.length];
      return {
        label: s.label,
        data: d ? d.timestamps.map((x, j) => ({ x, y: d.values[j] * k })) : [],
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 1.5,
        pointRadius: d && d.timestamps.length < 60 ? 2 : 0,
        pointHitRadius: 6,
        hidden: this.hidden.has(s.id),
        spanGaps: false,
      };
    });
    for (const { alarm, series } of this.alarms) {
      if (!this.range) {
        continue;
      }
      const y = alarm.threshold * this.scale(series);
      datasets.push(Object.assign({
        label: `Alarm ${alarm.alarmName} (${alarm.state})`,
        data: [{ x: this.range.start, y }, { x: this.range.end, y }],
        borderColor: t.alarm,
        backgroundColor: t.alarm,
        borderDash: [6, 4],
        borderWidth: 1,
        pointRadius: 0,
      }, { isAlarm: true }));
    }
    chart.data.datasets = datasets;
    const shown = this.zoomed ?? this.range;
    if (shown) {
      const x = chart.options.scales?.x as { min?: number; max?: number } | undefined;
      if (x) {
        x.min = shown.start;
        x.max = shown.end;
      }
    }
    chart.update('none');
    const total = this.pointCount;
    const hasRange = this.range !== undefined;
    this.empty.hidden = !hasRange || !this.loaded || total > 0;
    if (this.spec.series.length === 0) {
      this.empty.hidden = false;
      this.empty.textContent = this.spec.emptyHint ?? 'Nothing to show.';
    } else {
      this.empty.textContent = this.spec.emptyHint ?? 'No datapoints in this range.';
    }
    this.renderLegend();
  }

  private renderLegend(): void {
    const t = theme();
    const items = this.spec.series.map((s, i) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'legend-item';
      b.setAttribute('aria-pressed', String(!this.hidden.has(s.id)));
      b.title = `${s.namespace} · ${s.metricName} · ${s.stat} · ${s.dimensions.map((d) => `${d.Name}=${d.Value}`).join(', ')}`;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = t.palette[i % t.palette.length];
      const label = document.createElement('span');
      label.textContent = s.label;
      b.append(swatch, label);
      if (this.unavailable.has(s.id)) {
        b.classList.add('unavailable');
        b.dataset.unavailable = '';
        const gone = document.createElement('span');
        gone.className = 'not-available';
        gone.textContent = '— not available';
        b.append(gone);
      }
      const latest = this.latest(s);
      if (latest !== undefined) {
        // The newest value as the chart draws it (per core when that is on).
        const value = document.createElement('span');
        value.className = 'latest';
        value.dataset.value = String(latest);
        value.textContent = formatValue(latest, this.perCoreOn && s.cores && this.spec.unit === '%' ? '% per core' : this.spec.unit);
        b.append(value);
      }
      b.addEventListener('click', () => {
        if (this.hidden.has(s.id)) {
          this.hidden.delete(s.id);
        } else {
          this.hidden.add(s.id);
        }
        this.update();
      });
      li.append(b);
      return li;
    });
    const alarmItems = this.alarms.map(({ alarm, series }) => {
      const li = document.createElement('li');
      li.className = `legend-alarm state-${alarm.state}`;
      const op = alarm.comparison.replace('GreaterThanOrEqualToThreshold', '≥').replace('LessThanOrEqualToThreshold', '≤').replace('GreaterThanThreshold', '>').replace('LessThanThreshold', '<');
      li.textContent = `⚑ ${alarm.alarmName}: ${alarm.state} (${alarm.stat} ${op} ${formatValue(alarm.threshold * this.scale(series), this.spec.unit)})`;
      return li;
    });
    this.legend.replaceChildren(...items, ...alarmItems);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }
}

export function renderCharts(container: HTMLElement, specs: readonly ChartSpec[], callbacks: ChartCallbacks): ChartView[] {
  return specs.map((spec) => new ChartView(spec, container, callbacks));
}
