/** The Live Tail quirk modes of one session (see ../quirks.ts): early ends, foreign events, re-sent events. */
import type { ServerResponse } from 'node:http';
import { instanceId, rand01 } from '../model/hash';
import type { LogGroup, LogStream } from '../model/logStore';
import type { Account } from '../model/state';
import { exceptionFrame } from '../protocols/eventstream';
import { FOREIGN_GROUP, type QuirkState } from '../quirks';
import { groupArn } from './logs';

export interface TailEvent {
  logStreamName: string;
  logGroupIdentifier: string;
  message: string;
  timestamp: number;
  ingestionTime: number;
}

/** Synthesized foreign lines per sessionUpdate. */
const FOREIGN_PER_UPDATE = 2;

export class LiveTailQuirks {
  /** sessionUpdate frames after which the response ends (0 = right after sessionStart; undefined = no early end) */
  readonly endAfter: number | undefined;
  private readonly endWithException: boolean;
  private readonly foreign: boolean;
  private readonly resend: boolean;
  private readonly seed: number;
  private readonly session: number;
  private readonly own: Set<LogGroup>;
  /** the synthesized foreign events' stream: named like one of the session's */
  private readonly lookalike: string;
  private readonly foreignGroup: string;
  private readonly foreignSeen = new Map<LogStream, number>();
  private updates = 0;
  private prev: TailEvent[] = [];

  /** The session's quirks, or undefined when no Live Tail quirk is on. */
  static of(qs: QuirkState | undefined, account: Account, groups: LogGroup[], names: string[] | undefined, prefixes: string[] | undefined, now: number): LiveTailQuirks | undefined {
    if (!qs) return undefined;
    const q = qs.current;
    if (q.liveTailEnd === 'off' && !q.liveTailForeignEvents && !q.liveTailResend) return undefined;
    return new LiveTailQuirks(qs, account, groups, names, prefixes, now);
  }

  private constructor(
    private readonly qs: QuirkState,
    account: Account,
    groups: LogGroup[],
    names: string[] | undefined,
    prefixes: string[] | undefined,
    now: number,
  ) {
    const q = qs.current;
    this.endAfter = q.liveTailEnd === 'off' ? undefined : q.liveTailEnd === 'firstFrame' ? 0 : q.liveTailEndAfterUpdates;
    this.endWithException = q.liveTailEnd === 'streamingException';
    this.foreign = q.liveTailForeignEvents;
    this.resend = q.liveTailResend;
    this.seed = q.seed;
    this.session = qs.nextLiveTailSession();
    this.own = new Set(groups);
    this.foreignGroup = groups.some((g) => g.name === FOREIGN_GROUP) ? `${FOREIGN_GROUP}-2` : FOREIGN_GROUP;
    const ownStreams = [...groups[0].streams.keys()].sort();
    this.lookalike = names?.[0] ?? (prefixes?.[0] !== undefined ? `${prefixes[0]}${instanceId(this.foreignGroup)}` : (ownStreams[0] ?? `AllTraffic/${instanceId(this.foreignGroup)}`));
    if (this.foreign) {
      // only what other groups get from now on is sent
      for (const g of account.logs.groups.values()) if (!this.own.has(g)) for (const s of g.streams.values()) this.foreignSeen.set(s, s.visibleLength(now));
    }
  }

  /** liveTailForeignEvents: a few lookalike `FOREIGN <n>` lines are written to another group, then everything other groups got since the previous update is returned. */
  foreignEvents(account: Account, now: number): TailEvent[] {
    if (!this.foreign) return [];
    const synth = account.logs.createStream(this.foreignGroup, this.lookalike, now);
    for (let k = 0; k < FOREIGN_PER_UPDATE; k++) synth.append(now, `FOREIGN ${this.qs.nextForeignLine()}`, now);
    const out: TailEvent[] = [];
    for (const g of account.logs.groups.values()) {
      if (this.own.has(g)) continue;
      const id = groupArn(account, g.name);
      for (const s of g.streams.values()) {
        const to = s.visibleLength(now);
        for (let i = this.foreignSeen.get(s) ?? 0; i < to; i++) out.push({ logStreamName: s.name, logGroupIdentifier: id, message: s.msg[i], timestamp: s.ts[i], ingestionTime: s.ingest[i] });
        this.foreignSeen.set(s, to);
      }
    }
    return out;
  }

  /** liveTailResend: the update's events after some or all of the previous update's (same fields). */
  withResent(out: TailEvent[]): TailEvent[] {
    if (!this.resend) return out;
    const prev = this.prev;
    this.prev = out;
    if (prev.length === 0) return out;
    const u = this.updates;
    let again = prev;
    if (rand01(this.seed, this.session, u * 2) >= 0.5) {
      again = prev.filter((_, j) => rand01(this.seed, this.session * 1_000_003 + u, j * 2 + 1) < 0.5);
      if (again.length === 0) again = [prev[prev.length - 1]];
    }
    return [...again, ...out];
  }

  /** After a sessionUpdate frame: true when the response must end now (call `finish`). */
  updateWritten(): boolean {
    this.updates++;
    return this.endAfter !== undefined && this.updates >= this.endAfter;
  }

  /** The early end: a SessionStreamingException frame ('streamingException'), then the response ends. */
  finish(res: ServerResponse): void {
    if (this.endWithException) res.write(exceptionFrame('SessionStreamingException', 'Live Tail session stream interrupted by an internal error. Start a new session.'));
  }
}
