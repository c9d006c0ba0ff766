/** `distributors`: who may earn commission, their application and the merchant's decision on it. */
import type { DistributorState } from '../../../core/src';

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
