/** Operator accounts: the owner creates operator and finance accounts and resets their passwords. */
import { z } from 'zod';
import { DomainError } from '../../../core/src/errors';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newAdminUser, publicAdminUser, USERNAME_PATTERN } from '../accounts';
import { db } from '../../_shared/platform/cloud';
import { getDoc, listDocs, updatedCount } from '../../_shared/platform/documents';
import type { AdminUserDoc } from '../../_shared/store/admin-users';
import { COLLECTIONS } from '../../_shared/store/collections';
import { hashPassword } from '../passwords';
import { isDuplicateKey } from '../../_shared/platform/transactions';
import { recordChange } from '../audit';
import { handler } from '../router';
import { revokeAllSessions } from '../sessions';

const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`)
  .max(MAX_PASSWORD_LENGTH);

export const listOperators = handler({}, async () => {
  const users = await listDocs<AdminUserDoc>(
    db().collection(COLLECTIONS.adminUsers).orderBy('createdAt', 'asc').limit(1000),
  );
  return { items: users.map(publicAdminUser) };
});

export const createOperator = handler(
  {
    body: z.strictObject({
      username: z.string().regex(USERNAME_PATTERN, '用户名为 3–32 位小写字母、数字、_ . -，以字母开头'),
      password: passwordSchema,
      // Owners are made by the seed only: an owner account can do everything, including making more owners.
      role: z.enum(['operator', 'finance']),
    }),
  },
  async ({ body, actor, now }) => {
    const user = await newAdminUser(body.username, body.password, body.role, now);
    try {
      await db().collection(COLLECTIONS.adminUsers).add({ data: user });
    } catch (error) {
      if (isDuplicateKey(error))
        throw new DomainError('CONFLICT', { username: body.username }, `用户名 ${body.username} 已存在`);
      throw error;
    }
    await recordChange(actor, 'operator.create', `adminUsers/${user._id}`, null, publicAdminUser(user), now);
    return { username: user.username, role: user.role };
  },
);

/** A new password also ends every session of that account (tokenVersion, and each session is marked revoked). */
export const setOperatorPassword = handler(
  { body: z.strictObject({ password: passwordSchema }) },
  async ({ params, body, actor, now }) => {
    const username = params.username as string;
    const before = await getDoc<AdminUserDoc>(COLLECTIONS.adminUsers, username);
    if (!before) throw new DomainError('NOT_FOUND', { username }, `账号 ${username} 不存在`);
    const changes = {
      passwordHash: await hashPassword(body.password),
      tokenVersion: before.tokenVersion + 1,
      failedAttempts: 0,
      lockedUntil: null,
    };
    const _ = db().command;
    // Guarded on the version read, so two resets at once cannot both report success.
    const result = await db()
      .collection(COLLECTIONS.adminUsers)
      .where({ _id: username, tokenVersion: _.eq(before.tokenVersion) })
      .update({ data: changes });
    if (updatedCount(result) !== 1) throw new DomainError('CONFLICT', { username });
    await revokeAllSessions(username, actor.username, now);
    await recordChange(
      actor,
      'operator.password',
      `adminUsers/${username}`,
      publicAdminUser(before),
      publicAdminUser({ ...before, ...changes }),
      now,
    );
    return { username };
  },
);
