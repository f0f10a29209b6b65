/** The one action a failure node offers: what can fix that kind of failure. */
import type { FailureKind } from '../../shared/failures';
import { CommandId } from '../../shared/ids';
import { GROUPS_SETTING } from './groups';

export interface FailureAction {
  readonly title: string;
  readonly command: string;
  readonly args?: unknown[];
}

/**
 * `parent` is the node whose children failed: retrying refreshes it. `group`: the parent is a top-level group,
 * which the user can hide when the endpoint does not offer its listing at all (an emulator without it).
 */
export function failureAction(failure: { readonly kind: FailureKind; readonly action?: string }, parent: unknown, where: { readonly group?: boolean } = {}): FailureAction {
  switch (failure.kind) {
    case 'noCredentials':
      return { title: 'Configure AWS profile', command: CommandId.SelectProfile };
    case 'noRegion':
      return { title: 'Select region', command: CommandId.SelectRegion };
    case 'badEndpoint':
      return { title: 'Check endpoint URL', command: 'workbench.action.openSettings', args: ['sagemakerMonitor.endpointUrl'] };
    case 'expiredCredentials':
      return { title: 'Sign in again, then retry', command: CommandId.Refresh, args: [parent] };
    case 'accessDenied':
      return { title: failure.action ? `Grant ${failure.action}, then retry` : 'Retry', command: CommandId.Refresh, args: [parent] };
    case 'notFound':
      // Deleted since the list was read: reading it again drops it.
      return { title: 'Refresh the list', command: CommandId.Refresh };
    case 'unsupported':
      return where.group ? { title: 'Hide this group', command: 'workbench.action.openSettings', args: [GROUPS_SETTING] } : { title: 'Retry', command: CommandId.Refresh, args: [parent] };
    default:
      return { title: 'Retry', command: CommandId.Refresh, args: [parent] };
  }
}
