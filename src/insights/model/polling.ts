/**
 * How often GetQueryResults is asked while a query runs: soon at first (most queries end within a second),
 * then less and less often, to a ceiling. Every poll is one request against the account's quota.
 */
export const FIRST_POLL_MS = 250;
export const MAX_POLL_MS = 2000;

/** The wait before poll number `attempt` (0-based): 250, 500, 1000, 2000, 2000, … ms. */
export function pollDelay(attempt: number): number {
  return Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** Math.max(0, Math.floor(attempt)));
}

/** How long to wait before asking again for a free query slot (LimitExceededException). */
export const LIMIT_RETRY_MS = 5000;
