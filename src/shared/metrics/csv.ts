/** The shown data of a panel as CSV: one row per datapoint, values in the chart's display unit. */
import type { SeriesData } from '../metricsProtocol';
import type { PanelSpec } from './panels';

export const CSV_HEADER = 'chart,series,namespace,metric,statistic,dimensions,timestamp,value,unit';

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function metricsCsv(panel: PanelSpec, series: readonly SeriesData[]): string {
  const byId = new Map(series.map((s) => [s.id, s]));
  const rows = [CSV_HEADER];
  for (const chart of panel.charts) {
    for (const s of chart.series) {
      const d = byId.get(s.id);
      const dims = s.dimensions.map((x) => `${x.Name}=${x.Value}`).join(' ');
      d?.timestamps.forEach((t, i) => {
        rows.push([chart.title, s.label, s.namespace, s.metricName, s.stat, dims, new Date(t).toISOString(), String(d.values[i] * s.factor), chart.unit].map(csvField).join(','));
      });
    }
  }
  return rows.join('\n') + '\n';
}
