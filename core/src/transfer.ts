/**
 * WeChat Pay 商家转账 (user-confirm mode, since 2025-01-15) as the core sees it: what the shop asks for when an
 * approved withdrawal is released (`POST /v3/fund-app/mch-transfer/transfer-bills`, scene 1005 佣金报酬), and what a
 * bill's state, read back from WeChat Pay, means for the withdrawal. No I/O: the workflow signs, sends and queries.
 *
 * Bill states (WeChat's): ACCEPTED → (PROCESSING) → WAIT_USER_CONFIRM → TRANSFERING → SUCCESS | FAIL, and
 * CANCELING → CANCELLED; an unconfirmed bill is closed by WeChat after 24 h (CANCELLED, 超时未确认). Only the final
 * states move money: SUCCESS pays the withdrawal, FAIL and CANCELLED release its hold to the balance.
 */
import { err, ok, type Result } from './errors';
import type { Fen } from './money';

export const TRANSFER_BILL_STATES = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
] as const;
export type TransferBillState = (typeof TRANSFER_BILL_STATES)[number];

/** The state a bill may move to from each state; anything else read back is out of order and ignored. */
export const TRANSFER_BILL_TRANSITIONS: Readonly<Record<TransferBillState, readonly TransferBillState[]>> = {
  ACCEPTED: ['PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'],
  PROCESSING: ['WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'],
  WAIT_USER_CONFIRM: ['TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED'],
  TRANSFERING: ['SUCCESS', 'FAIL'],
  CANCELING: ['CANCELLED'],
  SUCCESS: [],
  FAIL: [],
  CANCELLED: [],
};

export function isTransferBillState(value: unknown): value is TransferBillState {
  return typeof value === 'string' && (TRANSFER_BILL_STATES as readonly string[]).includes(value);
}

/** What a bill state read from WeChat Pay does to the withdrawal: nothing yet, pay it, or release its hold. */
export type TransferOutcome = 'pending' | 'pay' | 'fail';

export function transferOutcome(state: TransferBillState): TransferOutcome {
  if (state === 'SUCCESS') return 'pay';
  if (state === 'FAIL' || state === 'CANCELLED') return 'fail';
  return 'pending';
}

/** Whether a bill recorded in `from` may be recorded as `to` (the same state again is a harmless repeat). */
export function canRecordTransferState(from: TransferBillState | undefined, to: TransferBillState): boolean {
  if (from === undefined) return true;
  return from === to || TRANSFER_BILL_TRANSITIONS[from].includes(to);
}

/** WeChat requires the payee's real name (encrypted with its public key) from ¥2,000 per transfer. */
export const TRANSFER_REAL_NAME_FROM_FEN = 200000;
/** 佣金报酬: paying a seller, group leader or streamer their commission. */
export const COMMISSION_TRANSFER_SCENE_ID = '1005';

export interface TransferBillRequest {
  readonly appid: string;
  readonly out_bill_no: string;
  readonly transfer_scene_id: string;
  readonly openid: string;
  readonly user_name?: string;
  readonly transfer_amount: number;
  readonly transfer_remark: string;
  readonly notify_url: string;
  readonly user_recv_perception: string;
  readonly transfer_scene_report_infos: readonly { readonly info_type: string; readonly info_content: string }[];
}

export interface TransferBillInput {
  readonly appId: string;
  readonly withdrawalId: string;
  readonly attempt: number;
  readonly openid: string;
  /** What reaches the distributor: gross − fee − tax. */
  readonly netFen: Fen;
  readonly notifyUrl: string;
  /** `YYYY-MM`, the month the commission is paid for (报酬说明). */
  readonly month: string;
  /** The payee's real name already encrypted with WeChat Pay's public key, when there is one. */
  readonly encryptedRealName?: string;
}

/**
 * `out_bill_no` is the withdrawal id and attempt (letters and digits only, ≤ 32): creating the same attempt's bill
 * twice is the same bill at WeChat Pay, so a retried release never pays twice.
 */
export function transferBillNo(withdrawalId: string, attempt: number): string {
  return `${withdrawalId.replace(/[^A-Za-z0-9]/g, '')}A${attempt}`.slice(-32);
}

/** The body of the transfer-bill request, or REAL_NAME_REQUIRED when the amount needs a name that is missing. */
export function transferBillRequest(input: TransferBillInput): Result<TransferBillRequest> {
  if (input.netFen >= TRANSFER_REAL_NAME_FROM_FEN && !input.encryptedRealName) {
    return err('REAL_NAME_REQUIRED', { netFen: input.netFen, fromFen: TRANSFER_REAL_NAME_FROM_FEN });
  }
  const yuan = `${Math.floor(input.netFen / 100)}.${String(input.netFen % 100).padStart(2, '0')}`;
  return ok({
    appid: input.appId,
    out_bill_no: transferBillNo(input.withdrawalId, input.attempt),
    transfer_scene_id: COMMISSION_TRANSFER_SCENE_ID,
    openid: input.openid,
    ...(input.encryptedRealName ? { user_name: input.encryptedRealName } : {}),
    transfer_amount: input.netFen,
    transfer_remark: '分销佣金提现',
    notify_url: input.notifyUrl,
    user_recv_perception: '劳务报酬',
    transfer_scene_report_infos: [
      { info_type: '岗位类型', info_content: '分销员' },
      { info_type: '报酬说明', info_content: `${input.month}分销佣金${yuan}元` },
    ],
  });
}
