import * as assert from 'node:assert/strict';
import { StartLiveTailCommand, type StartLiveTailResponseStream } from '@aws-sdk/client-cloudwatch-logs';
import { DEMO } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, rejection, startWithClients, T0, waitFor } from './helpers';

const TJ = '/aws/sagemaker/TrainingJobs';
const ARN = `arn:aws:logs:us-east-1:123456789012:log-group:${TJ}`;

describe('simulator: StartLiveTail (application/vnd.amazon.eventstream)', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients({ liveTail: { updateIntervalMs: 50 } });
  });
  after(() => destroyClients(c));

  async function next(it: AsyncIterator<StartLiveTailResponseStream>): Promise<StartLiveTailResponseStream> {
    const r = await it.next();
    assert.equal(r.done, false, 'stream ended early');
    return r.value;
  }

  it('sessionStart at once, then updates with only new matching events', async () => {
    const abort = new AbortController();
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [ARN], logStreamNamePrefixes: ['tail-test/'], logEventFilterPattern: 'loss' }), { abortSignal: abort.signal });
    assert.ok(res.responseStream);
    const it = res.responseStream[Symbol.asyncIterator]();
    const first = await next(it);
    assert.ok(first.sessionStart, JSON.stringify(first));
    assert.deepEqual(first.sessionStart?.logGroupIdentifiers, [ARN]);
    assert.deepEqual(first.sessionStart?.logStreamNamePrefixes, ['tail-test/']);
    assert.match(first.sessionStart?.sessionId ?? '', /^[0-9a-f-]{36}$/);
    await c.sim.control.appendLogEvents(TJ, 'tail-test/algo-1-1', [
      { timestamp: T0, message: 'step 1 loss=0.5' },
      { timestamp: T0 + 1, message: 'no match here' },
    ]);
    await c.sim.control.appendLogEvents(TJ, 'other/algo-1-1', [{ timestamp: T0 + 2, message: 'loss=0.1 other prefix' }]);
    const got = await waitFor(async () => {
      const u = await next(it);
      assert.ok(u.sessionUpdate, JSON.stringify(u));
      return u.sessionUpdate?.sessionResults?.length ? u.sessionUpdate : undefined;
    }, 5000, 'a sessionUpdate with events');
    assert.equal(got.sessionMetadata?.sampled, false);
    assert.deepEqual(got.sessionResults?.map((e) => [e.logStreamName, e.message, e.timestamp, e.logGroupIdentifier]), [['tail-test/algo-1-1', 'step 1 loss=0.5', T0, ARN]]);
    abort.abort();
    await waitFor(async () => (await c.sim.control.health()).liveTailSessions === 0, 5000, 'the session to end');
  });

  it('more than 500 new events in an update are sampled', async () => {
    const abort = new AbortController();
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [TJ], logStreamNames: ['burst/algo-1-1'] }), { abortSignal: abort.signal });
    const it = (res.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
    assert.ok((await next(it)).sessionStart);
    await c.sim.control.appendLogEvents(TJ, 'burst/algo-1-1', Array.from({ length: 1200 }, (_, i) => ({ timestamp: T0 + i, message: `e${i}` })));
    const u = await waitFor(async () => {
      const x = await next(it);
      return x.sessionUpdate?.sessionResults?.length ? x.sessionUpdate : undefined;
    }, 5000, 'update');
    assert.equal(u.sessionResults?.length, 500);
    assert.equal(u.sessionMetadata?.sampled, true);
    abort.abort();
  });

  it('the demo live job streams new lines while the clock runs', async () => {
    const abort = new AbortController();
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [TJ], logStreamNamePrefixes: [`${DEMO.jobs.inProgress}/`] }), { abortSignal: abort.signal });
    const it = (res.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
    assert.ok((await next(it)).sessionStart);
    await c.sim.control.advanceClock(30_000);
    const u = await waitFor(async () => {
      const x = await next(it);
      return x.sessionUpdate?.sessionResults?.length ? x.sessionUpdate : undefined;
    }, 5000, 'update');
    assert.ok((u.sessionResults?.length ?? 0) >= 4);
    assert.equal(new Set(u.sessionResults?.map((r) => r.logStreamName)).size, 4);
    abort.abort();
  });

  it('the session ends with SessionTimeoutException after 3 h of simulated time', async () => {
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [TJ], logStreamNames: ['quiet'] }));
    const it = (res.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
    assert.ok((await next(it)).sessionStart);
    await c.sim.control.advanceClock(3 * 3600_000);
    const err = await waitFor(async () => {
      try {
        const r = await it.next();
        if (r.done) throw new Error('ended without an exception frame');
        return undefined;
      } catch (e) {
        return e as Error;
      }
    }, 5000, 'timeout');
    assert.equal(err.name, 'SessionTimeoutException');
    await c.sim.control.reset();
  });

  it('a reset fault breaks the stream after sessionStart', async () => {
    await c.sim.control.injectFault({ operation: 'StartLiveTail', type: 'reset', count: 1 });
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [TJ] }));
    const it = (res.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
    assert.ok((await next(it)).sessionStart);
    const err = await waitFor(async () => {
      try {
        const r = await it.next();
        return r.done ? new Error('ended') : undefined;
      } catch (e) {
        return e as Error;
      }
    }, 5000, 'the stream to break');
    assert.ok(err instanceof Error);
    await waitFor(async () => (await c.sim.control.health()).liveTailSessions === 0, 5000, 'the session to end');
  });

  it('LimitExceededException: configured session limit and injected fault; unknown group', async () => {
    await c.sim.control.setLiveTail({ maxSessions: 1 });
    const abort = new AbortController();
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [TJ] }), { abortSignal: abort.signal });
    const it = (res.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
    assert.ok((await next(it)).sessionStart);
    const err = await rejection(c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [TJ] })));
    assert.equal(err.name, 'LimitExceededException');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    abort.abort();
    await waitFor(async () => (await c.sim.control.health()).liveTailSessions === 0, 5000, 'the session to end');
    await c.sim.control.setLiveTail({ maxSessions: 15 });
    await c.sim.control.injectFault({ operation: 'StartLiveTail', type: 'liveTailLimit', count: 1 });
    const injected = await rejection(c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [TJ] })));
    assert.equal(injected.name, 'LimitExceededException');
    const nf = await rejection(c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['/no/such/group'] })));
    assert.equal(nf.name, 'ResourceNotFoundException');
  });
});
