/**
 * One running tail: drives the polling engine and appends its updates to the channel of its training job
 * or endpoint, one `append` per batch.
 */
import type * as vscode from 'vscode';
import type { TailTap } from '../shared/logCurves/feeds';
import type { LogSource } from '../shared/logs/source';
import type { TailSpec, TailUpdate } from './engine/spec';
import { PollingTail } from './engine/tail';
import { type Clock, type RequestBudget } from './engine/budget';
import { newestOf, streamTag } from './engine/events';
import { excludeEvents } from './engine/exclude';
import { formatBatch, formatMarkedLine, formatMarkedLineAfter, formatTimestamp, type TimestampStyle } from './engine/format';

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
  /** Live Tail sampled a busy update: the tail polls instead (until Live Tail is tried again). */
  readonly sampled: boolean;
  /** Polling slowed down (channel out of sight, or no line for a while): how often it still asks; else undefined. */
  readonly idleEveryMs: number | undefined;
  /** The text appended to the channel (the last few MB); once the tail finished, only if transcripts are kept. */
  readonly text: string;
  readonly requests: Readonly<Record<string, number>>;
  /** The CloudWatch filter pattern in effect (applied by the service). */
  readonly filterPattern: string | undefined;
  /** The client-side exclude regex in effect, as typed. */
  readonly excludePattern: string | undefined;
  /** Lines the exclude regex left out. */
  readonly excludedCount: number;
  /** What the service sent that the tail did not show: events outside the target, and repeats of lines shown. */
  readonly dropped: { readonly foreign: number; readonly repeats: number };
}

/** A tail's client-side exclude regex: `override` when set for this tail rather than taken from the setting. */
export interface TailExclude {
  readonly text: string;
  readonly regex: RegExp | undefined;
  readonly override: boolean;
}

const TRANSCRIPT_LIMIT = 8 * 1024 * 1024;
/**
 * The most text a channel holds before its oldest lines go. VS Code keeps a channel's whole text as a document
 * in the window and mirrored in the extension host: a day of a busy job would be hundreds of MB in each.
 */
const CHANNEL_LIMIT = TRANSCRIPT_LIMIT;
const TRIMMED_NOTICE = 'Older lines were trimmed from this channel to keep VS Code responsive; CloudWatch keeps every line.';
const RATE_WINDOW_MS = 10_000;

/** The last `limit` characters of a text or fewer, from a line start (a slice: it keeps the text alive). */
function lastLines(text: string, limit: number): string {
  if (text.length <= limit) {
    return text;
  }
  const cut = text.length - limit;
  return text.slice(text.indexOf('\n', cut) + 1 || cut);
}

export class TailSession implements TailInfo {
  private readonly abort = new AbortController();
  /**
   * The channel's newest text in the pieces it was appended in (whole lines each): the oldest pieces go while
   * the others still hold half the limit, so a long backfill costs no copy of the text it keeps.
   */
  private pieces: string[] = [];
  private piecesChars = 0;
  /** Characters in the channel since it was last cleared or trimmed. */
  private channelChars = 0;
  private readonly recent: { at: number; n: number }[] = [];
  private engine: PollingTail | undefined;
  /** What the engine counted, kept when a finished tail lets its engine go. */
  private final: { readonly requests: Readonly<Record<string, number>>; readonly dropped: { readonly foreign: number; readonly repeats: number }; readonly filterPattern: string | undefined } | undefined;
  state: TailState = 'starting';
  eventCount = 0;
  backingOff = false;
  mode: 'liveTail' | 'polling' = 'polling';
  sampled = false;
  /** Polling slowed down (nobody looks, or no line for a while): the wait between polls, else undefined. */
  idleEveryMs: number | undefined;
  excludedCount = 0;
  /** The newest time in the channel's time column: lines the tail writes itself never go before it. */
  private newestShown: number | undefined;
  /** The filter asked for before the engine exists. */
  private initialFilter: string | undefined;
  private exclude: TailExclude;
  private watched = true;
  private inSight = true;
  readonly done: Promise<void>;

  constructor(
    readonly channelName: string,
    readonly resourceName: string,
    private readonly channel: Pick<vscode.OutputChannel, 'append' | 'replace'>,
    private readonly spec: TailSpec,
    private readonly format: { timestamps: TimestampStyle; tagged: boolean; prettyJson?: boolean; exclude?: TailExclude },
    private readonly deps: {
      source: () => Promise<LogSource>;
      budget: RequestBudget;
      clock: Clock;
      onChange: () => void;
      log: vscode.LogOutputChannel;
      /** Keep the channel's text once the tail finished (for tests): otherwise a finished tail lets it go. */
      keepTranscript?: boolean;
      /** The job's from-logs curves, fed every line the tail reads (before the exclude regex). */
      tap?: TailTap;
    },
  ) {
    this.exclude = format.exclude ?? { text: '', regex: undefined, override: false };
    this.initialFilter = spec.filterPattern || undefined;
    const options = [...(this.initialFilter ? [`filter pattern ${JSON.stringify(this.initialFilter)}`] : []), ...(this.exclude.regex ? [`excluding lines that match ${this.exclude.regex}`] : [])];
    if (options.length > 0) {
      this.writeMarked('notice', `Tailing with ${options.join(', ')}.`);
    }
    this.done = this.run();
  }

  get filterPattern(): string | undefined {
    return this.engine ? this.engine.filterPattern : this.final ? this.final.filterPattern : this.initialFilter;
  }

  get excludePattern(): string | undefined {
    return this.exclude.regex ? this.exclude.text : undefined;
  }

  /** Whether the exclude regex was set for this tail (else it follows the setting). */
  get excludeOverridden(): boolean {
    return this.exclude.override;
  }

  /** Changes the service-side filter pattern (empty: none) while the tail runs; the engine notes it in the channel. */
  setFilterPattern(pattern: string | undefined): void {
    const p = pattern?.trim() || undefined;
    if (this.engine) {
      this.engine.setFilterPattern(p);
    } else {
      this.initialFilter = p;
    }
    this.deps.onChange();
  }

  /** Whether the channel is in sight now: polling slows down at once while it is not. */
  setInSight(inSight: boolean): void {
    this.inSight = inSight;
    this.engine?.setInSight(inSight);
  }

  /** Whether someone can see the channel: Live Tail pauses (slower polling) while nobody can. */
  setWatched(watched: boolean): void {
    this.watched = watched;
    this.engine?.setWatched(watched);
  }

  /** Changes the client-side exclude regex for the lines to come. */
  setExclude(exclude: TailExclude): void {
    const before = this.exclude.regex?.toString();
    this.exclude = exclude;
    if (this.active && before !== exclude.regex?.toString()) {
      this.writeMarked('notice', exclude.regex ? `Now excluding lines that match ${exclude.regex}.` : 'No longer excluding any lines.');
    }
    this.deps.onChange();
  }

  setPrettyJson(prettyJson: boolean): void {
    this.format.prettyJson = prettyJson;
  }

  get text(): string {
    if (this.pieces.length > 1) {
      this.pieces = [this.pieces.join('')];
    }
    return this.pieces[0] ?? '';
  }

  get dropped(): { readonly foreign: number; readonly repeats: number } {
    return this.engine?.dropped ?? this.final?.dropped ?? { foreign: 0, repeats: 0 };
  }

  get requests(): Readonly<Record<string, number>> {
    return { ...(this.engine?.requests ?? this.final?.requests ?? {}) };
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
      this.writeMarked('notice', 'Tail stopped.');
      this.deps.onChange();
    }
  }

  private append(text: string): void {
    if (text === '') {
      return;
    }
    this.keep(text);
    if (this.channelChars + text.length <= CHANNEL_LIMIT) {
      this.channel.append(text);
      this.channelChars += text.length;
      return;
    }
    // Full: the channel starts again from its newest lines (at most half the limit, whole appends where they
    // fit, so no copy beyond the one string the channel needs), under a notice.
    while (this.pieces.length > 1 && this.piecesChars > TRANSCRIPT_LIMIT / 2) {
      this.piecesChars -= this.pieces.shift()?.length ?? 0;
    }
    const newest = this.piecesChars > TRANSCRIPT_LIMIT / 2 ? [lastLines(this.pieces[0], TRANSCRIPT_LIMIT / 2)] : this.pieces;
    // Joined into one new string: the channel takes one, and it holds no slice of a bigger one.
    const kept = [formatMarkedLine('notice', TRIMMED_NOTICE, this.deps.clock.now(), this.format.timestamps), ...newest].join('');
    this.pieces = [kept];
    this.piecesChars = kept.length;
    this.channel.replace(kept);
    this.channelChars = kept.length;
  }

  /** Adds an appended text to the kept pieces; the oldest go while the others still hold half the limit. */
  private keep(text: string): void {
    this.pieces.push(text);
    this.piecesChars += text.length;
    while (this.pieces.length > 1 && this.piecesChars - this.pieces[0].length >= TRANSCRIPT_LIMIT / 2) {
      this.piecesChars -= this.pieces.shift()?.length ?? 0;
    }
    if (this.piecesChars > TRANSCRIPT_LIMIT) {
      // One append bigger than the limit: a copy of its end, so that the whole text can go.
      this.pieces = [Buffer.from(lastLines(this.text, TRANSCRIPT_LIMIT / 2), 'utf8').toString('utf8')];
      this.piecesChars = this.pieces[0].length;
    }
  }

  /**
   * A line of the tail's own, never before the lines above it in the time column: a status at its own time
   * (or, when that is older, at theirs, saying its own); a notice now.
   */
  private writeMarked(kind: 'status' | 'notice', text: string, statusAt?: number): void {
    if (statusAt === undefined) {
      const at = Math.max(this.deps.clock.now(), this.newestShown ?? 0);
      this.newestShown = at;
      this.append(formatMarkedLine(kind, text, at, this.format.timestamps));
      return;
    }
    const { line, at } = formatMarkedLineAfter(kind, text, statusAt, this.newestShown, this.format.timestamps);
    this.newestShown = at;
    this.append(line);
  }

  private handle(u: TailUpdate): void {
    const ts = this.format.timestamps;
    this.deps.tap?.update(u);
    switch (u.kind) {
      case 'events': {
        this.recent.push({ at: this.deps.clock.now(), n: u.events.length });
        const { kept, excluded } = excludeEvents(u.events, this.exclude.regex);
        this.excludedCount += excluded;
        this.append(formatBatch(kept, { timestamps: ts, prettyJson: this.format.prettyJson, ...(this.format.tagged ? { tag: streamTag } : {}) }));
        this.eventCount += kept.length;
        if (kept.length > 0) {
          this.newestShown = Math.max(this.newestShown ?? -Infinity, newestOf(kept));
        }
        break;
      }
      case 'status':
        this.writeMarked('status', u.text, u.at);
        break;
      case 'notice':
        this.writeMarked('notice', u.text);
        break;
      case 'filter': {
        const from = formatTimestamp(u.from, ts === 'none' ? 'utc' : ts);
        this.writeMarked('notice', u.filterPattern ? `Filter pattern is now ${JSON.stringify(u.filterPattern)}: matching lines from ${from} on.` : `Filter pattern cleared: every line from ${from} on.`);
        break;
      }
      case 'backoff':
        this.backingOff = u.backingOff;
        break;
      case 'pace':
        this.idleEveryMs = u.idle ? u.intervalMs : undefined;
        break;
      case 'mode':
        this.mode = u.mode;
        // A sampled update ends the session: the polling that follows keeps saying why until Live Tail is back.
        this.sampled = u.sampled === true || (u.mode === 'polling' && this.sampled);
        break;
      case 'diagnostic':
        this.deps.log.warn(`Tail of ${this.resourceName}: ${u.text}`);
        break;
      case 'ended':
        this.writeMarked('notice', `Tail ended: ${u.reason}.`);
        break;
    }
    this.deps.onChange();
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    try {
      const source = await this.deps.source();
      const { filterPattern: _initial, ...spec } = this.spec;
      this.engine = new PollingTail(source, this.initialFilter ? { ...spec, filterPattern: this.initialFilter } : spec, this.deps.budget, this.deps.clock);
      this.engine.setWatched(this.watched);
      this.engine.setInSight(this.inSight);
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
      this.writeMarked('notice', `Tail failed: ${message}`);
      this.deps.log.error(`Tail of ${this.resourceName} failed:`, e instanceof Error ? e : message);
    } finally {
      this.deps.tap?.detach();
      this.release();
      this.deps.onChange();
    }
  }

  /** A finished tail keeps its counts, not its engine (positions, buffers) nor, unless asked, its text. */
  private release(): void {
    const engine = this.engine;
    if (engine) {
      this.final = { requests: { ...engine.requests }, dropped: engine.dropped, filterPattern: engine.filterPattern };
      this.engine = undefined;
    }
    if (!this.deps.keepTranscript) {
      this.pieces = [];
      this.piecesChars = 0;
    }
  }
}
