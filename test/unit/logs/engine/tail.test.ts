import * as assert from 'node:assert/strict';
import { RequestBudget } from '../../../../src/logs/engine/budget';
import type { TailSpec } from '../../../../src/logs/engine/spec';
import type { TrainingJobState } from '../../../../src/shared/logs/source';
import { streamQuery } from '../../../../src/logs/engine/events';
import { FakeClock, FakeError, FakeLiveLogs, FakeLogs, collectTail, messagesOf } from './fakes';

const JOB = 'job';
const s1 = `${JOB}/algo-1-100`;
const s2 = `${JOB}/algo-2-100`;

function spec(over: Partial<TailSpec> = {}): TailSpec {
  return { query: streamQuery({ kind: 'trainingJob', trainingJobName: JOB }), backfillLines: 5, follow: true, pollIntervalMs: 2000, discoverIntervalMs: 6000, ...over };
}

const collect = collectTail;
const messages = messagesOf;

describe('logs/engine: backfill then follow (fake clock, fake Logs)', () => {
  it('backfills exactly the last N lines over all hosts, interleaved by time', async () => {
    const logs = new FakeLogs();
    for (let i = 0; i < 10; i++) {
      logs.append(s1, { timestamp: 1000 + i * 2, message: `h1-${i}` });
      logs.append(s2, { timestamp: 1001 + i * 2, message: `h2-${i}` });
    }
    const all = await collect(logs, new FakeClock(), spec({ follow: false }), () => false);
    assert.deepEqual(messages(all), ['h2-7', 'h1-8', 'h2-8', 'h1-9', 'h2-9']);
    assert.equal(all.at(-1)?.kind, 'ended');
  });

  it('reads a fixed window from–to across pages and does not follow', async () => {
    const logs = new FakeLogs();
    logs.append(s1, ...Array.from({ length: 20 }, (_, i) => ({ timestamp: 1000 + i, message: `m${i}` })));
    const all = await collect(logs, new FakeClock(), spec({ startTime: 1005, endTime: 1015, follow: false }), () => false);
    assert.deepEqual(messages(all), Array.from({ length: 10 }, (_, i) => `m${i + 5}`));
  });

  it('follows appended events, picks up a restarted host, loses and repeats nothing under faults', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: 1, message: 'old' });
    let written = 0;
    const total = 300;
    // Every read lets the job write a line or two; a third host appears halfway (a restart).
    logs.afterRead = () => {
      if (written < total) {
        const stream = written > total / 2 && written % 3 === 0 ? `${JOB}/algo-1-200` : written % 2 ? s1 : s2;
        logs.append(stream, { timestamp: 10 + written, message: `line ${written}` });
        written++;
      }
    };
    // A seeded pseudo-random sequence: about 25 % throttled and 15 % failed reads.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    logs.fault = (op) => {
      const r = random();
      if (op === 'getEvents' && r < 0.25) throw new FakeError('throttled');
      if (op === 'getEvents' && r < 0.4) throw new FakeError('serverError');
    };
    const all = await collect(logs, clock, spec({ backfillLines: 1 }), (u) => messages(u).length >= total + 1 && written >= total);
    const got = messages(all);
    assert.equal(new Set(got).size, got.length, 'no duplicates');
    assert.deepEqual([...got].sort(), ['old', ...Array.from({ length: total }, (_, i) => `line ${i}`)].sort());
    assert.ok(all.some((u) => u.kind === 'backoff' && u.backingOff), 'reports backing off');
  });

  /** A job tail that writes a line, then `change` happens to the job with a last line written: what the tail reported. */
  async function jobEnding(change: (logs: FakeLogs) => void): Promise<string[]> {
    const logs = new FakeLogs();
    logs.append(s1, { timestamp: 1, message: 'starting' });
    const all = await collect(logs, new FakeClock(), spec({ trainingJobName: JOB, statusIntervalMs: 4000 }), (u) => {
      if (u.length === 2) {
        logs.append(s1, { timestamp: 2, message: 'last words' });
        change(logs);
      }
      return false;
    });
    return all.filter((u) => u.kind !== 'mode').map((u) => (u.kind === 'status' ? `status ${u.text}` : u.kind === 'events' ? u.events.map((e) => e.message).join(',') : u.kind === 'ended' ? `ended: ${u.reason}` : u.kind));
  }

  it('appends status transitions and ends after a final flush when the job ends', async () => {
    const text = await jobEnding((logs) => {
      logs.job = {
        status: 'Failed',
        failureReason: 'AlgorithmError: boom',
        transitions: [
          { status: 'Training', message: 'Training in progress' },
          { status: 'Failed', message: 'Training job failed' },
        ],
      };
    });
    assert.deepEqual(text, ['starting', 'status Training: Training in progress', 'last words', 'status Failed: Training job failed', 'status Training job Failed: AlgorithmError: boom', 'ended: the training job has ended']);
  });

  it('ends a processing or transform job tail after a final flush when the job ends (its status only)', async () => {
    class JobLogs extends FakeLogs {
      kinds: string[] = [];
      async jobState(kind: 'processing' | 'transform'): Promise<TrainingJobState> {
        this.kinds.push(kind);
        return { status: this.job.status, ...(this.job.failureReason ? { failureReason: this.job.failureReason } : {}), transitions: [] };
      }
    }
    const logs = new JobLogs();
    logs.append(s1, { timestamp: 1, message: 'starting' });
    const all = await collect(logs, new FakeClock(), spec({ job: { kind: 'processing', name: JOB }, statusIntervalMs: 4000 }), (u) => {
      if (u.length === 1) {
        logs.append(s1, { timestamp: 2, message: 'last words' });
        logs.job = { status: 'Failed', failureReason: "KeyError: 'churned'", transitions: [] };
      }
      return false;
    });
    const text = all.filter((u) => u.kind !== 'mode').map((u) => (u.kind === 'status' ? `status ${u.text}` : u.kind === 'events' ? u.events.map((e) => e.message).join(',') : u.kind === 'ended' ? `ended: ${u.reason}` : u.kind));
    // Seen ended at the first look after the backfill: the status, then a last read of the streams, then the end.
    assert.deepEqual(text, ['starting', "status Processing job Failed: KeyError: 'churned'", 'last words', 'ended: the processing job has ended']);
    assert.ok(logs.kinds.length >= 1 && logs.kinds.every((k) => k === 'processing'));
    assert.equal(logs.calls.trainingJob, 0, 'not read as a training job');
  });

  it('ends with a line saying so when the training job no longer exists, after a last read of its streams', async () => {
    const text = await jobEnding((logs) => {
      logs.fault = (op) => {
        if (op === 'trainingJob') throw new FakeError('notFound');
      };
    });
    assert.deepEqual(text, ['starting', 'status Training: Training in progress', 'last words', `status Training job ${JOB} no longer exists; CloudWatch keeps its logs`, 'ended: the training job no longer exists']);
  });

  it('says once that it waits for a new sign-in while the credentials are expired, and once that it resumed; nothing lost or repeated', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: 1, message: 'line 0' });
    let n = 1;
    logs.afterRead = () => {
      if (n < 40) logs.append(n % 2 ? s1 : s2, { timestamp: 1 + n, message: `line ${n++}` });
    };
    let expiredUntil = 0;
    logs.fault = (op) => {
      if (op !== 'trainingJob' && clock.now() < expiredUntil) throw Object.assign(new FakeError('expiredCredentials'), { message: 'The security token included in the request is expired' });
    };
    const all = await collect(logs, clock, spec({ backfillLines: 1 }), (u) => {
      if (n === 10 && expiredUntil === 0) {
        // Two minutes without valid credentials, then a new sign-in.
        expiredUntil = clock.now() + 120_000;
      }
      return messagesOf(u).length >= 40;
    });
    const notices = all.flatMap((u) => (u.kind === 'notice' ? [u.text] : []));
    assert.deepEqual(notices, ['Waiting for a new sign-in: The security token included in the request is expired. The tail resumes where it stopped once the credentials are valid again.', 'Signed in again: the tail resumed where it stopped.']);
    assert.deepEqual(messagesOf(all), Array.from({ length: 40 }, (_, i) => `line ${i}`));
  });

  it('waits for a new sign-in by polling when Live Tail is refused for expired credentials, then goes back to Live Tail', async () => {
    const logs = new FakeLiveLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: 1, message: 'backfilled' });
    logs.refuse = 'expiredCredentials';
    let signedInAt: number | undefined;
    const all = await collect(logs, clock, spec({ liveTail: true }), (u) => {
      const last = u.at(-1);
      if (last?.kind === 'notice' && /Waiting for a new sign-in/.test(last.text)) {
        // Polls fail too until the user signs in, a minute later.
        logs.fault = () => {
          if (signedInAt === undefined || clock.now() < signedInAt) throw new FakeError('expiredCredentials');
        };
        signedInAt = clock.now() + 60_000;
      }
      if (last?.kind === 'notice' && /Signed in again/.test(last.text)) {
        logs.refuse = undefined;
      }
      return last?.kind === 'mode' && last.mode === 'liveTail';
    });
    const kinds = all.filter((u) => u.kind === 'notice' || u.kind === 'mode').map((u) => (u.kind === 'notice' ? u.text.split(':')[0] : `mode ${u.kind === 'mode' ? u.mode : ''}`));
    assert.deepEqual(kinds, ['Waiting for a new sign-in', 'mode polling', 'Signed in again', 'mode liveTail']);
    assert.equal(logs.sessions, 1);
    assert.deepEqual(messagesOf(all), ['backfilled']);
  });

  it('shares one budget: two tails together stay under its rate', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    for (let h = 1; h <= 4; h++) logs.append(`${JOB}/algo-${h}-1`, { timestamp: 1, message: `h${h}` });
    let i = 0;
    logs.afterRead = () => logs.append(`${JOB}/algo-1-1`, { timestamp: 2 + i, message: `more ${i++}` });
    const budget = new RequestBudget(5, 5, clock);
    const t0 = clock.now();
    let polls = 0;
    // Per-stream polling (one GetLogEvents per host a round): the rate that needs a shared budget most.
    await Promise.all([
      collect(logs, clock, spec({ mergedPolling: false }), () => ++polls > 50, budget),
      collect(logs, clock, spec({ mergedPolling: false }), () => ++polls > 50, budget),
    ]);
    const seconds = (clock.now() - t0) / 1000;
    assert.ok(logs.calls.getEvents + logs.calls.listStreams <= 5 * seconds + 5, `${logs.calls.getEvents} requests in ${seconds} s`);
  });

  it('follows with Live Tail; a sampled update is not shown: polling reads every line, in order, each once', async () => {
    const logs = new FakeLiveLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: 1, message: 'backfilled' });
    const all = await collect(logs, clock, spec({ liveTail: true }), (u) => {
      const last = u.at(-1);
      if (last?.kind === 'mode' && last.mode === 'liveTail' && !last.sampled) {
        // After the catch-up read that follows the session start, the job writes three lines; Live Tail samples.
        logs.afterRead = () => {
          logs.afterRead = () => undefined;
          logs.append(s1, { timestamp: 2, message: 'live 1' }, { timestamp: 3, message: 'left out' }, { timestamp: 4, message: 'live 2' });
          logs.push({ events: [{ logStreamName: s1, timestamp: 2, message: 'live 1' }], sampled: false });
          logs.push({ events: [{ logStreamName: s1, timestamp: 4, message: 'live 2' }], sampled: true });
        };
      }
      return messages(u).length >= 4;
    });
    assert.deepEqual(messages(all), ['backfilled', 'live 1', 'left out', 'live 2']);
    assert.equal(logs.sessions, 1);
    assert.ok(all.some((u) => u.kind === 'notice' && /sampling/.test(u.text)));
  });

  it('delivers identical lines of one millisecond as often as the job wrote them, in backfill, Live Tail and the polls that overlap it', async () => {
    const logs = new FakeLiveLogs();
    const clock = new FakeClock();
    logs.append(s1, { timestamp: 1, message: '' }, { timestamp: 1, message: '' }, { timestamp: 1, message: 'after two blank lines' });
    const all = await collect(logs, clock, spec({ liveTail: true }), (u) => {
      const last = u.at(-1);
      if (last?.kind === 'mode' && last.mode === 'liveTail' && !last.sampled) {
        logs.afterRead = () => {
          logs.afterRead = () => undefined;
          const warning = { timestamp: 2, message: 'UserWarning: deprecated' };
          logs.append(s1, warning, warning, warning);
          // Live Tail delivers all three, says it sampled, and the poll that follows reads the same three.
          logs.push({ events: [warning, warning, warning].map((w) => ({ logStreamName: s1, ...w })), sampled: true });
        };
      }
      return messages(u).length >= 6;
    });
    assert.deepEqual(messages(all), ['', '', 'after two blank lines', 'UserWarning: deprecated', 'UserWarning: deprecated', 'UserWarning: deprecated']);
  });

  it('falls back to polling with a one-line notice when Live Tail is refused', async () => {
    const logs = new FakeLiveLogs();
    logs.refuse = 'unsupported';
    logs.append(s1, { timestamp: 1, message: 'backfilled' });
    logs.afterRead = () => {
      if (!logs.streams.get(s1)?.some((e) => e.message === 'polled')) logs.append(s1, { timestamp: 2, message: 'polled' });
    };
    const all = await collect(logs, new FakeClock(), spec({ liveTail: true }), (u) => messages(u).includes('polled'));
    const notices = all.filter((u) => u.kind === 'notice');
    assert.equal(notices.length, 1);
    assert.match(notices[0].kind === 'notice' ? notices[0].text : '', /^Live Tail is not available \(.*\); polling every 2 s instead\.$/);
    assert.ok(all.some((u) => u.kind === 'mode' && u.mode === 'polling'));
  });

  it('with a filter pattern, backfills the last N matching lines and follows only matching ones', async () => {
    const logs = new FakeLogs();
    const clock = new FakeClock();
    const t = clock.now();
    for (let i = 0; i < 10; i++) {
      logs.append(i % 2 ? s1 : s2, { timestamp: t - 60_000 + i, message: i % 3 === 0 ? `ERROR old ${i}` : `info ${i}` });
    }
    let written = 0;
    logs.afterRead = () => {
      if (written < 6) {
        logs.append(s1, { timestamp: clock.now(), message: written % 2 ? `ERROR new ${written}` : `info new ${written}` });
        written++;
      }
    };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    logs.fault = (op) => {
      if (op === 'filterEvents' && random() < 0.3) throw new FakeError('throttled');
    };
    const all = await collect(logs, clock, spec({ backfillLines: 3, filterPattern: 'ERROR' }), (u) => messages(u).length >= 6);
    assert.deepEqual(messages(all), ['ERROR old 3', 'ERROR old 6', 'ERROR old 9', 'ERROR new 1', 'ERROR new 3', 'ERROR new 5']);
    assert.equal(logs.calls.getEvents, 0);
  });
});
