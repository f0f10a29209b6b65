/** What the explorer says about alarms on its items: pure text, drawn by baseNodes.ts. */
import type { AlarmBadge } from '../../shared/metrics/alarms';

/** Which alarm is in which state: what the badges show (equal strings = nothing to redraw). */
export function alarmStates(alarms: readonly { readonly alarmName: string; readonly state: string }[]): string {
  return alarms
    .map((a) => `${a.alarmName}\u0000${a.state}`)
    .sort()
    .join('\n');
}

/** Whether the item shows the badge at all (OK alarms are not news). */
export function showsBadge(badge: AlarmBadge | undefined): badge is AlarmBadge {
  return badge !== undefined && badge.state !== 'OK';
}

/**
 * The item's description with its badge: ALARM is loud (the first two alarm names, then `+N`, before the
 * description); INSUFFICIENT_DATA is a quiet note after it.
 */
export function describeWithAlarms(description: string | boolean | undefined, badge: AlarmBadge): string {
  if (badge.state === 'ALARM') {
    const names = badge.alarms.map((a) => a.alarmName);
    const shown = names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
    return [`ALARM: ${shown}`, description].filter(Boolean).join(' · ');
  }
  return [description, 'alarm: insufficient data'].filter(Boolean).join(' · ');
}

/** The tooltip's alarm heading (markdown). */
export function alarmTooltipHeading(badge: AlarmBadge): string {
  return `\n\n**Alarms (${badge.state}):**`;
}

/** One alarm's line in the tooltip (plain text, escaped by whoever draws it). */
export function alarmTooltipLine(alarm: AlarmBadge['alarms'][number]): string {
  return `${alarm.alarmName}${alarm.stateReason ? ` — ${alarm.stateReason}` : ''}`;
}
