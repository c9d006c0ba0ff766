/** `distributors`: who may earn commission, their application and the merchant's decision on it. */
import type { DistributorState, HeldGrade } from '../../../core/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { COLLECTIONS } from './collections';

export interface DistributorDoc {
  _id: string;
  status: DistributorState;
  inviteCode: string;
  createdAt: number;
  nickname?: string;
  /** `name` and `phone` are sealed (platform/sealing.ts); `phoneHash` finds an application by phone. */
  application?: DistributorApplication;
  /** Set when an operator erased the distributor's personal data on request. */
  erasedAt?: number;
  /** New share codes and posters made on `day` (China time, YYYY-MM-DD), for the daily cap. */
  shareDay?: { day: string; created: number };
  decidedAt?: number;
  decidedBy?: string;
  rejectReason?: string;
  /** Set while an operator holds the distributor's money (风控冻结); removed on unfreeze. */
  freeze?: DistributorFreeze;
  /** The last time a freeze was lifted, and by whom (the audit log has the whole history). */
  unfrozenAt?: number;
  unfrozenBy?: string;
  unfreezeNote?: string;
  /** The grade held (分销等级), set by the upgradeGrades timer; absent until grades are on. */
  grade?: HeldGrade;
}

/**
 * A freeze, beside the status: a frozen distributor keeps their status (and keeps earning on orders already bound
 * to them), but nothing settles, nothing is withdrawn or paid out, and nobody new binds to them until it is lifted.
 */
export interface DistributorFreeze {
  /** What the distributor reads in their centre; plain text, never rendered as HTML. */
  reason: string;
  at: number;
  by: string;
}

export async function distributorByInviteCode(inviteCode: string): Promise<DistributorDoc | null> {
  const [found] = await listDocs<DistributorDoc>(
    db().collection(COLLECTIONS.distributors).where({ inviteCode }).limit(1),
  );
  return found ?? null;
}

export interface DistributorApplication {
  name: string;
  phone: string;
  phoneHash?: string;
  reason: string;
  at: number;
}
