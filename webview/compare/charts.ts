/**
 * One Chart.js line chart of the compare panel: a metric, one line per job (the job's colour in every chart),
 * x = minutes since each job's start, or the step / epoch of the from-logs lines.
 */
import { Chart } from 'chart.js';
import type { AlignedPoint, CompareXAxis } from '../../src/shared/metrics/compareCurves';
import { compareJobColour, dashedJob } from '../../src/shared/metrics/comparePalette';

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The colour of job number `i` (fixed: the same in light and dark themes, see comparePalette.ts). */
export function jobColour(i: number): string {
  return compareJobColour(i);
}

function theme() {
  return { foreground: cssVar('--vscode-foreground', '#cccccc'), grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)') };
}

export function formatNumber(v: number, unit = ''): string {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 3 : 4;
  return `${v.toLocaleString(undefined, { maximumFractionDigits: digits })}${unit ? ` ${unit}` : ''}`;
}

const AXIS_TITLE: Record<CompareXAxis, string> = { time: 'minutes since the job started', step: 'step', epoch: 'epoch' };

/** A line of a chart: whose, its legend text, its points on the chart's axis. */
export interface ChartLine {
  readonly job: number;
  readonly label: string;
  readonly points: AlignedPoint[];
}

export interface ChartCard {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  /** Shown over an empty chart. */
  readonly emptyText: string;
}

export class CompareChartView {
  private readonly chart: Chart<'line', AlignedPoint[]>;
  private readonly empty: HTMLElement;
  readonly card: HTMLElement;
  private axis: CompareXAxis = 'time';
  /** Points drawn, all lines together. */
  points = 0;

  constructor(
    readonly spec: ChartCard,
    container: HTMLElement,
    onExportPng: (spec: ChartCard, dataUrl: string) => void,
    attrs: Record<string, string> = { 'data-chart': spec.id },
  ) {
    this.card = document.createElement('section');
    this.card.className = 'chart-card';
    for (const [k, v] of Object.entries(attrs)) {
      this.card.setAttribute(k, v);
    }
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
    canvas.setAttribute('aria-label', `${spec.title}, one line per job`);
    this.empty = document.createElement('p');
    this.empty.className = 'empty';
    this.empty.textContent = spec.emptyText;
    this.empty.hidden = true;
    wrap.append(canvas, this.empty);
    this.card.append(header, wrap);
    container.append(this.card);
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
          x: { type: 'linear', min: 0, title: { display: true, text: AXIS_TITLE.time, color: t.foreground }, ticks: { color: t.foreground, maxTicksLimit: 8 }, grid: { color: t.grid } },
          y: { ticks: { color: t.foreground, callback: (v) => formatNumber(Number(v), spec.unit) }, grid: { color: t.grid } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => (this.axis === 'time' ? `${formatNumber(items[0]?.parsed.x ?? 0)} min` : `${this.axis} ${formatNumber(items[0]?.parsed.x ?? 0)}`),
              label: (ctx) => `${ctx.dataset.label ?? ''}: ${formatNumber(ctx.parsed.y ?? 0, spec.unit)}`,
            },
          },
        },
      },
    });
  }

  setLines(lines: readonly ChartLine[], axis: CompareXAxis): void {
    this.axis = axis;
    const x = this.chart.options.scales?.x as { title?: { text?: string } } | undefined;
    if (x?.title) {
      x.title.text = AXIS_TITLE[axis];
    }
    this.chart.data.datasets = lines.map((line) => {
      const colour = jobColour(line.job);
      return {
        label: line.label,
        data: line.points,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 1.5,
        pointRadius: line.points.length === 1 ? 3 : 0,
        ...(dashedJob(line.job) ? { borderDash: [5, 3] } : {}),
      };
    });
    this.points = lines.reduce((n, l) => n + l.points.length, 0);
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
    this.chart.update('none');
  }

  destroy(): void {
    this.chart.destroy();
    this.card.remove();
  }
}
