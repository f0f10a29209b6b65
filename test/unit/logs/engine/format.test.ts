import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_CHARS, formatBatch, formatEvent, formatMarkedLine, formatMarkedLineAfter, formatMessage, formatTimestamp, sanitizeMessage } from '../../../../src/logs/engine/format';

const T = Date.UTC(2026, 10, 24, 12, 3, 4, 56);
const ev = (message: string, timestamp = T) => ({ logStreamName: 'j/algo-1-1', timestamp, message });

describe('logs/engine/format: channel lines', () => {
  it('formats timestamps in UTC, local time or not at all', () => {
    assert.equal(formatTimestamp(T, 'utc'), '2026-11-24 12:03:04.056Z');
    assert.match(formatTimestamp(T, 'local'), /^2026-11-2\d \d\d:03:04\.056$/);
    assert.equal(formatTimestamp(T, 'none'), '');
  });

  it('tags lines with their host and keeps multi-line messages together under the prefix', () => {
    const e = { logStreamName: 'job/algo-2-1', timestamp: T, message: 'Traceback (most recent call last):\n  File "/opt/ml/code/train.py", line 52, in <module>\nRuntimeError: boom\n' };
    const text = formatEvent(e, { timestamps: 'utc', tag: () => 'algo-2' });
    const lines = text.split('\n');
    assert.equal(lines.length, 3);
    assert.equal(lines[0], '2026-11-24 12:03:04.056Z [algo-2] Traceback (most recent call last):');
    const indent = ' '.repeat('2026-11-24 12:03:04.056Z [algo-2] '.length);
    assert.equal(lines[1], `${indent}  File "/opt/ml/code/train.py", line 52, in <module>`);
    assert.equal(lines[2], `${indent}RuntimeError: boom`);
  });

  it('shows JSON messages compactly or pretty-printed, and leaves other text alone', () => {
    assert.equal(formatMessage('{ "level": "INFO",  "msg": "ok" }'), '{"level":"INFO","msg":"ok"}');
    assert.equal(formatMessage('{"a":1}', true), '{\n  "a": 1\n}');
    assert.equal(formatMessage('{not json}'), '{not json}');
    assert.equal(formatMessage('[algo-1] epoch 1'), '[algo-1] epoch 1');
  });

  it('formats a batch as one string and marks the lines the tail writes itself', () => {
    const batch = formatBatch(
      [
        { logStreamName: 's', timestamp: T, message: 'a' },
        { logStreamName: 's', timestamp: T + 1, message: 'b' },
      ],
      { timestamps: 'none' },
    );
    assert.equal(batch, 'a\nb\n');
    assert.equal(formatBatch([], { timestamps: 'none' }), '');
    assert.equal(formatMarkedLine('status', 'Training: started', T, 'utc'), '2026-11-24 12:03:04.056Z === [status] Training: started\n');
  });

  it('renders hostile content safely: ANSI escapes, progress-bar carriage returns, control characters', () => {
    assert.equal(sanitizeMessage('\u001b[31mERROR\u001b[0m disk full'), 'ERROR disk full');
    assert.equal(sanitizeMessage('\u001b]0;owned title\u0007after'), 'after');
    assert.equal(sanitizeMessage(' 10%|#  |\r 50%|#####|\r100%|##########|'), '100%|##########|');
    assert.equal(sanitizeMessage('line one\r\nline two'), 'line one\nline two');
    assert.equal(sanitizeMessage('nul\u0000bell\u0007del\u007f'), 'nul\\x00bell\\x07del\\x7f');
    assert.equal(sanitizeMessage('tab\tstays'), 'tab\tstays');
    const line = formatEvent({ logStreamName: 'j/algo-1-1', timestamp: 0, message: '\u001b[1mbold\u001b[0m\u0008' }, { timestamps: 'none' });
    assert.equal(line, 'bold\\x08');
  });

  it('cuts a 1 MB message to a line an editor can hold, saying how much was left out', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const shown = sanitizeMessage(huge);
    assert.ok(shown.length < MAX_MESSAGE_CHARS + 100, String(shown.length));
    assert.match(shown, / … \[983,040 more characters not shown\]$/);
    assert.equal(sanitizeMessage('short'), 'short');
  });

  it('formats each second as Date does, in UTC and across DST changes and quarter-hour zones', () => {
    const reference = (ms: number, utc: boolean) => {
      const d = new Date(ms);
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      return utc
        ? `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}Z`
        : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
    };
    const zone = process.env.TZ;
    // Days around the 2026 changes in New York, London, Lord Howe (30-minute DST), +05:45 and -03:30 zones, and
    // one in 1960, when Monrovia's offset was -00:44:30.
    const days = [Date.UTC(1960, 0, 1), Date.UTC(2026, 2, 8), Date.UTC(2026, 2, 29), Date.UTC(2026, 3, 5), Date.UTC(2026, 9, 4), Date.UTC(2026, 9, 25), Date.UTC(2026, 10, 1)];
    try {
      for (const tz of ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Africa/Monrovia']) {
        process.env.TZ = tz;
        formatTimestamp(0, 'local'); // a fresh quarter after the zone changed
        for (const day of days) {
          for (let ms = day - 6 * 3600_000; ms < day + 30 * 3600_000; ms += 61_013) {
            assert.equal(formatTimestamp(ms, 'local'), reference(ms, false), `${tz} ${new Date(ms).toISOString()}`);
            assert.equal(formatTimestamp(ms, 'utc'), reference(ms, true));
          }
        }
      }
    } finally {
      if (zone === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = zone;
      }
      formatTimestamp(0, 'local');
    }
  });

  it('formats a batch exactly as its events one by one, whatever they hold', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const samples = ['step 1 loss=0.5', '  indented', '{"level":"INFO","msg":"ok"}', '[1, 2]', 'tab\there', 'Traceback:\n  File "/opt/ml/code/train.py", line 4', 'ansi \u001b[31mred\u001b[0m', 'bar\r100%', '', 'x'.repeat(MAX_MESSAGE_CHARS + 5), 'é ü 中文 🙂', 'ends with newline\n'];
    const events = Array.from({ length: 800 }, (_, i) => ({
      logStreamName: `job/algo-${1 + Math.floor(next() * 3)}-1`,
      timestamp: Date.UTC(2026, 10, 24) + Math.floor(i / 3) * 997 + Math.floor(next() * 5),
      message: samples[Math.floor(next() * samples.length)],
    }));
    for (const timestamps of ['utc', 'local', 'none'] as const) {
      for (const f of [{ timestamps }, { timestamps, tag: (s: string) => s.split('/')[1] }, { timestamps, prettyJson: true }]) {
        assert.equal(formatBatch(events, f), `${events.map((e) => formatEvent(e, f)).join('\n')}\n`);
      }
    }
  });
});

describe('logs/engine/format: JSON messages and status lines in order', () => {
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
