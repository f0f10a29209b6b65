/**
 * The lines of a training job for whoever needs them besides a tail (the metrics panel's from-logs curves): the
 * tail engine itself, without a channel, so the paging, the positions (each line once, in order per stream) and
 * the polling while the job runs are the tails' own; it draws from the same request budget.
 */
import type { JobLinesControl, JobLinesRequest } from '../shared/logs/jobLines';
import type { LogEvent, LogSource } from '../shared/logs/source';
import type { Clock, RequestBudget } from './engine/budget';
import { streamQuery } from './engine/events';
import type { TailSpec } from './engine/spec';
import { PollingTail } from './engine/tail';

export interface JobLinesDeps {
  readonly source: () => Promise<LogSource>;
  readonly budget: () => Promise<RequestBudget>;
  readonly clock: Clock;
  readonly pollIntervalSeconds: () => number;
}

export async function readJobLines(
  deps: JobLinesDeps,
  request: JobLinesRequest,
  signal: AbortSignal,
  onEvents: (events: readonly LogEvent[]) => void,
  onFollowing?: () => void,
  control?: JobLinesControl,
): Promise<void> {
  const [source, budget] = await Promise.all([deps.source(), deps.budget()]);
  const poll = deps.pollIntervalSeconds();
  const spec: TailSpec = {
    query: streamQuery({ kind: 'trainingJob', trainingJobName: request.trainingJobName }),
    backfillLines: 0,
    startTime: request.startTime,
    ...(request.endTime !== undefined ? { endTime: request.endTime } : {}),
    follow: request.follow,
    pollIntervalMs: poll * 1000,
    discoverIntervalMs: poll * 5000,
    statusIntervalMs: poll * 5000,
    trainingJobName: request.trainingJobName,
    // A chart is no reason for a Live Tail session (billed by the minute): polling, as fast as a tail's.
    liveTail: false,
  };
  const tail = new PollingTail(source, spec, budget, deps.clock);
  // Out of sight (the panel hidden): the idle pace of a tail out of sight. Finishing: one complete round, then done.
  control?.bind(() => {
    tail.setInSight(control.inSight);
    if (control.finishing) {
      tail.finish();
    }
  });
  let following = false;
  for await (const u of tail.run(signal)) {
    if (u.kind === 'events') {
      onEvents(u.events);
    } else if (u.kind === 'mode' && !following) {
      following = true;
      onFollowing?.();
    }
  }
}
