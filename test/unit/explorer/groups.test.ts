import * as assert from 'node:assert/strict';
import { EXPLORER_GROUPS, shownGroups } from '../../../src/explorer/model/groups';

describe('explorer/model/groups: the sagemakerMonitor.explorer.groups setting', () => {
  it('shows every group in order unless one is set to false', () => {
    assert.deepEqual(EXPLORER_GROUPS, ['endpoints', 'trainingJobs', 'processingJobs', 'transformJobs', 'tuningJobs', 'pipelines']);
    assert.deepEqual(shownGroups({}), EXPLORER_GROUPS);
    assert.deepEqual(shownGroups({ processingJobs: false, pipelines: false }), ['endpoints', 'trainingJobs', 'transformJobs', 'tuningJobs']);
    assert.deepEqual(shownGroups({ endpoints: false, transformJobs: false, trainingJobs: true, tuningJobs: false }), ['trainingJobs', 'processingJobs', 'pipelines']);
  });

  it('hides only on an explicit false: a malformed setting or an unknown key hides nothing', () => {
    for (const setting of [undefined, null, 'processingJobs', ['processingJobs'], 3, { processingJobs: 'no' }, { notebooks: false }]) {
      assert.deepEqual(shownGroups(setting), EXPLORER_GROUPS, JSON.stringify(setting));
    }
  });
});
