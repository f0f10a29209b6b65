import * as assert from 'node:assert/strict';
import { formatDuration, formatVariantDescription } from '../../../src/shared/format';

describe('shared/format', () => {
  it('formats durations compactly', () => {
    assert.equal(formatDuration(45_000), '45s');
    assert.equal(formatDuration(12 * 60_000 + 5_000), '12m');
    assert.equal(formatDuration(3 * 3_600_000 + 5 * 60_000), '3h 05m');
    assert.equal(formatDuration(2 * 86_400_000 + 4 * 3_600_000), '2d 4h');
    assert.equal(formatDuration(-5), '0s');
  });

  it('describes a variant, showing scaling as current→desired', () => {
    assert.equal(formatVariantDescription({ currentInstanceCount: 3, desiredInstanceCount: 3, instanceType: 'ml.m5.xlarge', currentWeight: 1, serverless: false }), '3 × ml.m5.xlarge · weight 1');
    assert.equal(formatVariantDescription({ currentInstanceCount: 1, desiredInstanceCount: 2, instanceType: 'ml.g5.xlarge', serverless: false }), '1→2 × ml.g5.xlarge');
    assert.equal(formatVariantDescription({ serverless: true, currentWeight: 0.5 }), 'serverless · weight 0.5');
  });
});
