/** What the explorer says about alarms on its items: pure text, drawn by baseNodes.ts. */

/** Which alarm is in which state: what the badges show (equal strings = nothing to redraw). */
export function alarmStates(alarms: readonly { readonly alarmName: string; readonly state: string }[]): string {
  return alarms
    .map((a) => `${a.alarmName}\u0000${a.state}`)
    .sort()
    .join('\n');
}
