/** `adminUsers`: the merchant's operator accounts (signed in through adminApi). */

import type { AdminRole } from '../../../contract/src';

export type { AdminRole };

export interface AdminUserDoc {
  _id: string;
  username: string;
  passwordHash: string;
  role: AdminRole;
  failedAttempts: number;
  lockedUntil: number | null;
  tokenVersion: number;
  createdAt: number;
}
