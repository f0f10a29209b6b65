/**
 * The compare panel's "from logs" curves: one PanelCurves per compared job, the training panel's own reader of a
 * job's curve feed. The feed is the window's (JobCurveFeeds): a job already tailed or open in its own panel is
 * not read again; a completed job's log is read once, a running job's followed; all of it stops when the panel
 * closes or stops charting the logs.
 */
import type { CompareCurvesMessage } from '../shared/compareProtocol';
import type { JobCurveFeeds } from '../shared/logCurves/feeds';
import type { JobLineReader } from '../shared/logs/jobLines';
import { jobStart, type CompareJob } from '../shared/metrics/compare';
import { isTerminalTrainingStatus } from '../shared/model';
import { PanelCurves, type CurvesReading } from './panelCurves';

export interface CompareCurvesDeps {
  readonly feeds: JobCurveFeeds;
  readonly read: JobLineReader;
  readonly warn: (text: string) => void;
}

export class CompareCurves {
  private readonly curves: PanelCurves[];

  constructor(jobs: readonly CompareJob[], deps: CompareCurvesDeps, post: (message: CompareCurvesMessage) => void) {
    this.curves = jobs.map(
      (job, i) =>
        new PanelCurves(job.name, { start: jobStart(job) ?? 0, running: !isTerminalTrainingStatus(job.status) }, {
          feeds: deps.feeds,
          read: deps.read,
          warn: deps.warn,
          post: (curves) => post({ type: 'curves', job: i, curves }),
        }),
    );
  }

  /** Where each job's lines come from now (tests). */
  get readings(): CurvesReading[] {
    return this.curves.map((c) => c.reading);
  }

  /** The panel hidden or shown: each job's own reader slows to the idle pace while hidden (see PanelCurves). */
  setVisible(visible: boolean): void {
    this.curves.forEach((c) => c.setVisible(visible));
  }

  /** The page was (re)loaded: every job's series anew. */
  resend(): void {
    this.curves.forEach((c) => c.resend());
  }

  dispose(): void {
    this.curves.forEach((c) => c.dispose());
  }
}
