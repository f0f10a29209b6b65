// Show Failure's log reading (src/aws/failureLogs.ts) with the real SDK client against the simulator, for a
// failed training, processing and transform job.
import * as assert from 'node:assert/strict';
import { readFailureLogs } from '../../src/aws/failureLogs';
import { listProcessingHosts, listTrainingHosts, listTransformInstances } from '../../src/aws/instances';
import { algoHostStreams, failureLogSource, transformInstanceStreams } from '../../src/logs/engine/failureReport';
import { DEMO, FAILED_JOB_ERROR, FAILED_JOB_TRACEBACK } from '../../sim/scenarios/demo';
import { PROCESSING_JOB_ERROR, PROCESSING_JOB_TRACEBACK } from '../../sim/scenarios/demoJobs';
import { FAILED_TRANSFORM_JOB, addFailedTransformJob } from '../fixtures/failedTransform';
import { type Clients, destroyClients, startWithClients } from './helpers';

describe('failure logs: the failed demo jobs', () => {
  let c: Clients;
  before(async () => {
    c = await startWithClients({ scenario: 'demo', speed: 0 });
  });
  after(() => destroyClients(c));

  const training = async (name: string, instanceCount = 1) => failureLogSource({ kind: 'training', name }, algoHostStreams(await listTrainingHosts(c.logs, name, instanceCount)));

  it('reads the first traceback and the last 20 lines of each host', async () => {
    const logs = await readFailureLogs(c.logs, await training(DEMO.jobs.failed));
    assert.equal(logs.hosts.length, 1);
    assert.equal(logs.hosts[0].host, 'algo-1');
    assert.equal(logs.hosts[0].lastLines.length, 20);
    assert.match(logs.hosts[0].lastLines[19].message, /^Command "\/opt\/conda\/bin\/python3.10 train.py/);
    assert.ok(logs.traceback);
    assert.equal(logs.traceback.host, 'algo-1');
    const lines = logs.traceback.lines.map((l) => l.message);
    assert.equal(lines[0], 'Traceback (most recent call last):');
    assert.equal(lines.length, 2 + 2 * FAILED_JOB_TRACEBACK.length);
    assert.equal(lines[lines.length - 1], FAILED_JOB_ERROR);
  });

  it('finds a traceback far from the end with one filtered search', async () => {
    const source = await training(DEMO.jobs.failed);
    const stream = source.streams[0].logStreamName;
    const last = (await readFailureLogs(c.logs, source)).hosts[0].lastLines[19].timestamp;
    await c.sim.control.appendLogEvents('/aws/sagemaker/TrainingJobs', stream, Array.from({ length: 400 }, (_, i) => ({ timestamp: last + 1000 + i, message: `cleanup line ${i}` })));
    const logs = await readFailureLogs(c.logs, source, { scanLines: 100 });
    assert.equal(logs.hosts[0].lastLines[19].message, 'cleanup line 399');
    assert.ok(logs.traceback, 'found through FilterLogEvents');
    assert.equal(logs.traceback.host, 'algo-1', 'the searched stream is named by its host');
    assert.equal(logs.traceback.lines[0].message, 'Traceback (most recent call last):');
    assert.equal(logs.traceback.lines[logs.traceback.lines.length - 1].message, FAILED_JOB_ERROR);
  });

  it('a job without a traceback has none, and a job without streams has no hosts (and is not searched)', async () => {
    const logs = await readFailureLogs(c.logs, await training(DEMO.jobs.completed), { scanLines: 50 });
    assert.equal(logs.traceback, undefined);
    assert.equal(logs.hosts[0].lastLines.length, 20);
    await c.sim.control.resetRequestCounts();
    assert.deepEqual(await readFailureLogs(c.logs, failureLogSource({ kind: 'training', name: 'no-such-job' }, [])), { hosts: [] });
    assert.deepEqual(await c.sim.control.requestCounts(), {});
  });

  it('a failed processing job: its traceback into /opt/ml/processing/input/code, from /aws/sagemaker/ProcessingJobs', async () => {
    const name = DEMO.processingJobs.failed;
    const source = failureLogSource({ kind: 'processing', name }, algoHostStreams(await listProcessingHosts(c.logs, name, 1)));
    assert.equal(source.logGroupName, '/aws/sagemaker/ProcessingJobs');
    const logs = await readFailureLogs(c.logs, source);
    assert.deepEqual(logs.hosts.map((h) => h.host), ['algo-1']);
    assert.equal(logs.hosts[0].lastLines.at(-1)?.message, PROCESSING_JOB_ERROR);
    const lines = logs.traceback?.lines.map((l) => l.message) ?? [];
    assert.equal(lines.length, 2 + 2 * PROCESSING_JOB_TRACEBACK.length);
    assert.ok(lines[1].includes('/opt/ml/processing/input/code/preprocess.py'), lines[1]);
  });

  it('a failed transform job: the last lines of each instance\'s model server and data log, no traceback', async () => {
    const ids = await addFailedTransformJob(c.sim);
    const source = failureLogSource({ kind: 'transform', name: FAILED_TRANSFORM_JOB }, transformInstanceStreams(await listTransformInstances(c.logs, FAILED_TRANSFORM_JOB)));
    assert.equal(source.logGroupName, '/aws/sagemaker/TransformJobs');
    const logs = await readFailureLogs(c.logs, source);
    assert.deepEqual(
      logs.hosts.map((h) => h.host),
      [...ids].sort().flatMap((id) => [id, `${id}/data-log`]),
    );
    const dataLogs = logs.hosts.filter((h) => h.host.endsWith('/data-log'));
    assert.ok(dataLogs.every((h) => /Message: could not convert string to float/.test(h.lastLines.at(-1)?.message ?? '')), JSON.stringify(dataLogs.map((h) => h.lastLines.at(-1))));
    assert.ok(logs.hosts.filter((h) => !h.host.endsWith('/data-log')).every((h) => h.lastLines.some((l) => / 400 /.test(l.message))));
    assert.equal(logs.traceback, undefined);
  });
});
