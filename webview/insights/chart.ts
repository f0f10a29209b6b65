/** A `stats … by bin()` result drawn as a Chart.js time series, in the editor theme's chart colours; empty bins are gaps. */
import { Chart } from 'chart.js';
import type { TimePoint, TimeSeries } from '../../src/shared/insights/timeSeries';

const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export class SeriesChart {
  private chart: Chart<'line', TimePoint[]> | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  show(series: TimeSeries): void {
    const foreground = cssVar('--vscode-foreground', '#cccccc');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)');
    const datasets = series.series.map((s, i) => {
      const colour = cssVar(PALETTE[i % PALETTE.length], FALLBACK[i % FALLBACK.length]);
      // A null point (an empty bin of a non-count aggregate) is a gap in the line, not a line across it.
      return { label: s.name, data: [...s.points], borderColor: colour, backgroundColor: colour, pointRadius: s.points.length > 60 ? 0 : 2, borderWidth: 1.5, tension: 0, spanGaps: false };
    });
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'time', ticks: { color: foreground }, grid: { color: grid }, title: { display: true, text: series.timeField, color: foreground } },
          y: { beginAtZero: true, ticks: { color: foreground }, grid: { color: grid } },
        },
        plugins: { legend: { display: true, labels: { color: foreground } }, tooltip: { enabled: true } },
      },
    });
  }

  hide(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  get visible(): boolean {
    return this.chart !== undefined;
  }
}
