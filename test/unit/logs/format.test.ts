import * as assert from 'node:assert/strict';
import { MAX_MESSAGE_CHARS, formatBatch, formatEvent, formatMarkedLine, formatMessage, formatTimestamp, sanitizeMessage } from '../../../src/shared/logs/format';

const T = Date.UTC(2026, 10, 24, 12, 3, 4, 56);

describe('shared/logs/format: channel lines', () => {
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
});
