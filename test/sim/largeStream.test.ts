import * as assert from 'node:assert/strict';
import { DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type Clients, destroyClients, startWithClients } from './helpers';

// Functional only: the throughput figure (and its ≥ 20,000 events/s target) is the benchmark's SIM row
// (`node scripts/bench.mjs --only sim`), never a pass/fail here.
describe('simulator: GetLogEvents over a 50,000-line stream (large scenario)', function () {
  this.timeout(30_000);
  let c: Clients;
  before(async () => {
    c = await startWithClients({ scenario: 'large', scenarioOptions: { trainingJobs: 100, endpoints: 5, logHosts: 1, logLinesPerHost: 50_000 } });
  });
  after(() => destroyClients(c));

  it('pages through all 50,000 events in order with the SDK client; the end is the same forward token', async () => {
    const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamNamePrefix: 'bench-logs-job/' }));
    const name = streams.logStreams?.[0].logStreamName as string;
    let n = 0;
    let pages = 0;
    let last = -Infinity;
    let token: string | undefined;
    for (;;) {
      const r = await c.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: name, startFromHead: true, nextToken: token }));
      const events = r.events ?? [];
      assert.ok(events.length <= 10_000, `a page of ${events.length} events`);
      for (const e of events) {
        assert.ok((e.timestamp as number) >= last, 'events in timestamp order');
        last = e.timestamp as number;
      }
      n += events.length;
      pages++;
      if (r.nextForwardToken === token) break;
      token = r.nextForwardToken;
    }
    assert.equal(n, 50_000);
    assert.ok(pages >= 6, `${pages} pages`);
  });
});
