/**
 * The service's clock, read from the HTTP `Date` header of its responses. Metric windows are asked for in
 * the server's time: AWS's equals the local clock up to the header's one-second resolution, but a local
 * simulator may run shifted (`--now`) or accelerated (`--speed`). No SDK import: the clients feed it.
 */

/** How far apart (local time) the samples must be before a clock rate other than 1 is believed. */
const MIN_RATE_SPAN_MS = 5_000;
/** Samples older than this are dropped (a 5-minute auto-refresh still sees two). */
const SAMPLE_WINDOW_MS = 600_000;
/** A sample this far from what the known rate predicts means the clock was set: start learning again. */
const JUMP_MS = 5_000;
/** Offsets within the header's resolution are noise: the local clock is used as it is. */
const NOISE_MS = 2_000;

export class ServerClock {
  private samples: { local: number; server: number }[] = [];

  constructor(private readonly localNow: () => number = Date.now) {}

  /** Records one response's `Date` header (ignored when absent or unparsable). */
  observe(dateHeader: string | undefined): void {
    const parsed = dateHeader ? Date.parse(dateHeader) : NaN;
    if (!Number.isFinite(parsed)) {
      return;
    }
    const local = this.localNow();
    // The header names the second the server was in: its middle is the best estimate.
    const server = parsed + 500;
    const last = this.samples.at(-1);
    if (last && this.rateKnown()) {
      const rate = this.rate();
      const predicted = last.server + (local - last.local) * rate;
      if (Math.abs(server - predicted) > Math.max(JUMP_MS, (local - last.local) * rate * 0.25)) {
        this.samples = [];
      }
    }
    this.samples.push({ local, server });
    this.samples = this.samples.filter((s) => local - s.local <= SAMPLE_WINDOW_MS).slice(-50);
  }

  /** Forget the samples (the connection changed: another server, another clock). */
  reset(): void {
    this.samples = [];
  }

  private rateKnown(): boolean {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    return first !== undefined && last !== undefined && last.local - first.local >= MIN_RATE_SPAN_MS;
  }

  /** Server milliseconds per local millisecond: 1 unless the samples show a clearly faster or slower clock. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || !this.rateKnown()) {
      return 1;
    }
    const rate = (last.server - first.server) / (last.local - first.local);
    // Beyond what the headers' one-second resolution can fake over the span.
    return rate > 0 && Math.abs(rate - 1) > 0.25 ? rate : 1;
  }

  /** The server's time now, epoch ms: the local clock until a response says otherwise. */
  now(): number {
    const local = this.localNow();
    const last = this.samples.at(-1);
    if (!last) {
      return local;
    }
    const rate = this.rate();
    if (rate === 1 && Math.abs(last.server - last.local) < NOISE_MS) {
      return local;
    }
    return Math.round(last.server + (local - last.local) * rate);
  }
}
