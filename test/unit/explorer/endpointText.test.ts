import * as assert from 'node:assert/strict';
import { endpointTooltip, instanceDescription, instanceTooltip, variantTooltip } from '../../../src/explorer/model/endpointText';
import { ENDPOINT_STATUS_ICONS, TRAINING_JOB_STATUS_ICONS } from '../../../src/explorer/model/icons';

const t0 = Date.UTC(2024, 0, 2, 3, 4, 5);

describe('explorer/model/endpointText: the endpoint subtree in words', () => {
  it('endpoint tooltip: name, status, created and modified', () => {
    assert.equal(
      endpointTooltip({ name: 'churn', arn: 'arn', status: 'InService', createdAt: t0 }),
      '**churn** — InService\n\nCreated 2024-01-02 03:04:05 UTC  \nModified —',
    );
  });

  it('variant tooltip: counts, type and weight, dashes for what is unknown', () => {
    assert.equal(
      variantTooltip('churn', { name: 'Primary', currentInstanceCount: 2, desiredInstanceCount: 3, instanceType: 'ml.m5.xlarge', currentWeight: 1, serverless: false }),
      '**churn / Primary**\n\nInstances: 2 current, 3 desired  \nInstance type: ml.m5.xlarge  \nWeight: 1',
    );
    assert.equal(variantTooltip('churn', { name: 'Sls', serverless: true }), '**churn / Sls**\n\nInstances: — current, — desired  \nInstance type: serverless  \nWeight: —');
    assert.equal(variantTooltip('churn', { name: 'V', serverless: false }).includes('Instance type: —'), true);
  });

  it('instance: where it was seen, in the description and the tooltip', () => {
    const i = { endpointName: 'churn', variantName: 'Primary', instanceId: 'i-1', sources: ['logStream', 'hostDimension', 'instanceIdDimension'] as const, lastEventAt: t0 };
    assert.equal(instanceDescription(i), 'logs · Host metrics · InstanceId metrics');
    assert.equal(instanceTooltip(i), '**i-1**\n\nVariant Primary of churn  \nSeen in: logs, Host metrics, InstanceId metrics  \nLast log event: 2024-01-02 03:04:05 UTC');
  });

  it('status icons: passed, spinning, failed', () => {
    assert.deepEqual(ENDPOINT_STATUS_ICONS.InService, { id: 'pass', color: 'testing.iconPassed' });
    assert.deepEqual(ENDPOINT_STATUS_ICONS.Updating, { id: 'sync~spin' });
    assert.deepEqual(ENDPOINT_STATUS_ICONS.Failed, { id: 'error', color: 'testing.iconFailed' });
    assert.deepEqual(TRAINING_JOB_STATUS_ICONS.InProgress, { id: 'sync~spin' });
    assert.deepEqual(TRAINING_JOB_STATUS_ICONS.Stopped, { id: 'debug-stop', color: 'list.warningForeground' });
  });
});
