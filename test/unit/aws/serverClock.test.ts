import * as assert from 'node:assert/strict';
import { ServerClock } from '../../../src/aws/serverClock';

/** A clock whose local time the test moves. */
function clockAt(start: number) {
  let local = start;
  const clock = new ServerClock(() => local);
  return { clock, advance: (ms: number) => (local += ms), local: () => local };
}

const header = (ms: number) => new Date(ms).toUTCString();

describe('aws/serverClock: the service\'s time from Date headers', () => {
  const T = Date.UTC(2026, 10, 24, 12, 0, 0, 250);

  it('is the local clock until a response is seen, and within the header\'s resolution of it', () => {
    const { clock, advance } = clockAt(T);
    assert.equal(clock.now(), T);
    clock.observe(header(T));
    advance(1000);
    assert.equal(clock.now(), T + 1000, 'AWS agrees with the local clock: no correction');
    clock.observe(undefined);
    clock.observe('not a date');
    assert.equal(clock.now(), T + 1000);
  });

  it('follows a server that runs shifted (a simulator started with --now)', () => {
    const { clock, advance } = clockAt(T);
    const shift = -3 * 86_400_000;
    clock.observe(header(T + shift));
    advance(10_000);
    assert.ok(Math.abs(clock.now() - (T + shift + 10_000)) <= 1000, `${clock.now() - (T + shift + 10_000)} ms off`);
    assert.equal(clock.rate(), 1);
  });

  it('follows a server that runs faster (a simulator started with --speed)', () => {
    const { clock, advance } = clockAt(T);
    const server = (local: number) => T + (local - T) * 60;
    let local = T;
    for (let i = 0; i < 4; i++) {
      clock.observe(header(server(local)));
      local = advance(2_000);
    }
    assert.ok(Math.abs(clock.rate() - 60) < 1, `rate ${clock.rate()}`);
    advance(30_000);
    const expected = server(local + 30_000);
    assert.ok(Math.abs(clock.now() - expected) < 60_000, `${(clock.now() - expected) / 1000} s off at speed 60`);
  });

  it('follows a clock that was set (a simulator advanced by hand) at once, without a wild rate', () => {
    const { clock, advance } = clockAt(T);
    let local = T;
    for (let i = 0; i < 4; i++) {
      clock.observe(header(local));
      local = advance(3_000);
    }
    assert.equal(clock.rate(), 1);
    clock.observe(header(local + 2 * 3_600_000));
    assert.equal(clock.rate(), 1, 'the jump is not a rate');
    advance(1_000);
    assert.ok(Math.abs(clock.now() - (local + 2 * 3_600_000 + 1_000)) <= 1_000);
  });

  it('does not mistake the header\'s one-second steps for a faster clock, and forgets on reset', () => {
    const { clock, advance } = clockAt(T);
    for (let i = 0; i < 6; i++) {
      // Server truncates to the second: 5.999 s of local time may show as 5 or 6 s.
      clock.observe(header(Math.floor((T + i * 1100) / 1000) * 1000));
      advance(1100);
    }
    assert.equal(clock.rate(), 1);
    clock.observe(header(T + 3_600_000));
    assert.ok(clock.now() > T + 3_590_000);
    clock.reset();
    assert.equal(clock.now(), T + 6 * 1100);
  });
});
