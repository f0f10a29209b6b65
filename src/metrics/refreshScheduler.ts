/**
 * A panel's auto-refresh: the next refresh due one interval after the last one, none while the panel is hidden
 * or auto-refresh is off, and nothing left scheduled once stopped.
 */
export class RefreshScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly refresh: () => void) {}

  /** Whether a refresh is scheduled. */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** Schedules the next refresh `intervalMs` after `lastRefreshAt` (Date.now() ms); undefined = none. */
  schedule(intervalMs: number | undefined, lastRefreshAt: number): void {
    this.clear();
    if (intervalMs === undefined) {
      return;
    }
    const due = Math.max(0, lastRefreshAt + intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, due);
  }

  clear(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
