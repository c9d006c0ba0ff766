/** 商家转账 in the core: the bill request (scene 1005 with its report info, real name from ¥2,000) and states. */
import fc from 'fast-check';
import {
  canRecordTransferState,
  transferBillNo,
  transferBillRequest,
  transferOutcome,
  TRANSFER_BILL_STATES,
  type Fen,
} from '../src';

const base = {
  appId: 'wx0000000000local',
  withdrawalId: 'wd-3f9a_b2',
  attempt: 2,
  openid: 'o-B',
  notifyUrl: 'https://shop.example.com/wechatpay/transfer-notify',
  month: '2026-03',
};

test('the request names scene 1005 佣金报酬 with its report info, the net amount and a stable bill number', () => {
  const request = transferBillRequest({ ...base, netFen: 25600 as Fen });
  expect(request).toEqual({
    ok: true,
    value: {
      appid: 'wx0000000000local',
      out_bill_no: 'wd3f9ab2A2',
      transfer_scene_id: '1005',
      openid: 'o-B',
      transfer_amount: 25600,
      transfer_remark: '分销佣金提现',
      notify_url: base.notifyUrl,
      user_recv_perception: '劳务报酬',
      transfer_scene_report_infos: [
        { info_type: '岗位类型', info_content: '分销员' },
        { info_type: '报酬说明', info_content: '2026-03分销佣金256.00元' },
      ],
    },
  });
});

test('from ¥2,000 the real name is required, and passed as given (already encrypted)', () => {
  const refused = transferBillRequest({ ...base, netFen: 200000 as Fen });
  expect(refused.ok ? null : refused.error.code).toBe('REAL_NAME_REQUIRED');
  expect(transferBillRequest({ ...base, netFen: 199999 as Fen }).ok).toBe(true);
  const named = transferBillRequest({ ...base, netFen: 200000 as Fen, encryptedRealName: 'c2VhbGVk' });
  expect(named.ok && named.value.user_name).toBe('c2VhbGVk');
});

test('bill numbers are letters and digits, at most 32, and differ per attempt', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 99 }), (id, attempt) => {
      const no = transferBillNo(id, attempt);
      expect(no).toMatch(/^[A-Za-z0-9]{1,32}$/);
      expect(no).not.toBe(transferBillNo(id, attempt + 1));
    }),
  );
});

test('only final states move money; a final state is never left', () => {
  expect(TRANSFER_BILL_STATES.map((s) => [s, transferOutcome(s)])).toEqual([
    ['ACCEPTED', 'pending'],
    ['PROCESSING', 'pending'],
    ['WAIT_USER_CONFIRM', 'pending'],
    ['TRANSFERING', 'pending'],
    ['SUCCESS', 'pay'],
    ['FAIL', 'fail'],
    ['CANCELING', 'pending'],
    ['CANCELLED', 'fail'],
  ]);
  for (const final of ['SUCCESS', 'FAIL', 'CANCELLED'] as const) {
    for (const next of TRANSFER_BILL_STATES) expect(canRecordTransferState(final, next)).toBe(next === final);
  }
  expect(canRecordTransferState('WAIT_USER_CONFIRM', 'SUCCESS')).toBe(true);
  expect(canRecordTransferState('TRANSFERING', 'WAIT_USER_CONFIRM')).toBe(false);
  expect(canRecordTransferState(undefined, 'ACCEPTED')).toBe(true);
});
