import * as assert from 'node:assert/strict';
import { filterDescription, isFiltered, JOB_STATUSES, jobsPageQuery, noJobsMessage, parseJobFilterArgument, unseenJobs } from '../../../src/explorer/model/jobPaging';

describe('explorer/model/jobPaging: filter and pages of the job groups', () => {
  it('describes the filter, and says so when nothing matches', () => {
    assert.equal(isFiltered({}), false);
    assert.equal(isFiltered({ nameContains: '' }), false);
    assert.equal(filterDescription({}), undefined);
    assert.equal(filterDescription({ nameContains: 'bert' }), '"bert"');
    assert.equal(filterDescription({ status: 'Failed' }), 'Failed');
    assert.equal(filterDescription({ nameContains: 'bert', status: 'Failed' }), '"bert" · Failed');
    assert.equal(noJobsMessage('training', {}), 'No training jobs in this region');
    assert.equal(noJobsMessage('training', { status: 'Stopped' }), 'No training jobs match the filter');
    assert.equal(noJobsMessage('processing', {}), 'No processing jobs in this region');
    assert.equal(noJobsMessage('transform', { nameContains: 'x' }), 'No transform jobs match the filter');
  });

  it('asks only for what is set', () => {
    assert.deepEqual(jobsPageQuery({}, 50, undefined), { pageSize: 50 });
    assert.deepEqual(jobsPageQuery({ nameContains: 'bert', status: 'InProgress' }, 20, 'tok'), { pageSize: 20, nameContains: 'bert', status: 'InProgress', nextToken: 'tok' });
    assert.deepEqual(jobsPageQuery({ nameContains: '' }, 20, ''), { pageSize: 20 });
  });

  it('adds only the jobs not loaded yet, in page order', () => {
    const j = (name: string) => ({ name, arn: name, status: 'Completed' });
    assert.deepEqual(unseenJobs([j('a'), j('b')], [j('b'), j('c'), j('d')]).map((x) => x.name), ['c', 'd']);
    assert.deepEqual(unseenJobs([], [j('a')]).map((x) => x.name), ['a']);
  });

  it('offers the five statuses in order', () => {
    assert.deepEqual(JOB_STATUSES, ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped']);
  });

  it('reads a filterJobs argument { kind, nameContains?, status? } (DESIGN §2)', () => {
    assert.deepEqual(parseJobFilterArgument({ kind: 'processing', nameContains: 'churn', status: 'Failed' }), { kind: 'processing', filter: { nameContains: 'churn', status: 'Failed' } });
    assert.deepEqual(parseJobFilterArgument({ kind: 'transform' }), { kind: 'transform', filter: {} });
    assert.deepEqual(parseJobFilterArgument({ nameContains: '' }, 'training'), { kind: 'training', filter: {} });
    assert.deepEqual(parseJobFilterArgument({ kind: 'tuning', status: 'InProgress' }), { kind: 'tuning', filter: { status: 'InProgress' } });
    assert.deepEqual(parseJobFilterArgument({ kind: 'pipeline', nameContains: 'churn' }), { kind: 'pipeline', filter: { nameContains: 'churn' } });
    // ListPipelines filters by a name prefix only.
    assert.match((parseJobFilterArgument({ kind: 'pipeline', status: 'Failed' }) as { error: string }).error, /pipelines filter by name only/);
    assert.match((parseJobFilterArgument({ kind: 'notebook' }) as { error: string }).error, /"kind" must be one of training, processing, transform, tuning, pipeline/);
    assert.match((parseJobFilterArgument({}) as { error: string }).error, /"kind"/);
    assert.match((parseJobFilterArgument({ kind: 'processing', status: 'Running' }) as { error: string }).error, /"status"/);
    assert.match((parseJobFilterArgument({ kind: 'processing', nameContains: 7 }) as { error: string }).error, /"nameContains"/);
  });
});
