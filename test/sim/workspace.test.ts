import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GetLogEventsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DEMO, FAILED_JOB_TRACEBACK } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, startWithClients } from './helpers';

/** /opt/ml/code maps to sample-workspace/ */
const WORKSPACE = resolve(__dirname, '..', '..', '..', 'sample-workspace');

describe('sample-workspace: the Failed job traceback points at real lines', function () {
  let c: Clients;
  before(async () => {
    c = await startWithClients();
  });
  after(() => destroyClients(c));

  it('every /opt/ml/code frame quotes the code on that line of the workspace file', () => {
    const frames = FAILED_JOB_TRACEBACK.filter((f) => f.file.startsWith('/opt/ml/code/'));
    assert.ok(frames.length >= 3);
    for (const f of frames) {
      const local = join(WORKSPACE, f.file.slice('/opt/ml/code/'.length));
      assert.ok(existsSync(local), local);
      const line = readFileSync(local, 'utf8').split('\n')[f.line - 1];
      assert.equal(line.trim(), f.code, `${f.file}:${f.line}`);
    }
  });

  it('the workspace is valid Python (parsed with python3 when available; nothing is written)', async function () {
    this.timeout(10_000);
    const files = ['train.py', 'model/__init__.py', 'model/classifier.py', 'utils/__init__.py', 'utils/data.py', 'utils/training.py'].map((f) => join(WORKSPACE, f));
    const result = await new Promise<{ ok: boolean; missing: boolean; out: string }>((resolve) =>
      execFile('python3', ['-c', 'import ast,sys\nfor f in sys.argv[1:]: ast.parse(open(f).read(), f)', ...files], { timeout: 8000 }, (err, _o, stderr) =>
        resolve({ ok: !err, missing: !!err && (err as NodeJS.ErrnoException).code === 'ENOENT', out: stderr }),
      ),
    );
    if (result.missing) this.skip();
    assert.ok(result.ok, result.out);
  });

  it('the traceback in the job\'s log stream is the same one, frame by frame', async () => {
    const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: `${DEMO.jobs.failed}/` }));
    assert.equal(streams.logStreams?.length, 1);
    const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: streams.logStreams?.[0].logStreamName, limit: 100 }));
    const lines = (r.events ?? []).map((e) => e.message as string);
    const start = lines.indexOf('Traceback (most recent call last):');
    assert.ok(start >= 0);
    const frameLines = lines.slice(start + 1).filter((l) => l.startsWith('  File "'));
    assert.equal(frameLines.length, FAILED_JOB_TRACEBACK.length);
    for (const [i, l] of frameLines.entries()) {
      const m = /^  File "(.+)", line (\d+), in (.+)$/.exec(l);
      assert.ok(m, l);
      assert.equal(m[1], FAILED_JOB_TRACEBACK[i].file);
      assert.equal(Number(m[2]), FAILED_JOB_TRACEBACK[i].line);
      const code = lines[lines.indexOf(l) + 1];
      assert.equal(code.trim(), FAILED_JOB_TRACEBACK[i].code);
      if (m[1].startsWith('/opt/ml/code/')) {
        const local = readFileSync(join(WORKSPACE, m[1].slice('/opt/ml/code/'.length)), 'utf8').split('\n')[Number(m[2]) - 1];
        assert.equal(local.trim(), code.trim());
      }
    }
  });
});
