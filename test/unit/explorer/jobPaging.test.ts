import * as assert from 'node:assert/strict';
import { filterDescription, isFiltered, noTrainingJobsMessage, TRAINING_JOB_STATUSES, trainingJobsPageQuery, unseenJobs } from '../../../src/explorer/model/trainingJobPaging';

describe('explorer/model/trainingJobPaging: filter and pages of the training jobs root', () => {
  it('describes the filter, and says so when nothing matches', () => {
    assert.equal(isFiltered({}), false);
    assert.equal(isFiltered({ nameContains: '' }), false);
    assert.equal(filterDescription({}), undefined);
    assert.equal(filterDescription({ nameContains: 'bert' }), '"bert"');
    assert.equal(filterDescription({ status: 'Failed' }), 'Failed');
    assert.equal(filterDescription({ nameContains: 'bert', status: 'Failed' }), '"bert" · Failed');
    assert.equal(noTrainingJobsMessage({}), 'No training jobs in this region');
    assert.equal(noTrainingJobsMessage({ status: 'Stopped' }), 'No training jobs match the filter');
  });

  it('asks only for what is set', () => {
    assert.deepEqual(trainingJobsPageQuery({}, 50, undefined), { pageSize: 50 });
    assert.deepEqual(trainingJobsPageQuery({ nameContains: 'bert', status: 'InProgress' }, 20, 'tok'), { pageSize: 20, nameContains: 'bert', status: 'InProgress', nextToken: 'tok' });
    assert.deepEqual(trainingJobsPageQuery({ nameContains: '' }, 20, ''), { pageSize: 20 });
  });

  it('adds only the jobs not loaded yet, in page order', () => {
    const j = (name: string) => ({ name, arn: name, status: 'Completed' });
    assert.deepEqual(unseenJobs([j('a'), j('b')], [j('b'), j('c'), j('d')]).map((x) => x.name), ['c', 'd']);
    assert.deepEqual(unseenJobs([], [j('a')]).map((x) => x.name), ['a']);
  });

  it('offers the five statuses in order', () => {
    assert.deepEqual(TRAINING_JOB_STATUSES, ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped']);
  });
});
