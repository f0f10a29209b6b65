/**
 * Request budgets: every tail of one account and region draws from one token bucket, so N tails together
 * stay under the account's GetLogEvents quota; throttling slows the whole bucket down for a while.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function abortError(): Error {
  return Object.assign(new Error('Aborted'), { name: 'AbortError' });
}

/** Real time: Node's abortable timer (it rejects with an AbortError when the signal aborts). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(Math.max(0, ms), undefined, signal ? { signal } : undefined),
};

/** Exponential back-off: base·2^(failures−1), capped; `random` in [0,1) adds up to 25 % jitter. */
export function backoffDelayMs(failures: number, baseMs: number, maxMs = 30_000, random = 0): number {
  if (failures <= 0) {
    return 0;
  }
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20));
  return Math.min(maxMs, Math.round(raw * (1 + 0.25 * random)));
}

/**
 * The budget of one account and region, shared by all its tails. GetLogEvents allows 25 TPS per account and
 * region for everything the user runs: sustained, the tails take 10 a second (40 %); saved up, 30 requests may go
 * at once — the pages of a 4-host backfill, or the first round of a 30-host job — and take 3 s to earn back.
 */
export const LOGS_BUDGET = { ratePerSecond: 10, burst: 30 } as const;

/**
 * FilterLogEvents allows 5 TPS against GetLogEvents' 25: charged 25 / 5 tokens, it takes the same share of its
 * own quota (at most 2 a second sustained) as GetLogEvents does of its.
 */
export const FILTER_LOG_EVENTS_COST = 5;

export class RequestBudget {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private throttles = 0;

  /** `ratePerSecond` tokens a second, at most `burst` saved up. */
  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** How long until a request costing `cost` tokens may go, 0 if now; takes the tokens when 0. */
  tryTake(cost = 1): number {
    const need = Math.min(Math.max(cost, 0), this.burst);
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (now < this.pausedUntil) {
      return this.pausedUntil - now;
    }
    if (this.tokens >= need) {
      this.tokens -= need;
      return 0;
    }
    return Math.ceil(((need - this.tokens) / this.ratePerSecond) * 1000);
  }

  async take(signal?: AbortSignal, cost = 1): Promise<void> {
    for (;;) {
      if (signal?.aborted) {
        throw abortError();
      }
      const wait = this.tryTake(cost);
      if (wait === 0) {
        return;
      }
      await this.clock.sleep(wait, signal);
    }
  }

  /** A request was throttled: everyone sharing the budget pauses, longer each time in a row. */
  throttled(): number {
    this.throttles++;
    const delay = backoffDelayMs(this.throttles, 500, 20_000);
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + delay);
    return delay;
  }

  succeeded(): void {
    this.throttles = 0;
  }

  get backingOff(): boolean {
    return this.clock.now() < this.pausedUntil;
  }
}
