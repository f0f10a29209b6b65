import type { Account } from '../model/state';
import type { InsightsConfig } from '../model/insights/queries';
import type { QuirkState } from '../quirks';

export interface Ctx {
  account: Account;
  region: string;
  /** simulated now, epoch ms */
  now: number;
  requestId: string;
  /** the simulator's quirk modes (absent = none) */
  quirks?: QuirkState;
  /** Logs Insights pacing and quota (absent = DEFAULT_INSIGHTS) */
  insights?: InsightsConfig;
}
