/**
 * Operator accounts as stored: one `adminUsers` document per username (the username is also the `_id`, so a
 * second account of the same name is a duplicate-key failure, never a silent second document).
 */
import { hashPassword } from './passwords';
import type { AdminRole, AdminUserDoc } from '../_shared/store/admin-users';

export const OWNER_USERNAME = 'owner';

export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export async function newAdminUser(
  username: string,
  password: string,
  role: AdminRole,
  now: number,
): Promise<AdminUserDoc> {
  return {
    _id: username,
    username,
    passwordHash: await hashPassword(password),
    role,
    failedAttempts: 0,
    lockedUntil: null,
    tokenVersion: 1,
    createdAt: now,
  };
}

/** What may leave the server or enter the audit log: everything but the password hash. */
export function publicAdminUser({ passwordHash: _hash, ...rest }: AdminUserDoc): Omit<AdminUserDoc, 'passwordHash'> {
  return rest;
}
