import * as assert from 'node:assert/strict';
import { failureAction } from '../../../src/explorer/model/failureActions';
import { CommandId } from '../../../src/shared/ids';

describe('explorer/model/failureActions: the one action a failure node offers', () => {
  const parent = { id: 'endpoints' };

  it('sends missing setup to where it is set up', () => {
    assert.deepEqual(failureAction({ kind: 'noCredentials' }, parent), { title: 'Configure AWS profile', command: CommandId.SelectProfile });
    assert.deepEqual(failureAction({ kind: 'noRegion' }, parent), { title: 'Select region', command: CommandId.SelectRegion });
    assert.deepEqual(failureAction({ kind: 'badEndpoint' }, parent), { title: 'Check endpoint URL', command: 'workbench.action.openSettings', args: ['sagemakerMonitor.endpointUrl'] });
  });

  it('retries the parent after signing in or granting the permission', () => {
    assert.deepEqual(failureAction({ kind: 'expiredCredentials' }, parent), { title: 'Sign in again, then retry', command: CommandId.Refresh, args: [parent] });
    assert.deepEqual(failureAction({ kind: 'accessDenied', action: 'sagemaker:ListEndpoints' }, parent), {
      title: 'Grant sagemaker:ListEndpoints, then retry',
      command: CommandId.Refresh,
      args: [parent],
    });
    assert.equal(failureAction({ kind: 'accessDenied' }, parent).title, 'Retry');
  });

  it('refreshes the whole list when the resource is gone, else retries', () => {
    assert.deepEqual(failureAction({ kind: 'notFound' }, parent), { title: 'Refresh the list', command: CommandId.Refresh });
    for (const kind of ['network', 'serverError', 'badAnswer', 'throttled', 'other'] as const) {
      assert.deepEqual(failureAction({ kind }, parent), { title: 'Retry', command: CommandId.Refresh, args: [parent] });
    }
  });

  it('offers to hide a group whose listing the endpoint does not offer; elsewhere retries', () => {
    assert.deepEqual(failureAction({ kind: 'unsupported' }, parent, { group: true }), { title: 'Hide this group', command: 'workbench.action.openSettings', args: ['sagemakerMonitor.explorer.groups'] });
    assert.deepEqual(failureAction({ kind: 'unsupported' }, parent), { title: 'Retry', command: CommandId.Refresh, args: [parent] });
  });
});
