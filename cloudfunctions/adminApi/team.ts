/**
 * A distributor's team from `users.inviterOpenid`: level 1 = shoppers they invited, level 2 = shoppers those
 * invited. Only two levels down, matching what the rules can pay.
 */
import { db } from '../_shared/platform/cloud';
import { listDocs } from '../_shared/platform/documents';
import { COLLECTIONS } from '../_shared/store/collections';
import type { UserDoc } from '../_shared/store/users';
import { allMatching, countOf } from './queries';

/** Teams are read whole for counting; past this many direct invitees the level-2 count is a lower bound. */
const TEAM_SCAN_LIMIT = 10_000;
/** `_.in` lists are sent in chunks so that one query stays small. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

export async function invitedBy(openid: string): Promise<UserDoc[]> {
  return allMatching<UserDoc>(COLLECTIONS.users, { inviterOpenid: openid }, TEAM_SCAN_LIMIT);
}

async function countInvitedByAny(openids: readonly string[]): Promise<number> {
  const _ = db().command;
  const counts = await Promise.all(
    chunks(openids, IN_CHUNK).map((chunk) =>
      countOf(
        db()
          .collection(COLLECTIONS.users)
          .where({ inviterOpenid: _.in(chunk) }),
      ),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

export async function teamSize(openid: string): Promise<{ level1: number; level2: number }> {
  const level1 = await invitedBy(openid);
  return { level1: level1.length, level2: await countInvitedByAny(level1.map((user) => user._id)) };
}

/** Level-2 members to show, at most `limit`, with the total. */
export async function secondLevel(
  level1: readonly UserDoc[],
  limit: number,
): Promise<{ total: number; members: UserDoc[] }> {
  const _ = db().command;
  const ids = level1.map((user) => user._id);
  const members: UserDoc[] = [];
  for (const chunk of chunks(ids, IN_CHUNK)) {
    if (members.length >= limit) break;
    members.push(
      ...(await listDocs<UserDoc>(
        db()
          .collection(COLLECTIONS.users)
          .where({ inviterOpenid: _.in(chunk) })
          .orderBy('boundAt', 'desc')
          .limit(limit - members.length),
      )),
    );
  }
  return { total: await countInvitedByAny(ids), members };
}
