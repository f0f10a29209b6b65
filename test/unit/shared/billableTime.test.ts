import * as assert from 'node:assert/strict';
import { billableTimeLines, spotSavingsPercent } from '../../../src/shared/billableTime';

describe('shared/billableTime: training and billable seconds, Spot savings, as the SageMaker SDK prints them', () => {
  it("a Spot job: the Hugging Face docs' example (874 s, 262 s → 70.0%)", () => {
    assert.deepEqual(billableTimeLines({ trainingSeconds: 874, billableSeconds: 262, managedSpot: true }), [
      'Training seconds: 874',
      'Billable seconds: 262',
      'Managed Spot Training savings: 70.0%',
    ]);
    assert.equal(spotSavingsPercent({ trainingSeconds: 338, billableSeconds: 107, managedSpot: true })?.toFixed(1), '68.3');
  });

  it('seconds times the instance count, the saving per instance (as the SDK does)', () => {
    assert.deepEqual(billableTimeLines({ trainingSeconds: 100, billableSeconds: 25, managedSpot: true, instanceCount: 4 }), [
      'Training seconds: 400',
      'Billable seconds: 100',
      'Managed Spot Training savings: 75.0%',
    ]);
  });

  it('on demand: no saving line; still running: nothing; a zero training time: no division', () => {
    assert.deepEqual(billableTimeLines({ trainingSeconds: 600, billableSeconds: 600, managedSpot: false }), ['Training seconds: 600', 'Billable seconds: 600']);
    assert.deepEqual(billableTimeLines({ managedSpot: true, instanceCount: 2 }), []);
    assert.equal(spotSavingsPercent({ trainingSeconds: 0, billableSeconds: 0, managedSpot: true }), undefined);
    assert.equal(spotSavingsPercent({ trainingSeconds: 10, billableSeconds: 3 }), undefined);
  });
});
