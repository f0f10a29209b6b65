import * as assert from 'node:assert/strict';
import { DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type Clients, destroyClients, startWithClients } from './helpers';

describe('simulator: GetLogEvents throughput (large scenario, 50,000-line stream)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients({ scenario: 'large', scenarioOptions: { trainingJobs: 100, endpoints: 5, logHosts: 1, logLinesPerHost: 50_000 } });
  });
  after(() => destroyClients(c));

  it('pages through 50,000 events at ≥ 20,000 events/s with the SDK client', async () => {
    const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'bench-logs-job/' }));
    const name = streams.logStreams?.[0].logStreamName as string;
    // warm up (materialise the stream, JIT the paths)
    let warm: string | undefined;
    for (let i = 0; i < 3; i++) warm = (await c.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: name, startFromHead: true, nextToken: warm }))).nextForwardToken;
    // best of two full passes (a loaded CI machine can stall one)
    let best = 0;
    let n = 0;
    for (let round = 0; round < 2; round++) {
      const t = process.hrtime.bigint();
      n = 0;
      let token: string | undefined;
      for (;;) {
        const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: name, startFromHead: true, nextToken: token }));
        n += r.events?.length ?? 0;
        if (r.nextForwardToken === token) break;
        token = r.nextForwardToken;
      }
      const secs = Number(process.hrtime.bigint() - t) / 1e9;
      const rate = Math.round(n / secs);
      process.stdout.write(`      GetLogEvents: ${n} events in ${secs.toFixed(3)} s = ${rate} events/s\n`);
      best = Math.max(best, rate);
    }
    const rate = best;
    assert.equal(n, 50_000);
    assert.ok(rate >= 20_000, `${rate} events/s`);
  });
});
