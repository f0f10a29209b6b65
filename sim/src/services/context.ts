import type { Account } from '../model/state';

export interface Ctx {
  account: Account;
  region: string;
  /** simulated now, epoch ms */
  now: number;
  requestId: string;
}
