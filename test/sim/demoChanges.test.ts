// The demo changes by itself soon after the start (what `npm start` shows as notifications): an alarm
// enters ALARM and a transform job ends. Real SDK clients against the simulator, clock moved by the control API.
import * as assert from 'node:assert/strict';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTransformJobCommand } from '@aws-sdk/client-sagemaker';
import { DEMO } from '../../sim/scenarios/demo';
import { destroyClients, startWithClients, T0, type Clients } from './helpers';

const MIN = 60_000;

describe('sim demo: changes soon after the start', () => {
  let c: Clients;
  before(async () => {
    c = await startWithClients({ scenario: 'demo' });
  });
  after(() => destroyClients(c));

  const alarmState = async () => {
    const r = await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [DEMO.alarms.entersAlarm] }));
    assert.equal(r.MetricAlarms?.length, 1);
    return r.MetricAlarms?.[0];
  };

  for (const offset of [0, 30_000, 59_000]) {
    it(`the GPU memory alarm of the live job is OK when the demo starts ${offset / 1000} s into a minute, and ALARM within 2 minutes`, async () => {
      const start = T0 + offset;
      await c.sim.control.reset({ scenario: 'demo', now: start, speed: 0 });
      const first = await alarmState();
      assert.equal(first?.StateValue, 'OK', first?.StateReason);
      assert.deepEqual(first?.Dimensions, [{ Name: 'Host', Value: `${DEMO.jobs.inProgress}/algo-1` }]);
      await c.sim.control.setClock(start + 2 * MIN);
      const later = await alarmState();
      assert.equal(later?.StateValue, 'ALARM', later?.StateReason);
      assert.match(later?.StateReason ?? '', /\[97\]/);
    });
  }

  it('a transform job ends 3 minutes after the start', async () => {
    await c.sim.control.reset({ scenario: 'demo', now: T0, speed: 0 });
    const status = async () => (await c.sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: DEMO.transformJobs.endsSoon }))).TransformJobStatus;
    assert.equal(await status(), 'InProgress');
    await c.sim.control.setClock(T0 + 3 * MIN - 1000);
    assert.equal(await status(), 'InProgress');
    await c.sim.control.setClock(T0 + 3 * MIN);
    assert.equal(await status(), 'Completed');
  });
});
