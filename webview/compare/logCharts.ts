/**
 * The compare panel's "From logs" section: a line per job saying where its lines stand (read, points, the
 * regexes' problems; a job whose lines gave nothing says so), then one chart per metric read from the jobs' lines,
 * one line per job (its first host; see compareCurves.ts), on the panel's x axis.
 */
import type { CompareLogsShown } from '../../src/shared/compareProtocol';
import { jobStart, type CompareSpec } from '../../src/shared/metrics/compare';
import { alignCurve, type CompareCurveStore, type CompareXAxis } from '../../src/shared/metrics/compareCurves';
import { el } from '../metrics/dom';
import { CompareChartView, jobColour, type ChartCard, type ChartLine } from './charts';

const SOURCE_TEXT = { metricDefinitions: 'its MetricDefinitions', logPatterns: 'sagemakerMonitor.metrics.logPatterns' } as const;

export class LogChartsView {
  readonly element: HTMLElement;
  private readonly jobsList: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly charts = new Map<string, CompareChartView>();
  private axis: CompareXAxis | undefined;

  constructor(private readonly onExportPng: (spec: ChartCard, dataUrl: string) => void) {
    this.jobsList = el('ul', { class: 'log-jobs', 'aria-label': 'Log lines of each job' });
    this.grid = el('div', { class: 'charts log-charts' });
    this.element = el('section', { class: 'from-logs', 'aria-label': 'From logs' }, el('h2', { class: 'section' }, 'From the logs'), this.jobsList, this.grid);
  }

  /** Draws the store on the axis; returns what it drew. */
  update(spec: CompareSpec, store: CompareCurveStore, axis: CompareXAxis): Omit<CompareLogsShown, 'cloudWatchHidden'> {
    const notes = spec.jobs.map((job, i) => this.jobNote(job.name, i, store, axis));
    this.jobsList.replaceChildren(...notes.map((n) => n.element));
    if (axis !== this.axis) {
      this.destroy();
      this.axis = axis;
    }
    const metrics = store.metrics();
    for (const [metric, chart] of this.charts) {
      if (!metrics.includes(metric)) {
        chart.destroy();
        this.charts.delete(metric);
      }
    }
    const series: CompareLogsShown['series'][number][] = [];
    for (const metric of metrics) {
      const chart = this.charts.get(metric) ?? this.create(metric, axis);
      const lines: ChartLine[] = spec.jobs.flatMap((job, i) => {
        const curve = store.curve(i, metric);
        if (!curve) {
          return [];
        }
        const points = alignCurve(curve.points, axis, jobStart(job));
        series.push({ job: job.name, metric, host: curve.host, points: points.length });
        return [{ job: i, label: curve.hostCount > 1 ? `${job.name} (${curve.host} of ${curve.hostCount} hosts)` : job.name, points }];
      });
      chart.setLines(lines, axis);
    }
    this.grid.querySelector('.logs-empty')?.remove();
    if (metrics.length === 0) {
      this.grid.append(el('p', { class: 'empty logs-empty' }, 'No values in these jobs\' log lines yet.'));
    }
    return { axis, series, notes: notes.map((n) => (n.element.textContent ?? '').trim()) };
  }

  applyTheme(): void {
    this.charts.forEach((c) => c.applyTheme());
  }

  destroy(): void {
    this.charts.forEach((c) => c.destroy());
    this.charts.clear();
  }

  /** One job's line: where its lines stand, said plainly when they gave no point (or none on this axis). */
  private jobNote(name: string, i: number, store: CompareCurveStore, axis: CompareXAxis): { element: HTMLElement } {
    const s = store.status(i);
    const parts: string[] = [];
    if (!s) {
      parts.push('waiting for its log lines…');
    } else {
      parts.push(`${s.reading} ${s.lines.toLocaleString()} lines, ${s.points.toLocaleString()} points${s.source ? ` (regexes: ${SOURCE_TEXT[s.source]})` : ''}.`);
      if (s.lines > 0 && s.points === 0) {
        parts.push('No line gave a value: nothing is drawn for this job.');
      } else if (axis !== 'time' && s.points > 0 && !store.metrics().some((m) => store.curve(i, m)?.points.some((p) => (axis === 'step' ? p.s : p.e) !== undefined))) {
        parts.push(`Its lines carry no ${axis}: not drawn on this axis.`);
      }
      parts.push(...s.problems);
    }
    const element = el('li', { 'data-job': name, class: s && s.points === 0 ? 'no-points' : '' }, el('span', { class: 'swatch', style: `background:${jobColour(i)}` }), ` ${name}: ${parts.join(' ')}`);
    return { element };
  }

  private create(metric: string, axis: CompareXAxis): CompareChartView {
    this.grid.querySelector('.logs-empty')?.remove();
    const card: ChartCard = {
      id: `logs-${metric.replace(/[^\w.-]+/g, '_')}`,
      title: `From logs: ${metric}`,
      unit: '',
      emptyText: axis === 'time' ? 'No point of this metric since the jobs started.' : `No line of this metric carries a ${axis}.`,
    };
    const chart = new CompareChartView(card, this.grid, this.onExportPng, { 'data-curve': metric, 'data-chart': card.id });
    this.charts.set(metric, chart);
    return chart;
  }
}
