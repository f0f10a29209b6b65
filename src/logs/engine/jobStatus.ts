/**
 * A job's status while its logs are tailed: a training job's new SecondaryStatus transitions, and when a job
 * of any kind ended (processing and transform jobs have only their status).
 */
import type { TrainingJobState } from '../../shared/logs/source';
import type { TailContext } from './context';
import type { TailUpdate } from './spec';

export class JobStatus {
  /** When the job was last looked at. */
  lastCheck = 0;
  private seenTransitions = 0;
  private lastSecondary: string | undefined;
  /** DescribeTrainingJob no longer finds the job. */
  private gone = false;

  constructor(
    private readonly name: string,
    private readonly kind: 'training' | 'processing' | 'transform' = 'training',
  ) {}

  get endReason(): string {
    return this.gone ? `the ${this.kind} job no longer exists` : `the ${this.kind} job has ended`;
  }

  /** `Training job`, `Processing job`, `Transform job`. */
  private get noun(): string {
    return `${this.kind[0].toUpperCase()}${this.kind.slice(1)} job`;
  }

  private read(ctx: TailContext, signal: AbortSignal): Promise<TrainingJobState> {
    const kind = this.kind;
    if (kind === 'training') {
      return ctx.source.trainingJob(this.name, signal);
    }
    if (!ctx.source.jobState) {
      // A source that cannot tell: the job is taken to run on, and the tail follows until stopped.
      return Promise.resolve({ status: 'InProgress', transitions: [] });
    }
    return ctx.source.jobState(kind, this.name, signal);
  }

  /** Appends new SecondaryStatus transitions; true when the job has ended. */
  async *check(ctx: TailContext, signal: AbortSignal, first: boolean): AsyncGenerator<TailUpdate, boolean> {
    this.lastCheck = ctx.clock.now();
    let job: TrainingJobState;
    try {
      job = await ctx.send(signal, 'trainingJob', () => this.read(ctx, signal));
    } catch (e) {
      if (ctx.kind(e) !== 'notFound') {
        throw e;
      }
      // Deleted (or the profile now points elsewhere): its logs stay in CloudWatch, and the tail ends after a last read.
      this.gone = true;
      yield { kind: 'status', text: `${this.noun} ${this.name} no longer exists; CloudWatch keeps its logs`, at: ctx.clock.now() };
      return true;
    }
    const transitions = job.transitions;
    // On the first look show only the current step; afterwards every transition that is new.
    const from = first ? Math.max(0, transitions.length - 1) : this.seenTransitions;
    for (const t of transitions.slice(from)) {
      yield { kind: 'status', text: `${t.status}${t.message ? `: ${t.message}` : ''}`, at: t.startedAt ?? ctx.clock.now() };
    }
    this.seenTransitions = transitions.length;
    if (transitions.length === 0 && job.secondaryStatus && job.secondaryStatus !== this.lastSecondary) {
      yield { kind: 'status', text: job.secondaryStatus, at: ctx.clock.now() };
    }
    this.lastSecondary = job.secondaryStatus;
    const ended = job.status === 'Completed' || job.status === 'Failed' || job.status === 'Stopped';
    if (ended) {
      yield { kind: 'status', text: `${this.noun} ${job.status}${job.failureReason ? `: ${job.failureReason}` : ''}`, at: ctx.clock.now() };
    }
    return ended;
  }
}
