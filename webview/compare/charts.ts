/** One Chart.js line chart per compared metric: x = minutes since each job's start, one series per job, theme colours. */
import { Chart } from 'chart.js';
import { alignByElapsed, jobStart, type CompareChart, type CompareSpec } from '../../src/shared/metrics/compare';
import type { SeriesData } from '../../src/shared/metricsProtocol';

/** VS Code's chart colours, in the order jobs take them (the same colour for a job in every chart). */
const PALETTE_VARIABLES = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red', '--vscode-terminal-ansiCyan', '--vscode-terminal-ansiMagenta'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c', '#11a8cd', '#bc3fbc'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The colour of job number `i` (jobs past the palette get dashed lines of the same colours). */
export function jobColour(i: number): string {
  const k = i % PALETTE_VARIABLES.length;
  return cssVar(PALETTE_VARIABLES[k], FALLBACK[k]);
}

function theme() {
  return { foreground: cssVar('--vscode-foreground', '#cccccc'), grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)') };
}

export function formatNumber(v: number, unit = ''): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 3 : 4;
  return `${v.toLocaleString(undefined, { maximumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
}

export class CompareChartView {
  private readonly chart: Chart<'line', { x: number; y: number }[]>;
  private readonly empty: HTMLElement;
  /** Points drawn, all series together. */
  points = 0;

  constructor(
    readonly spec: CompareChart,
    private readonly compare: CompareSpec,
    container: HTMLElement,
    onExportPng: (spec: CompareChart, dataUrl: string) => void,
  ) {
    const card = document.createElement('section');
    card.className = 'chart-card';
    card.dataset.chart = spec.id;
    const header = document.createElement('header');
    const title = document.createElement('h2');
    title.textContent = spec.title;
    const png = document.createElement('vscode-button');
    png.setAttribute('secondary', '');
    png.className = 'export-png';
    png.title = `Export ${spec.title} as PNG`;
    png.textContent = 'PNG';
    png.addEventListener('click', () => onExportPng(spec, this.chart.toBase64Image('image/png', 1)));
    header.append(title, png);
    const wrap = document.createElement('div');
    wrap.className = 'canvas-wrap';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${spec.title}, one line per job, by minutes since each job started`);
    this.empty = document.createElement('p');
    this.empty.className = 'empty';
    this.empty.textContent = 'No datapoints yet: algorithm metrics appear once a job logs lines that match its MetricDefinitions.';
    this.empty.hidden = true;
    wrap.append(canvas, this.empty);
    card.append(header, wrap);
    container.append(card);
    const t = theme();
    this.chart = new Chart(canvas, {
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
          x: { type: 'linear', min: 0, title: { display: true, text: 'minutes since the job started', color: t.foreground }, ticks: { color: t.foreground, maxTicksLimit: 8 }, grid: { color: t.grid } },
          y: { ticks: { color: t.foreground, callback: (v) => formatNumber(Number(v), spec.unit) }, grid: { color: t.grid } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => `${formatNumber(items[0]?.parsed.x ?? 0)} min`, label: (ctx) => `${ctx.dataset.label ?? ''}: ${formatNumber(ctx.parsed.y ?? 0, spec.unit)}` } },
        },
      },
    });
  }

  setData(byId: ReadonlyMap<string, SeriesData>): void {
    this.chart.data.datasets = this.spec.series.map((s) => {
      const colour = jobColour(s.job);
      return {
        label: s.label,
        data: alignByElapsed(byId.get(s.id), jobStart(this.compare.jobs[s.job]), s.factor),
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 1.5,
        pointRadius: 0,
        ...(s.job >= PALETTE_VARIABLES.length ? { borderDash: [5, 3] } : {}),
      };
    });
    this.points = this.chart.data.datasets.reduce((n, d) => n + d.data.length, 0);
    this.empty.hidden = this.points > 0;
    this.chart.update('none');
  }

  applyTheme(): void {
    const t = theme();
    const scales = this.chart.options.scales as Record<string, { ticks?: { color?: string }; grid?: { color?: string }; title?: { color?: string } }>;
    for (const axis of Object.values(scales)) {
      if (axis.ticks) axis.ticks.color = t.foreground;
      if (axis.grid) axis.grid.color = t.grid;
      if (axis.title) axis.title.color = t.foreground;
    }
    this.chart.data.datasets.forEach((d, i) => {
      const colour = jobColour(this.spec.series[i]?.job ?? i);
      d.borderColor = colour;
      d.backgroundColor = colour;
    });
    this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
  }
}
