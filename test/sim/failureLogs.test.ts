// Show Failure's log reading (src/aws/failureLogs.ts) with the real SDK client against the simulator.
import * as assert from 'node:assert/strict';
import { readFailureLogs } from '../../src/aws/failureLogs';
import { listTrainingHosts } from '../../src/aws/instances';
import { DEMO, FAILED_JOB_ERROR, FAILED_JOB_TRACEBACK } from '../../sim/scenarios/demo';
import { type Clients, destroyClients, startWithClients } from './helpers';

describe('failure logs: the failed demo job', () => {
  let c: Clients;
  before(async () => {
    c = await startWithClients({ scenario: 'demo', speed: 0 });
  });
  after(() => destroyClients(c));

  it('reads the first traceback and the last 20 lines of each host', async () => {
    const hosts = await listTrainingHosts(c.logs, DEMO.jobs.failed, 1);
    const logs = await readFailureLogs(c.logs, DEMO.jobs.failed, hosts);
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
    const hosts = await listTrainingHosts(c.logs, DEMO.jobs.failed, 1);
    const stream = hosts[0].streams[hosts[0].streams.length - 1].logStreamName;
    const last = (await readFailureLogs(c.logs, DEMO.jobs.failed, hosts)).hosts[0].lastLines[19].timestamp;
    await c.sim.control.appendLogEvents('/aws/sagemaker/TrainingJobs', stream, Array.from({ length: 400 }, (_, i) => ({ timestamp: last + 1000 + i, message: `cleanup line ${i}` })));
    const logs = await readFailureLogs(c.logs, DEMO.jobs.failed, hosts, { scanLines: 100 });
    assert.equal(logs.hosts[0].lastLines[19].message, 'cleanup line 399');
    assert.ok(logs.traceback, 'found through FilterLogEvents');
    assert.equal(logs.traceback.lines[0].message, 'Traceback (most recent call last):');
    assert.equal(logs.traceback.lines[logs.traceback.lines.length - 1].message, FAILED_JOB_ERROR);
  });

  it('a job without a traceback has none, and a job without streams has no hosts', async () => {
    const hosts = await listTrainingHosts(c.logs, DEMO.jobs.completed, 1);
    const logs = await readFailureLogs(c.logs, DEMO.jobs.completed, hosts, { scanLines: 50 });
    assert.equal(logs.traceback, undefined);
    assert.equal(logs.hosts[0].lastLines.length, 20);
    assert.deepEqual(await readFailureLogs(c.logs, 'no-such-job', []), { hosts: [] });
  });
});
