import * as assert from 'node:assert/strict';
import {
  endpointDescription,
  endpointTooltip,
  inferenceComponentDescription,
  inferenceComponentTooltip,
  instanceDescription,
  instanceTooltip,
  variantExtras,
  variantTooltip,
} from '../../../src/explorer/model/endpointText';
import { formatVariantDescription } from '../../../src/shared/format';
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
    assert.equal(variantTooltip('churn', { name: 'Sls', serverless: true }), '**churn / Sls**\n\nServerless: — MB memory, max — concurrent, 0 provisioned  \nWeight: —');
    assert.equal(
      variantTooltip('churn', { name: 'Sls', serverless: true, serverlessConfig: { memorySizeInMB: 4096, maxConcurrency: 20, provisionedConcurrency: 2 }, currentWeight: 1 }),
      '**churn / Sls**\n\nServerless: 4096 MB memory, max 20 concurrent, 2 provisioned  \nWeight: 1',
    );
    assert.match(variantTooltip('mme', { name: 'V', serverless: false, modelName: 'recsys', multiModel: true }), /Model: recsys \(multi-model\)/);
    assert.match(variantTooltip('llm', { name: 'V', serverless: false, inferenceComponents: true }), /Hosts inference components/);
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

  it('endpoint description: status, then the kind once described, and an async endpoint\'s backlog', () => {
    assert.equal(endpointDescription('InService', undefined, undefined), 'InService');
    assert.equal(endpointDescription('InService', new Set(['realtime']), undefined), 'InService');
    assert.equal(endpointDescription('InService', new Set(['async']), { backlog: 42 }), 'InService · async · backlog 42');
    assert.equal(endpointDescription('InService', new Set(['async']), { backlog: 7, backlogWithoutCapacity: 1 }), 'InService · async · backlog 7 (no capacity)');
    assert.equal(endpointDescription('InService', new Set(['async']), {}), 'InService · async');
    assert.equal(endpointDescription('Updating', new Set(['inferenceComponents']), undefined), 'Updating · inference components');
    assert.equal(endpointDescription('InService', new Set(['multiModel']), { backlog: 3 }), 'InService · multi-model');
  });

  it('variant description: serverless memory and concurrency instead of instances; components and loaded models', () => {
    assert.equal(formatVariantDescription({ serverless: true, serverlessConfig: { memorySizeInMB: 4096, maxConcurrency: 20, provisionedConcurrency: 2 } }), 'serverless 4096 MB · max 20 concurrent · 2 provisioned');
    const mme = { name: 'AllTraffic', serverless: false, currentInstanceCount: 2, desiredInstanceCount: 2, instanceType: 'ml.c5.2xlarge', modelName: 'recsys', multiModel: true } as const;
    const gauges = { loadedModels: new Map([['AllTraffic', 7]]) };
    assert.equal(formatVariantDescription(mme, variantExtras(mme, gauges, undefined)), '2 × ml.c5.2xlarge · multi-model · 7 models loaded');
    const ic = { name: 'AllTraffic', serverless: false, currentInstanceCount: 2, instanceType: 'ml.g5.12xlarge', inferenceComponents: true } as const;
    assert.equal(formatVariantDescription(ic, variantExtras(ic, undefined, 2)), '2 × ml.g5.12xlarge · 2 inference components');
    assert.deepEqual(variantExtras(ic, undefined, undefined), []);
  });

  it('inference component: status, copies (current→desired while scaling), compute per copy', () => {
    const base = { name: 'llama', arn: 'arn', endpointName: 'llm', variantName: 'AllTraffic', status: 'InService', modelName: 'llama3-8b' };
    assert.equal(inferenceComponentDescription({ ...base, currentCopyCount: 2, desiredCopyCount: 2, acceleratorsPerCopy: 1, cpuCoresPerCopy: 2, memoryPerCopyMb: 24576 }), 'InService · 2 copies · 1 GPU, 2 CPUs, 24 GiB per copy');
    assert.equal(inferenceComponentDescription({ ...base, status: 'Updating', currentCopyCount: 1, desiredCopyCount: 3, memoryPerCopyMb: 1000 }), 'Updating · 1→3 copies · 1000 MiB per copy');
    assert.equal(inferenceComponentDescription({ ...base, currentCopyCount: 1 }), 'InService · 1 copy');
    assert.equal(inferenceComponentDescription(base), 'InService');
    assert.match(inferenceComponentTooltip({ ...base, currentCopyCount: 1, desiredCopyCount: 3 }), /Model: llama3-8b {2}\nCopies: 1 current, 3 desired/);
  });
});
