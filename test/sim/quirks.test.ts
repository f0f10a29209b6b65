/** Quirk modes: each misbehaviour happens (real SDK v3 clients over HTTP), the control API and CLI flag, and all off = the old behaviour. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type LiveTailSessionLogEvent,
  StartLiveTailCommand,
  type StartLiveTailCommandInput,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { ALL_QUIRKS, NO_QUIRKS, parseQuirksFlag } from '../../sim/src/quirks';
import { type Clients, destroyClients, startWithClients, T0, waitFor } from './helpers';

const TJ = '/aws/sagemaker/TrainingJobs';
const arn = (group: string) => `arn:aws:logs:us-east-1:123456789012:log-group:${group}`;
const CLI = resolve(__dirname, '..', '..', 'sim', 'src', 'cli.js');

interface Tail {
  frames: StartLiveTailResponseStream[];
  /** the response stream finished cleanly */
  done: boolean;
  error?: Error & { name: string };
}

/** Starts a Live Tail session and reads frames until the stream ends or fails, `until` says enough, or `ms` pass. */
async function tail(c: Clients, input: StartLiveTailCommandInput, opts: { ms: number; until?: (frames: StartLiveTailResponseStream[]) => boolean; during?: () => Promise<void> }): Promise<Tail> {
  const abort = new AbortController();
  const res = await c.logs.send(new StartLiveTailCommand(input), { abortSignal: abort.signal });
  const it = (res.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
  const out: Tail = { frames: [], done: false };
  const deadline = Date.now() + opts.ms;
  let during = false;
  try {
    for (;;) {
      const p = it.next();
      p.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now()))));
      let r: IteratorResult<StartLiveTailResponseStream> | 'timeout';
      try {
        r = await Promise.race([p, timeout]);
      } catch (e) {
        out.error = e as Tail['error'];
        return out;
      } finally {
        clearTimeout(timer);
      }
      if (r === 'timeout') return out;
      if (r.done) {
        out.done = true;
        return out;
      }
      out.frames.push(r.value);
      if (!during && opts.during && r.value.sessionStart) {
        during = true;
        await opts.during();
      }
      if (opts.until?.(out.frames)) return out;
    }
  } finally {
    abort.abort();
  }
}

const updates = (t: Tail) => t.frames.filter((f) => f.sessionUpdate).map((f) => f.sessionUpdate?.sessionResults ?? []);
const results = (t: Tail): LiveTailSessionLogEvent[] => updates(t).flat();

describe('simulator: quirk modes', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients({ liveTail: { updateIntervalMs: 50 } });
  });
  after(() => destroyClients(c));
  before(() => c.sim.control.appendLogEvents('pages-group', 's', Array.from({ length: 200 }, (_, i) => ({ timestamp: T0 - 100_000 + i, message: `e${i}` }))));
  afterEach(async () => {
    await c.sim.control.clearQuirks();
    await waitFor(async () => (await c.sim.control.health()).liveTailSessions === 0, 5000, 'Live Tail sessions to end');
  });

  async function readAll(group: string, stream: string, limit: number) {
    const pages: { sent?: string; events: { timestamp?: number; message?: string }[]; next: string }[] = [];
    let token: string | undefined;
    for (let calls = 0; calls < 500; calls++) {
      const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, limit, nextToken: token }));
      const events = (r.events ?? []).map((e) => ({ timestamp: e.timestamp, message: e.message }));
      pages.push({ sent: token, events, next: r.nextForwardToken as string });
      if (r.nextForwardToken === token && events.length === 0) return pages;
      token = r.nextForwardToken;
    }
    throw new Error('GetLogEvents paging did not end');
  }

  const pos = (token: string | undefined) => (token === undefined ? 0 : Number(/^f\/(\d+)\//.exec(token)?.[1]));

  it('liveTailEnd=firstFrame: the response stream finishes cleanly right after sessionStart', async () => {
    await c.sim.control.setQuirks({ liveTailEnd: 'firstFrame' });
    const t = await tail(c, { logGroupIdentifiers: [TJ] }, { ms: 2000 });
    assert.equal(t.error, undefined);
    assert.equal(t.done, true, 'the stream should have ended');
    assert.equal(t.frames.length, 1);
    assert.ok(t.frames[0].sessionStart);
  });

  it('liveTailEnd=afterUpdates: ends cleanly after N sessionUpdates; streamingException: an exception frame after N', async () => {
    await c.sim.control.setQuirks({ liveTailEnd: 'afterUpdates', liveTailEndAfterUpdates: 2 });
    const t = await tail(c, { logGroupIdentifiers: [TJ] }, { ms: 3000 });
    assert.equal(t.error, undefined);
    assert.equal(t.done, true, 'the stream should have ended');
    assert.deepEqual(t.frames.map((f) => Object.keys(f).find((k) => k !== '$unknown')), ['sessionStart', 'sessionUpdate', 'sessionUpdate']);
    await c.sim.control.setQuirks({ liveTailEnd: 'streamingException', liveTailEndAfterUpdates: 1 });
    const x = await tail(c, { logGroupIdentifiers: [TJ] }, { ms: 3000 });
    assert.equal(x.error?.name, 'SessionStreamingException');
    assert.equal(x.frames.length, 2);
    assert.ok(x.frames[1].sessionUpdate);
  });

  it('liveTailForeignEvents: updates carry other groups\' events with their own identifier, and lookalike FOREIGN lines', async () => {
    await c.sim.control.setQuirks({ liveTailForeignEvents: true });
    const t = await tail(c, { logGroupIdentifiers: [arn(TJ)], logStreamNamePrefixes: ['fx/'] }, {
      ms: 5000,
      during: async () => {
        await c.sim.control.appendLogEvents(TJ, 'fx/algo-1-1', [{ timestamp: T0 - 10, message: 'own line' }]);
        await c.sim.control.appendLogEvents('/other/app', 'web-1', [{ timestamp: T0 - 5, message: 'other line' }]);
      },
      until: (f) => {
        const m = f.flatMap((x) => x.sessionUpdate?.sessionResults ?? []).map((e) => e.message);
        return m.includes('own line') && m.includes('other line') && m.some((s) => s?.startsWith('FOREIGN '));
      },
    });
    const all = results(t);
    const own = all.find((e) => e.message === 'own line');
    assert.deepEqual([own?.logGroupIdentifier, own?.logStreamName], [arn(TJ), 'fx/algo-1-1']);
    const other = all.find((e) => e.message === 'other line');
    assert.deepEqual([other?.logGroupIdentifier, other?.logStreamName, other?.timestamp], [arn('/other/app'), 'web-1', T0 - 5]);
    const foreign = all.filter((e) => /^FOREIGN \d+$/.test(e.message ?? ''));
    assert.ok(foreign.length >= 2, JSON.stringify(all));
    for (const e of foreign) {
      assert.equal(e.logGroupIdentifier, arn('/aws/sagemaker/Endpoints/quirk-other-endpoint'));
      assert.match(e.logStreamName ?? '', /^fx\/i-0[0-9a-f]{16}$/, 'a stream name that looks like the session\'s');
    }
  });

  it('liveTailResend: an update re-sends events of the previous one (same fields)', async () => {
    await c.sim.control.setQuirks({ liveTailResend: true, seed: 3 });
    const t = await tail(c, { logGroupIdentifiers: [TJ], logStreamNames: ['rs/a'] }, {
      ms: 5000,
      during: () => c.sim.control.appendLogEvents(TJ, 'rs/a', [{ timestamp: T0 - 2, message: 'r1' }, { timestamp: T0 - 1, message: 'r2' }]).then(() => undefined),
      until: (f) => f.filter((x) => x.sessionUpdate?.sessionResults?.some((e) => e.message === 'r1' || e.message === 'r2')).length >= 2,
    });
    const ups = updates(t);
    const first = ups.findIndex((u) => u.length > 0);
    assert.deepEqual(ups[first].map((e) => e.message), ['r1', 'r2']);
    const again = ups[first + 1];
    assert.ok(again.length > 0, 'the next update re-sends');
    for (const e of again) assert.deepEqual(e, ups[first].find((x) => x.message === e.message));
  });

  it('filterIgnoresPrefix: FilterLogEvents and StartLiveTail return events of every stream of the group', async () => {
    const g = 'prefix-group';
    await c.sim.control.appendLogEvents(g, 'a/1', [{ timestamp: T0 - 20, message: 'in a' }]);
    await c.sim.control.appendLogEvents(g, 'b/1', [{ timestamp: T0 - 10, message: 'in b' }]);
    const filter = async () => ((await c.logs.send(new FilterLogEventsCommand({ logGroupName: g, logStreamNamePrefix: 'a/' }))).events ?? []).map((e) => [e.logStreamName, e.message]);
    assert.deepEqual(await filter(), [['a/1', 'in a']]);
    await c.sim.control.setQuirks({ filterIgnoresPrefix: true });
    assert.deepEqual(await filter(), [['a/1', 'in a'], ['b/1', 'in b']]);
    const t = await tail(c, { logGroupIdentifiers: [g], logStreamNamePrefixes: ['a/'] }, {
      ms: 5000,
      during: () => c.sim.control.appendLogEvents(g, 'b/1', [{ timestamp: T0, message: 'live b' }]).then(() => undefined),
      until: (f) => f.some((x) => x.sessionUpdate?.sessionResults?.length),
    });
    assert.deepEqual(results(t).map((e) => [e.logStreamName, e.message]), [['b/1', 'live b']]);
  });

  it('ingestionDelayMs: an appended event is readable only later (original timestamp), in every reader', async () => {
    await c.sim.control.setQuirks({ ingestionDelayMs: 15_000, seed: 1 });
    const g = 'delay-group';
    const now = await c.sim.control.now();
    await c.sim.control.appendLogEvents(g, 'd/0', [{ timestamp: now - 1000, message: 'late' }]);
    const get = async () => (await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 'd/0', startFromHead: true }))).events ?? [];
    const describe = async () => (await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: g, logStreamNamePrefix: 'd/' }))).logStreams?.[0];
    assert.deepEqual(await get(), []);
    assert.deepEqual((await c.logs.send(new FilterLogEventsCommand({ logGroupName: g }))).events, []);
    assert.equal((await describe())?.lastEventTimestamp, undefined);
    // a Live Tail session does not get it either until the clock passes the delay
    const t = await tail(c, { logGroupIdentifiers: [g] }, {
      ms: 5000,
      during: async () => {
        await c.sim.control.appendLogEvents(g, 'd/1', [{ timestamp: now, message: 'tailed' }]);
        // ~6 updates go by with the clock frozen: it stays hidden
        await new Promise((r) => setTimeout(r, 300));
        await c.sim.control.advanceClock(15_001);
      },
      until: (f) => f.some((x) => x.sessionUpdate?.sessionResults?.length),
    });
    // 'late' was hidden when the session started, so the session gets it too once it is readable
    assert.deepEqual(results(t).map((e) => [e.message, e.timestamp]), [['late', now - 1000], ['tailed', now]]);
    assert.ok(updates(t).findIndex((u) => u.length > 0) >= 3, 'several empty updates came first');
    assert.deepEqual((await get()).map((e) => [e.message, e.timestamp]), [['late', now - 1000]]);
    const d = await describe();
    assert.equal(d?.lastEventTimestamp, now - 1000);
    assert.equal(d?.firstEventTimestamp, now - 1000);
  });

  it('ingestionDelayMs: later reads return events older than ones already returned; per stream, write order holds', async () => {
    await c.sim.control.setQuirks({ ingestionDelayMs: 15_000, seed: 2 });
    const g = 'delay-order-group';
    const now = await c.sim.control.now();
    for (let k = 0; k < 8; k++) await c.sim.control.appendLogEvents(g, `x/${k}`, [{ timestamp: now - 60_000 + k * 10, message: `x${k}` }]);
    const written: string[] = [];
    for (let b = 0; b < 10; b++) {
      const batch = [0, 1, 2].map((j) => ({ timestamp: now - 30_000 + b * 100 + j, message: `m${b}.${j}` }));
      await c.sim.control.appendLogEvents(g, 'm/0', batch);
      written.push(...batch.map((e) => e.message));
      await c.sim.control.advanceClock(300);
    }
    const seen: { message: string; timestamp: number }[] = [];
    let partial = false;
    for (let step = 0; step < 40; step++) {
      const r = await c.logs.send(new FilterLogEventsCommand({ logGroupName: g, logStreamNamePrefix: 'x/' }));
      for (const e of r.events ?? []) if (!seen.some((s) => s.message === e.message)) seen.push({ message: e.message as string, timestamp: e.timestamp as number });
      const m = ((await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 'm/0', startFromHead: true }))).events ?? []).map((e) => e.message);
      assert.deepEqual(m, written.slice(0, m.length), 'a stream becomes readable in write order');
      if (m.length > 0 && m.length < written.length) partial = true;
      await c.sim.control.advanceClock(500);
    }
    assert.equal(seen.length, 8);
    for (const e of seen) assert.equal(e.timestamp, now - 60_000 + Number(e.message.slice(1)) * 10, 'original timestamps');
    assert.ok(seen.some((e, i) => seen.slice(0, i).some((p) => p.timestamp > e.timestamp)), `an older event came after a newer one: ${seen.map((e) => e.message).join(' ')}`);
    assert.ok(partial, 'the stream was partly readable at some point');
    // switched off: whatever is still hidden becomes readable at once
    await c.sim.control.setQuirks({ ingestionDelayMs: 15_000 });
    await c.sim.control.appendLogEvents(g, 'z/0', [{ timestamp: now, message: 'z' }]);
    const z = async () => ((await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 'z/0', startFromHead: true }))).events ?? []).length;
    assert.equal(await z(), 0);
    await c.sim.control.setQuirks({ ingestionDelayMs: 0 });
    assert.equal(await z(), 1);
  });

  it('getEventsEmptyPages: empty pages with a changed token at the same position come before the end; paging on reaches every event', async () => {
    const g = 'pages-group';
    await c.sim.control.setQuirks({ getEventsEmptyPages: true, seed: 11 });
    const pages = await readAll(g, 's', 10);
    const empties = pages.slice(0, -1).filter((p) => p.events.length === 0);
    assert.ok(empties.length >= 1, 'some empty pages before the end');
    for (const p of empties) {
      assert.notEqual(p.next, p.sent);
      assert.match(p.next, /^f\/\d{56}\/e\d+$/);
      assert.equal(pos(p.next), pos(p.sent), 'same position');
    }
    assert.deepEqual(pages.flatMap((p) => p.events.map((e) => e.message)), Array.from({ length: 200 }, (_, i) => `e${i}`));
    // the same request gets the same answer
    const again = await c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', startFromHead: true, limit: 10, nextToken: empties[0].sent }));
    assert.equal(again.nextForwardToken, empties[0].next);
  });

  it('getEventsRepeatToken: a page\'s token does not advance, and reading on with it re-sends the same events', async () => {
    const g = 'pages-group';
    await c.sim.control.setQuirks({ getEventsRepeatToken: true, seed: 5 });
    const pages = await readAll(g, 's', 10);
    const repeats = pages.filter((p) => p.events.length > 0 && pos(p.next) === pos(p.sent));
    assert.ok(repeats.length >= 1, 'some tokens did not advance');
    for (const p of repeats) {
      if (p.sent !== undefined) assert.equal(p.next, p.sent, 'the same token back');
      const next = pages[pages.indexOf(p) + 1];
      assert.equal(next.sent, p.next);
      assert.deepEqual(next.events, p.events, 'the next read re-sends the page');
    }
    const messages = pages.flatMap((p) => p.events.map((e) => e.message as string));
    assert.ok(messages.length > 200, 'some events came twice');
    assert.deepEqual([...new Set(messages)], Array.from({ length: 200 }, (_, i) => `e${i}`));
  });

  it('getEventsRangeTokens: a token got with startTime counts within the range, so used without it, it points back', async () => {
    const g = 'pages-group';
    const read = (extra: { startTime?: number; nextToken?: string }) => c.logs.send(new GetLogEventsCommand({ logGroupName: g, logStreamName: 's', startFromHead: true, limit: 10, ...extra }));
    const polite = await read({ startTime: T0 - 100_000 + 150 });
    assert.deepEqual((await read({ nextToken: polite.nextForwardToken })).events?.map((e) => e.message)[0], 'e160');
    await c.sim.control.setQuirks({ getEventsRangeTokens: true });
    const first = await read({ startTime: T0 - 100_000 + 150 });
    assert.deepEqual(first.events?.map((e) => e.message)[0], 'e150');
    // With the same range the token goes on; without it, the same token is position 10 of the whole stream.
    assert.equal((await read({ startTime: T0 - 100_000 + 150, nextToken: first.nextForwardToken })).events?.[0].message, 'e160');
    assert.equal((await read({ nextToken: first.nextForwardToken })).events?.[0].message, 'e10');
  });

  it('all quirks off (after `all` was on) = the old behaviour', async () => {
    await c.sim.control.setQuirks({ ...ALL_QUIRKS, liveTailEndAfterUpdates: 1 });
    await c.sim.control.appendLogEvents('off-group', 'a/1', [{ timestamp: T0 - 5, message: 'hidden while delayed' }]);
    await c.sim.control.clearQuirks();
    assert.deepEqual(await c.sim.control.quirks(), NO_QUIRKS);
    const pages = await readAll('pages-group', 's', 10);
    assert.equal(pages.length, 21);
    for (const p of pages.slice(0, -1)) {
      assert.equal(p.events.length, 10);
      assert.equal(pos(p.next), pos(p.sent) + 10);
      assert.match(p.next, /\/s$/);
    }
    await c.sim.control.appendLogEvents('off-group', 'b/1', [{ timestamp: T0 - 1, message: 'b' }]);
    const f = await c.logs.send(new FilterLogEventsCommand({ logGroupName: 'off-group', logStreamNamePrefix: 'a/' }));
    assert.deepEqual(f.events?.map((e) => e.message), ['hidden while delayed']);
    const t = await tail(c, { logGroupIdentifiers: ['off-group'], logStreamNamePrefixes: ['a/'] }, {
      ms: 5000,
      during: () => c.sim.control.appendLogEvents('off-group', 'a/1', [{ timestamp: T0, message: 'live' }]).then(() => undefined),
      until: (fr) => fr.filter((x) => x.sessionUpdate).length >= 6,
    });
    assert.equal(t.done, false);
    assert.equal(t.error, undefined);
    assert.deepEqual(results(t).map((e) => [e.logGroupIdentifier, e.message]), [[arn('off-group'), 'live']]);
  });

  it('control API: GET/POST/DELETE /_sim/quirks, validation (400), reset back to the start options', async () => {
    assert.deepEqual(await c.sim.control.quirks(), NO_QUIRKS);
    const merged = await c.sim.control.setQuirks({ getEventsEmptyPages: true, seed: 4 });
    assert.deepEqual(merged, { ...NO_QUIRKS, getEventsEmptyPages: true, seed: 4 });
    assert.deepEqual(await c.sim.control.setQuirks({ liveTailEnd: 'streamingException' }), { ...merged, liveTailEnd: 'streamingException' });
    const post = (body: unknown) => fetch(`${c.sim.url}/_sim/quirks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const [body, msg] of [
      [{ bogus: true }, /unknown quirk 'bogus'/],
      [{ liveTailEnd: 'sometimes' }, /liveTailEnd.*one of off, firstFrame, afterUpdates, streamingException/],
      [{ ingestionDelayMs: -1 }, /ingestionDelayMs/],
      [{ ingestionDelayMs: '15000' }, /ingestionDelayMs/],
      [{ getEventsRepeatToken: 'yes' }, /getEventsRepeatToken' must be true or false/],
      [{ liveTailEndAfterUpdates: 1.5 }, /liveTailEndAfterUpdates/],
      [[1], /JSON object/],
    ] as const) {
      const res = await post(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(((await res.json()) as { error: string }).error, msg);
    }
    await assert.rejects(c.sim.control.setQuirks({ nope: 1 } as never), /400 unknown quirk 'nope'/);
    assert.equal((await c.sim.control.quirks()).liveTailEnd, 'streamingException', 'a rejected POST changes nothing');
    assert.deepEqual(await c.sim.control.setQuirks({ liveTailEnd: null } as never), merged, 'null = the default');
    await c.sim.control.clearQuirks();
    assert.deepEqual(await c.sim.control.quirks(), NO_QUIRKS);
    const other = await startWithClients({ scenario: 'empty', quirks: { filterIgnoresPrefix: true } });
    try {
      await other.sim.control.setQuirks({ ingestionDelayMs: 100 });
      await other.sim.control.reset();
      assert.deepEqual(await other.sim.control.quirks(), { ...NO_QUIRKS, filterIgnoresPrefix: true });
    } finally {
      await destroyClients(other);
    }
  });

  it('CLI: --quirks name[=value],… and all', async () => {
    assert.deepEqual(parseQuirksFlag('all'), { ...ALL_QUIRKS });
    assert.deepEqual(parseQuirksFlag('all,seed=7,liveTailEnd=firstFrame,liveTailResend=false'), { ...ALL_QUIRKS, seed: 7, liveTailEnd: 'firstFrame', liveTailResend: false });
    assert.deepEqual(parseQuirksFlag('filterIgnoresPrefix, ingestionDelayMs=500'), { filterIgnoresPrefix: true, ingestionDelayMs: 500 });
    assert.deepEqual(parseQuirksFlag('liveTailEnd,ingestionDelayMs'), { liveTailEnd: 'afterUpdates', ingestionDelayMs: 15_000 });
    assert.throws(() => parseQuirksFlag('nope'), /unknown quirk 'nope'/);
    assert.throws(() => parseQuirksFlag('seed'), /needs a value/);
    assert.throws(() => parseQuirksFlag('ingestionDelayMs=soon'), /ingestionDelayMs/);

    const child = spawn(process.execPath, [CLI, '--port', '0', '--speed', '0', '--quirks', 'getEventsEmptyPages,liveTailEnd=streamingException,seed=9'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const url = await waitFor(() => /^export AWS_ENDPOINT_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1], 10_000, 'the CLI banner');
      assert.deepEqual(await (await fetch(`${url}/_sim/quirks`)).json(), { ...NO_QUIRKS, getEventsEmptyPages: true, liveTailEnd: 'streamingException', seed: 9 });
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);

    const bad = spawn(process.execPath, [CLI, '--port', '0', '--quirks', 'bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
    assert.equal(await new Promise<number | null>((r) => bad.on('exit', (code) => r(code))), 1);
    assert.match(err, /unknown quirk 'bogus'/);
    const help = spawn(process.execPath, [CLI, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let usage = '';
    help.stdout.on('data', (d: Buffer) => (usage += d.toString()));
    await new Promise((r) => help.on('exit', r));
    assert.match(usage, /--quirks name\[=value\]/);
  });
});
