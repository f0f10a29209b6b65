/**
 * StartLiveTail: an `application/vnd.amazon.eventstream` response. The initial-response frame and a
 * `sessionStart` event are written at once; then one `sessionUpdate` per interval with the events that
 * arrived since the previous update (≤ 500, `sampled` when more); after 3 h of simulated time a
 * SessionTimeoutException frame ends the stream. Quirk modes (early ends, foreign and re-sent events): liveTailQuirks.ts.
 */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError, invalidParam, notFound } from '../errors';
import { compileFilterPattern } from '../model/filterPattern';
import { type LogGroup, type LogStream } from '../model/logStore';
import { eventFrame, exceptionFrame, initialResponseFrame } from '../protocols/eventstream';
import type { Ctx } from './context';
import { groupArn, groupNameFromIdentifier } from './logs';
import { type Input, optStr, optStrList } from './input';
import { LiveTailQuirks, type TailEvent } from './liveTailQuirks';

export const SESSION_LIMIT_MS = 3 * 3600_000;
export const MAX_EVENTS_PER_UPDATE = 500;

export interface LiveTailConfig {
  maxSessions: number;
  updateIntervalMs: number;
  /** session limit in simulated ms (default 3 h) */
  sessionTimeoutMs?: number;
}

interface Session {
  id: string;
  timer: NodeJS.Timeout;
  res: ServerResponse;
  end(): void;
}

export class LiveTailManager {
  readonly sessions = new Set<Session>();
  constructor(public config: LiveTailConfig) {}

  get active(): number {
    return this.sessions.size;
  }

  closeAll(): void {
    for (const s of [...this.sessions]) s.end();
  }

  /** Validate (throws AwsError → plain HTTP error) and start streaming. */
  start(ctx: Ctx, input: Input, res: ServerResponse, getNow: () => number, getCtxAccount: () => Ctx['account']): void {
    const ids = optStrList(input, 'logGroupIdentifiers', invalidParam);
    if (!ids || ids.length < 1) throw invalidParam("1 validation error detected: Value null at 'logGroupIdentifiers' failed to satisfy constraint: Member must not be null");
    if (ids.length > 10) throw invalidParam("1 validation error detected: Value at 'logGroupIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 10");
    const names = optStrList(input, 'logStreamNames', invalidParam);
    const prefixes = optStrList(input, 'logStreamNamePrefixes', invalidParam);
    if (names && prefixes) throw invalidParam('You cannot specify both logStreamNames and logStreamNamePrefixes.');
    if ((names && names.length > 100) || (prefixes && prefixes.length > 100)) throw invalidParam('You can specify at most 100 log streams or log stream name prefixes.');
    if ((names || prefixes) && ids.length !== 1) throw invalidParam('logStreamNames and logStreamNamePrefixes can only be specified when logGroupIdentifiers contains a single log group.');
    const pattern = optStr(input, 'logEventFilterPattern', invalidParam);
    const match = compileFilterPattern(pattern);
    const account = ctx.account;
    const groups: { id: string; group: LogGroup }[] = ids.map((id) => {
      const g = account.logs.groups.get(groupNameFromIdentifier(String(id)));
      if (!g) throw notFound(`The specified log group does not exist: ${id}`);
      return { id: String(id).startsWith('arn:') ? String(id).replace(/:\*$/, '') : groupArn(account, g.name), group: g };
    });
    if (this.sessions.size >= this.config.maxSessions) {
      throw new AwsError('LimitExceededException', `You have exceeded the maximum number of concurrent Live Tail sessions (${this.config.maxSessions}).`);
    }
    // quirk filterIgnoresPrefix: every stream of the group
    const byPrefix = prefixes && !ctx.quirks?.current.filterIgnoresPrefix ? prefixes : undefined;
    const wanted = (s: LogStream) => (names ? names.includes(s.name) : byPrefix ? byPrefix.some((p) => s.name.startsWith(p)) : true);
    // positions at session start: only newer events are shown
    const startNow = getNow();
    account.logs.materialize(startNow);
    const seen = new Map<LogStream, number>();
    for (const { group } of groups) for (const s of group.streams.values()) if (wanted(s)) seen.set(s, s.visibleLength(startNow));
    const quirks = LiveTailQuirks.of(ctx.quirks, account, groups.map((g) => g.group), names, prefixes, startNow);

    const sessionId = randomUUID();
    res.writeHead(200, {
      'Content-Type': 'application/vnd.amazon.eventstream',
      'Transfer-Encoding': 'chunked',
      'x-amzn-RequestId': ctx.requestId,
    });
    res.write(initialResponseFrame());
    res.write(
      eventFrame('sessionStart', {
        requestId: ctx.requestId,
        sessionId,
        logGroupIdentifiers: groups.map((g) => g.id),
        logStreamNames: names ?? [],
        logStreamNamePrefixes: prefixes ?? [],
        logEventFilterPattern: pattern ?? '',
      }),
    );
    if (quirks?.endAfter === 0) {
      // quirk liveTailEnd: the session ends as soon as it started
      quirks.finish(res);
      res.end();
      return;
    }
    let ended = false;
    const session: Session = {
      id: sessionId,
      res,
      timer: setInterval(() => tick(), this.config.updateIntervalMs),
      end: () => {
        if (ended) return;
        ended = true;
        clearInterval(session.timer);
        this.sessions.delete(session);
        if (!res.writableEnded) res.end();
      },
    };
    this.sessions.add(session);
    res.on('close', () => session.end());

    const tick = () => {
      if (ended) return;
      const now = getNow();
      // a reset replaces the account: end sessions bound to the old one
      if (getCtxAccount() !== account) {
        res.write(exceptionFrame('SessionStreamingException', 'The log groups of this session no longer exist.'));
        session.end();
        return;
      }
      account.logs.materialize(now);
      const results: TailEvent[] = [];
      for (const { id, group } of groups) {
        for (const s of group.streams.values()) {
          if (!wanted(s)) continue;
          const from = seen.get(s) ?? 0;
          const to = s.visibleLength(now);
          for (let i = from; i < to; i++) {
            if (match(s.msg[i])) results.push({ logStreamName: s.name, logGroupIdentifier: id, message: s.msg[i], timestamp: s.ts[i], ingestionTime: s.ingest[i] });
          }
          seen.set(s, to);
        }
      }
      if (quirks) for (const e of quirks.foreignEvents(account, now)) results.push(e);
      results.sort((a, b) => a.timestamp - b.timestamp);
      let sampled = false;
      let out = results;
      if (results.length > MAX_EVENTS_PER_UPDATE) {
        sampled = true;
        const step = results.length / MAX_EVENTS_PER_UPDATE;
        out = Array.from({ length: MAX_EVENTS_PER_UPDATE }, (_, k) => results[Math.floor(k * step)]);
      }
      if (quirks) out = quirks.withResent(out);
      res.write(eventFrame('sessionUpdate', { sessionMetadata: { sampled }, sessionResults: out }));
      if (quirks?.updateWritten()) {
        quirks.finish(res);
        session.end();
        return;
      }
      if (now - startNow >= (this.config.sessionTimeoutMs ?? SESSION_LIMIT_MS)) {
        res.write(exceptionFrame('SessionTimeoutException', 'Session timed out after 3 hours.'));
        session.end();
      }
    };
  }
}
