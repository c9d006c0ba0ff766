/** `distributors`: who may earn commission, their application and the merchant's decision on it. */
import type { DistributorState } from '../../../core/src';
import { db } from '../platform/cloud';
import { listDocs } from '../platform/documents';
import { COLLECTIONS } from './collections';

export interface DistributorDoc {
  _id: string;
  status: DistributorState;
  inviteCode: string;
  createdAt: number;
  nickname?: string;
  application?: { name: string; phone: string; reason: string; at: number };
  decidedAt?: number;
  decidedBy?: string;
  rejectReason?: string;
}

export async function distributorByInviteCode(inviteCode: string): Promise<DistributorDoc | null> {
  const [found] = await listDocs<DistributorDoc>(db().collection(COLLECTIONS.distributors).where({ inviteCode }).limit(1));
  return found ?? null;
}
