import * as assert from 'node:assert/strict';
import { excludeEvents, parseExcludePattern } from '../../../../src/logs/engine/exclude';
import { formatEvent, formatMarkedLineAfter } from '../../../../src/logs/engine/format';
import { START_PRESETS, isStartPreset, jobStartTime, parseStartTime, presetStartTime } from '../../../../src/logs/engine/startTime';
import { targetChoices } from '../../../../src/shared/targetChoices';

const T = Date.UTC(2026, 10, 24, 12, 3, 4, 56);
const ev = (message: string, timestamp = T) => ({ logStreamName: 'j/algo-1-1', timestamp, message });

describe('shared/logs: exclude regex', () => {
  it('parses bare and slashed patterns with flags, and empty as none', () => {
    assert.deepEqual(parseExcludePattern(''), { ok: true });
    assert.deepEqual(parseExcludePattern('   '), { ok: true });
    const bare = parseExcludePattern('GET /ping|healthcheck');
    assert.ok(bare.ok && bare.regex?.test('"GET /ping HTTP/1.1" 200'));
    const slashed = parseExcludePattern('/debug/gi');
    assert.ok(slashed.ok && slashed.regex?.flags === 'i');
    assert.ok(slashed.ok && slashed.regex?.test('DEBUG x') && slashed.regex.test('DEBUG x'), 'no stateful lastIndex');
  });

  it('explains an invalid regex', () => {
    const bad = parseExcludePattern('foo(');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /^"foo\(" is not a valid regular expression: .+/);
  });

  it('leaves out matching events and counts them; whole multi-line messages are tested', () => {
    const parsed = parseExcludePattern('ping|^DEBUG');
    const regex = parsed.ok ? parsed.regex : undefined;
    const { kept, excluded } = excludeEvents([ev('GET /ping 200'), ev('epoch 1 loss 0.3'), ev('DEBUG x'), ev('Traceback\n  DEBUG inside')], regex);
    assert.deepEqual(
      kept.map((e) => e.message),
      ['epoch 1 loss 0.3', 'Traceback\n  DEBUG inside'],
    );
    assert.equal(excluded, 2);
    assert.equal(excludeEvents([ev('a')], undefined).excluded, 0);
  });
});

describe('shared/logs/format: JSON messages and status lines in order', () => {
  it('shows JSON compactly by default and pretty-printed on request, still sanitized and under the prefix', () => {
    const json = '{ "level": "INFO", "msg": "\\u001b[31mred\\u001b[0m", "n": [1, 2] }';
    assert.equal(formatEvent(ev(json), { timestamps: 'utc' }), '2026-11-24 12:03:04.056Z {"level":"INFO","msg":"\\u001b[31mred\\u001b[0m","n":[1,2]}');
    const pretty = formatEvent(ev(json), { timestamps: 'utc', prettyJson: true }).split('\n');
    const indent = ' '.repeat('2026-11-24 12:03:04.056Z '.length);
    assert.deepEqual(pretty, ['2026-11-24 12:03:04.056Z {', `${indent}  "level": "INFO",`, `${indent}  "msg": "\\u001b[31mred\\u001b[0m",`, `${indent}  "n": [`, `${indent}    1,`, `${indent}    2`, `${indent}  ]`, `${indent}}`]);
    assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(pretty.join('')), 'no control characters reach the channel');
    // Not JSON: left alone, still sanitized.
    assert.equal(formatEvent(ev('{ "broken": \u001b[1m'), { timestamps: 'none', prettyJson: true }), '{ "broken": ');
  });

  it('a status older than the lines above it takes their time and says its own', () => {
    const older = formatMarkedLineAfter('status', 'Training: started', T - 5000, T, 'utc');
    assert.equal(older.line, '2026-11-24 12:03:04.056Z === [status] Training: started (since 2026-11-24 12:02:59.056Z)\n');
    assert.equal(older.at, T);
    const newer = formatMarkedLineAfter('status', 'Uploading', T + 1, T, 'utc');
    assert.equal(newer.line, '2026-11-24 12:03:04.057Z === [status] Uploading\n');
    assert.equal(formatMarkedLineAfter('status', 'Training', T - 5000, undefined, 'utc').at, T - 5000);
    assert.equal(formatMarkedLineAfter('status', 'Training', T - 5000, T, 'none').line, '=== [status] Training\n');
  });
});

describe('shared/logs/startTime: Tail Logs From…', () => {
  const now = new Date(2026, 10, 24, 22, 0, 0).getTime();

  it('reads local date-times and ISO 8601 with a zone', () => {
    assert.deepEqual(parseStartTime('2026-11-24 21:30', now), { ok: true, value: new Date(2026, 10, 24, 21, 30).getTime() });
    assert.deepEqual(parseStartTime('2026-11-24T21:30:15', now), { ok: true, value: new Date(2026, 10, 24, 21, 30, 15).getTime() });
    assert.deepEqual(parseStartTime('2026-11-24', now), { ok: true, value: new Date(2026, 10, 24).getTime() });
    assert.deepEqual(parseStartTime('2026-11-20T10:00:00Z', now), { ok: true, value: Date.UTC(2026, 10, 20, 10) });
    assert.deepEqual(parseStartTime('2026-11-20T10:00:00+0200', now), { ok: true, value: Date.UTC(2026, 10, 20, 8) });
  });

  it('rejects nonsense, impossible dates and the future with a message', () => {
    for (const bad of ['yesterday', '2026-02-31 10:00', '2026-11-24 25:00', '']) {
      const r = parseStartTime(bad, now);
      assert.equal(r.ok, false, bad);
    }
    const future = parseStartTime('2026-11-25 10:00', now);
    assert.deepEqual(future, { ok: false, error: 'That time is in the future.' });
  });

  it('turns each preset into a start time', () => {
    assert.deepEqual(
      START_PRESETS.map((p) => presetStartTime(p, now, { startedAt: 1000, createdAt: 500 })),
      [undefined, now - 5 * 60_000, now - 15 * 60_000, now - 3600_000, now - 3 * 3600_000, now - 86_400_000, 1000],
    );
    assert.equal(presetStartTime('jobStart', now), undefined);
    assert.ok(isStartPreset('15m') && isStartPreset('jobStart'));
    assert.ok(!isStartPreset('2h') && !isStartPreset(15));
  });

  it('starts a job from TrainingStartTime, else CreationTime', () => {
    assert.equal(jobStartTime({ startedAt: 2, createdAt: 1 }), 2);
    assert.equal(jobStartTime({ createdAt: 1 }), 1);
    assert.equal(jobStartTime({}), undefined);
  });
});

describe('shared/targetChoices: picking a target from the command palette', () => {
  it('lists training jobs newest first with their status, then endpoints by name', () => {
    const now = Date.UTC(2026, 10, 24, 12);
    const choices = targetChoices(
      [
        { name: 'old-job', arn: 'a1', status: 'Completed', createdAt: now - 3 * 86_400_000 },
        { name: 'new-job', arn: 'a2', status: 'InProgress', secondaryStatus: 'Training', createdAt: now - 5 * 60_000 },
      ],
      [
        { name: 'zeta', arn: 'e1', status: 'InService' },
        { name: 'alpha', arn: 'e2', status: 'Updating' },
      ],
      now,
    );
    assert.deepEqual(
      choices.map((c) => [c.group, c.label, c.description, c.target]),
      [
        ['Training jobs', '$(sync~spin) new-job', 'InProgress · Training', { trainingJobName: 'new-job' }],
        ['Training jobs', '$(pass) old-job', 'Completed', { trainingJobName: 'old-job' }],
        ['Endpoints', '$(sync~spin) alpha', 'Updating', { endpointName: 'alpha' }],
        ['Endpoints', '$(pass) zeta', 'InService', { endpointName: 'zeta' }],
      ],
    );
    assert.equal(choices[0].detail, 'created 5 min ago');
    assert.equal(choices[1].detail, 'created 3 days ago');
  });
});
