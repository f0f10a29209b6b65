/**
 * One running tail: drives the polling engine and appends its updates to the channel of its training job
 * or endpoint, one `append` per batch.
 */
import type * as vscode from 'vscode';
import type { LogSource, TailSpec, TailUpdate } from '../shared/logs/engine';
import { PollingTail } from '../shared/logs/engine';
import { type Clock, type RequestBudget } from '../shared/logs/budget';
import { streamTag } from '../shared/logs/events';
import { formatBatch, formatMarkedLine, type TimestampStyle } from '../shared/logs/format';

export type TailState = 'starting' | 'running' | 'ended' | 'failed' | 'stopped';

/** What tests and the status bar can read about a tail. */
export interface TailInfo {
  readonly channelName: string;
  readonly resourceName: string;
  readonly state: TailState;
  readonly eventCount: number;
  readonly backingOff: boolean;
  /** How it follows: Live Tail, or polling (also before it follows). */
  readonly mode: 'liveTail' | 'polling';
  /** Live Tail sampled its last busy update. */
  readonly sampled: boolean;
  /** The text appended to the channel (the last few MB). */
  readonly text: string;
  readonly requests: Readonly<Record<string, number>>;
}

const TRANSCRIPT_LIMIT = 8 * 1024 * 1024;
const RATE_WINDOW_MS = 10_000;

export class TailSession implements TailInfo {
  private readonly abort = new AbortController();
  private transcript = '';
  private readonly recent: { at: number; n: number }[] = [];
  private engine: PollingTail | undefined;
  state: TailState = 'starting';
  eventCount = 0;
  backingOff = false;
  mode: 'liveTail' | 'polling' = 'polling';
  sampled = false;
  readonly done: Promise<void>;

  constructor(
    readonly channelName: string,
    readonly resourceName: string,
    private readonly channel: vscode.OutputChannel,
    private readonly spec: TailSpec,
    private readonly format: { timestamps: TimestampStyle; tagged: boolean },
    private readonly deps: { source: () => Promise<LogSource>; budget: RequestBudget; clock: Clock; onChange: () => void; log: vscode.LogOutputChannel },
  ) {
    this.done = this.run();
  }

  get text(): string {
    return this.transcript;
  }

  get requests(): Readonly<Record<string, number>> {
    return { ...(this.engine?.requests ?? {}) };
  }

  get active(): boolean {
    return this.state === 'starting' || this.state === 'running';
  }

  /** Events a second over the last few seconds. */
  eventsPerSecond(now = this.deps.clock.now()): number {
    while (this.recent.length > 0 && this.recent[0].at < now - RATE_WINDOW_MS) {
      this.recent.shift();
    }
    return this.recent.reduce((n, r) => n + r.n, 0) / (RATE_WINDOW_MS / 1000);
  }

  stop(): void {
    if (this.active) {
      this.state = 'stopped';
      this.abort.abort();
      this.append(formatMarkedLine('notice', 'Tail stopped.', this.deps.clock.now(), this.format.timestamps));
      this.deps.onChange();
    }
  }

  private append(text: string): void {
    if (text === '') {
      return;
    }
    this.channel.append(text);
    this.transcript += text;
    if (this.transcript.length > TRANSCRIPT_LIMIT) {
      this.transcript = this.transcript.slice(this.transcript.length - TRANSCRIPT_LIMIT / 2);
    }
  }

  private handle(u: TailUpdate): void {
    const ts = this.format.timestamps;
    switch (u.kind) {
      case 'events':
        this.append(formatBatch(u.events, { timestamps: ts, ...(this.format.tagged ? { tag: streamTag } : {}) }));
        this.eventCount += u.events.length;
        this.recent.push({ at: this.deps.clock.now(), n: u.events.length });
        break;
      case 'status':
        this.append(formatMarkedLine('status', u.text, u.at, ts));
        break;
      case 'notice':
        this.append(formatMarkedLine('notice', u.text, this.deps.clock.now(), ts));
        break;
      case 'backoff':
        this.backingOff = u.backingOff;
        break;
      case 'mode':
        this.mode = u.mode;
        this.sampled = u.sampled === true;
        break;
      case 'ended':
        this.append(formatMarkedLine('notice', `Tail ended: ${u.reason}.`, this.deps.clock.now(), ts));
        break;
    }
    this.deps.onChange();
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    try {
      const source = await this.deps.source();
      this.engine = new PollingTail(source, this.spec, this.deps.budget, this.deps.clock);
      this.state = 'running';
      this.deps.onChange();
      for await (const update of this.engine.run(signal)) {
        if (signal.aborted) {
          break;
        }
        this.handle(update);
      }
      if (this.state === 'running') {
        this.state = 'ended';
      }
    } catch (e) {
      if (signal.aborted) {
        return;
      }
      this.state = 'failed';
      const message = e instanceof Error ? e.message : String(e);
      this.append(formatMarkedLine('notice', `Tail failed: ${message}`, this.deps.clock.now(), this.format.timestamps));
      this.deps.log.error(`Tail of ${this.resourceName} failed:`, e instanceof Error ? e : message);
    } finally {
      this.deps.onChange();
    }
  }
}
