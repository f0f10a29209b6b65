/** `sagemakerMonitor.notifications`: which ends of jobs raise a notification. */
export const NOTIFICATION_MODES = ['watched', 'all', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

/** The setting as read (any JSON the user typed): an unknown value falls back to the default, `watched`. */
export function parseNotificationMode(raw: unknown): NotificationMode {
  return raw === 'all' || raw === 'off' ? raw : 'watched';
}
