/** What Stop Tailing Logs does when no tail is named (no vscode here: unit-tested on its own). */

export type StopChoice<T> =
  /** Nothing is being tailed. */
  | { readonly kind: 'none' }
  /** The tail it can tell: the one whose channel is showing, or the only one running. */
  | { readonly kind: 'stop'; readonly tail: T }
  /** It cannot tell: ask among these (the ones showing first). */
  | { readonly kind: 'ask'; readonly tails: readonly T[] };

/**
 * The running tails and those of them whose channel is showing → the tail to stop, or ask. One tail's channel
 * showing: that tail. None or several showing: ask, unless only one tail runs.
 */
export function stopChoice<T>(active: readonly T[], visible: readonly T[]): StopChoice<T> {
  if (active.length === 0) {
    return { kind: 'none' };
  }
  const shown = active.filter((t) => visible.includes(t));
  if (shown.length === 1) {
    return { kind: 'stop', tail: shown[0] };
  }
  if (active.length === 1) {
    return { kind: 'stop', tail: active[0] };
  }
  return { kind: 'ask', tails: [...shown, ...active.filter((t) => !shown.includes(t))] };
}
