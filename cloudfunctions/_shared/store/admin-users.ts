/** `adminUsers`: the merchant's operator accounts (signed in through adminApi). */

export type AdminRole = 'owner' | 'operator' | 'finance';

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
