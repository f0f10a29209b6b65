import type { Account } from '../model/state';
import type { QuirkState } from '../quirks';

export interface Ctx {
  account: Account;
  region: string;
  /** simulated now, epoch ms */
  now: number;
  requestId: string;
  /** the simulator's quirk modes (absent = none) */
  quirks?: QuirkState;
}
