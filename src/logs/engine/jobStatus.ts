/** A training job's status while its logs are tailed: new SecondaryStatus transitions, and when it ended. */
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

  constructor(private readonly name: string) {}

  get endReason(): string {
    return this.gone ? 'the training job no longer exists' : 'the training job has ended';
  }

  /** Appends new SecondaryStatus transitions; true when the job has ended. */
  async *check(ctx: TailContext, signal: AbortSignal, first: boolean): AsyncGenerator<TailUpdate, boolean> {
    this.lastCheck = ctx.clock.now();
    let job: TrainingJobState;
    try {
      job = await ctx.send(signal, 'trainingJob', () => ctx.source.trainingJob(this.name, signal));
    } catch (e) {
      if (ctx.kind(e) !== 'notFound') {
        throw e;
      }
      // Deleted (or the profile now points elsewhere): its logs stay in CloudWatch, and the tail ends after a last read.
      this.gone = true;
      yield { kind: 'status', text: `Training job ${this.name} no longer exists; CloudWatch keeps its logs`, at: ctx.clock.now() };
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
      yield { kind: 'status', text: `Training job ${job.status}${job.failureReason ? `: ${job.failureReason}` : ''}`, at: ctx.clock.now() };
    }
    return ended;
  }
}
