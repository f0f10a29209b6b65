/**
 * The one taxonomy of failures: src/aws/errors.ts sorts the SDK's errors into these kinds, and every feature
 * (tree nodes and their actions, panels, the tail engine's retries) decides by them.
 *
 * - `network`, `serverError` (a 5xx answer, or one cut below HTTP), `throttled`: worth asking again, later.
 * - `badAnswer`: something answered that is not AWS's format (an HTML error page of a proxy, a gateway or an
 *   emulator without the feature): also asked again later, and said in those words.
 * - `expiredCredentials`: asked again once the user signs in again (the clients read the credentials anew).
 * - `unsupported`: the endpoint does not offer the operation (an emulator without Live Tail, a quota of
 *   sessions reached): do without it.
 * - `invalidToken`: the service no longer knows a paging token it gave (it restarted): read on without it.
 * - `notFound`: the resource (or stream) does not exist (yet, or any more).
 */
export type FailureKind =
  | 'noCredentials'
  | 'expiredCredentials'
  | 'accessDenied'
  | 'noRegion'
  | 'badEndpoint'
  | 'network'
  | 'serverError'
  | 'badAnswer'
  | 'throttled'
  | 'notFound'
  | 'unsupported'
  | 'invalidToken'
  | 'cancelled'
  | 'other';

/** Kinds a later attempt may get past by itself. */
export function isTransient(kind: FailureKind): boolean {
  return kind === 'network' || kind === 'serverError' || kind === 'badAnswer' || kind === 'throttled';
}
