/** Shopper documents: created on first contact, they hold the current inviter binding. */
import { db } from '../platform/cloud';
import { getDoc } from '../platform/documents';
import { COLLECTIONS } from './collections';
import { isDuplicateKey } from '../platform/transactions';
import type { BindingSource } from '../../../core/src';

/** A shopper's own phone (bound through WeChat's getPhoneNumber): sealed, and a keyed hash to find it by. */
export interface SealedPhone {
  sealed: string;
  hash: string;
  boundAt: number;
}

export interface UserDoc {
  _id: string;
  createdAt: number;
  inviterOpenid: string | null;
  boundAt: number | null;
  bindingSource: BindingSource | null;
  paidOrderCount: number;
  /** Set by the shopper ("我的", `<input type="nickname">`): text, shown as text. */
  nickname?: string;
  /** The avatar the shopper chose (`open-type="chooseAvatar"`): its cloud fileID, or an https link in older data. */
  avatarUrl?: string;
  /** The phone bound through `getPhoneNumber`: sealed, with a keyed hash for lookups (store/personal-records). */
  phone?: SealedPhone;
  /** Set when an operator erased the shopper's personal data on request (个人信息删除). */
  erasedAt?: number;
}

export async function ensureUser(openid: string, now: number): Promise<UserDoc> {
  const existing = await getDoc<UserDoc>(COLLECTIONS.users, openid);
  if (existing) return existing;
  const fresh: UserDoc = {
    _id: openid,
    createdAt: now,
    inviterOpenid: null,
    boundAt: null,
    bindingSource: null,
    paidOrderCount: 0,
  };
  try {
    await db().collection(COLLECTIONS.users).add({ data: fresh });
    return fresh;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return (await getDoc<UserDoc>(COLLECTIONS.users, openid)) ?? fresh;
  }
}

/**
 * The inviters above `openid`, nearest first, reading one user document per step (at most `depth`). Stops at a
 * loop in stored data rather than walking it forever.
 */
export async function inviterChain(
  openid: string,
  depth: number,
  first?: UserDoc | null,
): Promise<Map<string, string | null>> {
  const inviters = new Map<string, string | null>();
  let current: UserDoc | null = first === undefined ? await getDoc<UserDoc>(COLLECTIONS.users, openid) : first;
  let id = openid;
  for (let step = 0; step <= depth && current; step++) {
    inviters.set(id, current.inviterOpenid);
    const next = current.inviterOpenid;
    if (!next || inviters.has(next)) break;
    id = next;
    current = step < depth ? await getDoc<UserDoc>(COLLECTIONS.users, next) : null;
  }
  return inviters;
}
