import * as assert from 'node:assert/strict';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from '../../../src/aws/clients';
import { AwsResourceCatalog } from '../../../src/aws/catalog';
import { endpointAlarmKey } from '../../../src/shared/metrics/alarms';

/** Clients whose CloudWatch answers DescribeAlarms with `pages` (and counts the calls); nothing else is used. */
function fakeClients(pages: () => object[]) {
  const calls: { NextToken?: string; MaxRecords?: number }[] = [];
  // A CloudWatchClient as far as the SDK's paginator checks (its prototype), answering from `pages`.
  const cloudwatch = Object.assign(Object.create(CloudWatchClient.prototype) as CloudWatchClient, {
    send: async (command: { constructor: { name: string }; input: { NextToken?: string; MaxRecords?: number } }) => {
      assert.equal(command.constructor.name, 'DescribeAlarmsCommand');
      calls.push(command.input);
      const all = pages();
      const i = command.input.NextToken ? Number(command.input.NextToken) : 0;
      return { ...all[i], ...(i + 1 < all.length ? { NextToken: String(i + 1) } : {}) };
    },
  });
  return { clients: { cloudwatch } as unknown as AwsClients, calls };
}

const alarm = (name: string, endpointName: string, state = 'ALARM') => ({
  AlarmName: name,
  StateValue: state,
  Namespace: 'AWS/SageMaker',
  MetricName: 'Invocation5XXErrors',
  Dimensions: [{ Name: 'EndpointName', Value: endpointName }, { Name: 'VariantName', Value: 'AllTraffic' }],
  Statistic: 'Average',
  Period: 60,
  EvaluationPeriods: 5,
  Threshold: 0.05,
  ComparisonOperator: 'GreaterThanThreshold',
});

describe('aws/catalog: the alarm listing behind the tree\'s badges', () => {
  it('lists every page once and shares the index until invalidated', async () => {
    const { clients, calls } = fakeClients(() => [{ MetricAlarms: [alarm('a', 'ep-1')] }, { MetricAlarms: [alarm('b', 'ep-2', 'INSUFFICIENT_DATA')] }]);
    const catalog = new AwsResourceCatalog(async () => clients);
    const [one, two] = await Promise.all([catalog.alarmIndex(), catalog.alarmIndex()]);
    assert.equal(one, two, 'concurrent nodes share one listing');
    assert.equal(calls.length, 2, 'two pages');
    assert.equal(calls[0].MaxRecords, 100);
    assert.equal(one.badge(endpointAlarmKey('ep-1'))?.state, 'ALARM');
    assert.equal(one.badge(endpointAlarmKey('ep-2'))?.state, 'INSUFFICIENT_DATA');
    await catalog.alarmIndex();
    assert.equal(calls.length, 2, 'cached');
    catalog.invalidateAlarms();
    await catalog.alarmIndex();
    assert.equal(calls.length, 4, 'listed again after an alarm was created');
    catalog.invalidate();
    await catalog.alarmIndex();
    assert.equal(calls.length, 6, 'listed again after a full refresh');
  });

  it('does not keep a failed listing, and lists again for other clients', async () => {
    let fail = true;
    const { clients, calls } = fakeClients(() => {
      if (fail) {
        throw Object.assign(new Error('not authorized to perform: cloudwatch:DescribeAlarms'), { name: 'AccessDenied' });
      }
      return [{ MetricAlarms: [alarm('a', 'ep-1')] }];
    });
    let current = clients;
    const catalog = new AwsResourceCatalog(async () => current);
    await assert.rejects(catalog.alarmIndex(), /DescribeAlarms/);
    fail = false;
    assert.equal((await catalog.alarmIndex()).alarms.length, 1);
    assert.equal(calls.length, 2);
    current = fakeClients(() => [{ MetricAlarms: [] }]).clients;
    assert.equal((await catalog.alarmIndex()).alarms.length, 0, 'a new connection has its own alarms');
  });
});
