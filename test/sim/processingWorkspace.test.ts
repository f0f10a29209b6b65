import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeProcessingJobCommand } from '@aws-sdk/client-sagemaker';
import { DEMO } from '../../sim/scenarios/demo';
import { PROCESSING_CODE_DIR, PROCESSING_JOB_ERROR, PROCESSING_JOB_TRACEBACK } from '../../sim/scenarios/demoJobs';
import { type Clients, destroyClients, startWithClients } from './helpers';

/** /opt/ml/processing/input/code maps to sample-workspace/ */
const WORKSPACE = resolve(__dirname, '..', '..', '..', 'sample-workspace');
const local = (file: string) => join(WORKSPACE, file.slice(PROCESSING_CODE_DIR.length + 1));

describe('sample-workspace: the Failed processing job traceback points at real lines', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  it('every /opt/ml/processing/input/code frame quotes the code on that line of the workspace file', () => {
    const frames = PROCESSING_JOB_TRACEBACK.filter((f) => f.file.startsWith(`${PROCESSING_CODE_DIR}/`));
    assert.ok(frames.length >= 3);
    for (const f of frames) {
      assert.ok(existsSync(local(f.file)), local(f.file));
      const line = readFileSync(local(f.file), 'utf8').split('\n')[f.line - 1];
      assert.equal(line.trim(), f.code, `${f.file}:${f.line}`);
    }
  });

  it('preprocess.py is valid Python (parsed with python3 when available; nothing is written)', async function () {
    this.timeout(10_000);
    const result = await new Promise<{ ok: boolean; missing: boolean; out: string }>((done) =>
      execFile('python3', ['-c', 'import ast,sys\nfor f in sys.argv[1:]: ast.parse(open(f).read(), f)', join(WORKSPACE, 'preprocess.py')], { timeout: 8000 }, (err, _o, stderr) =>
        done({ ok: !err, missing: !!err && (err as NodeJS.ErrnoException).code === 'ENOENT', out: stderr }),
      ),
    );
    if (result.missing) this.skip();
    assert.ok(result.ok, result.out);
  });

  it("the job's log stream ends in the same traceback, frame by frame; ExitMessage carries it too", async () => {
    const group = '/aws/sagemaker/ProcessingJobs';
    const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: `${DEMO.processingJobs.failed}/` }));
    assert.equal(streams.logStreams?.length, 1);
    const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: streams.logStreams?.[0].logStreamName, startFromHead: true, limit: 100 }));
    const lines = (r.events ?? []).map((e) => e.message as string);
    const start = lines.indexOf('Traceback (most recent call last):');
    assert.ok(start >= 0, lines.join('\n'));
    assert.equal(lines[lines.length - 1], PROCESSING_JOB_ERROR);
    const frameLines = lines.slice(start + 1).filter((l) => l.startsWith('  File "'));
    assert.equal(frameLines.length, PROCESSING_JOB_TRACEBACK.length);
    for (const [i, l] of frameLines.entries()) {
      const m = /^ {2}File "(.+)", line (\d+), in (.+)$/.exec(l);
      assert.ok(m, l);
      assert.deepEqual([m[1], Number(m[2]), m[3]], [PROCESSING_JOB_TRACEBACK[i].file, PROCESSING_JOB_TRACEBACK[i].line, PROCESSING_JOB_TRACEBACK[i].func]);
      const code = lines[lines.indexOf(l) + 1].trim();
      assert.equal(code, PROCESSING_JOB_TRACEBACK[i].code);
      if (m[1].startsWith(`${PROCESSING_CODE_DIR}/`)) assert.equal(readFileSync(local(m[1]), 'utf8').split('\n')[Number(m[2]) - 1].trim(), code);
    }
    const job = await c.sagemaker.send(new DescribeProcessingJobCommand({ ProcessingJobName: DEMO.processingJobs.failed }));
    assert.equal(job.ExitMessage, lines.slice(start).join('\n'));
  });
});
