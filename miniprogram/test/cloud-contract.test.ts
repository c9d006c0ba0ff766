/**
 * The client module speaks the contract: what each call sends over the wire, the error words, and (checked by
 * `tsc -p miniprogram/test/tsconfig.json`, which fails on an unused `@ts-expect-error`) the drifts the contract
 * turns into compile errors: a field a route does not take, a value the server never writes, a field it never sends.
 */
import { ERROR_MESSAGES, type CenterSummary } from '@shop/contract';
import { config } from '../config';
import { callCloud, chineseMessage } from '../services/cloud';
import { recorder, resetWx } from './support/harness';
import { cloud, ok, SUMMARY } from './support/fixtures';

beforeEach(() => {
  config.useLocalEmulator = false;
});

test('a routed function gets the route in $url; a function without routes gets its input as the event', async () => {
  resetWx(
    cloud({
      'distributorCenter.team': ok({ members: [], total: 0 }),
      requestWithdrawal: ok({ withdrawalId: 'w1', status: 'requested', amountFen: 1000, feeFen: 10 }),
    }),
  );
  await callCloud('distributorCenter', 'team', { level: 2, page: 1 });
  await callCloud('requestWithdrawal', 'main', { requestId: 'req-12345678', amountFen: 1000 });
  expect(recorder.calls).toEqual([
    { name: 'distributorCenter', data: { $url: 'team', level: 2, page: 1 } },
    { name: 'requestWithdrawal', data: { requestId: 'req-12345678', amountFen: 1000 } },
  ]);
});

test("the error words are the contract's; an unknown code reads as INTERNAL, an English message is replaced", () => {
  expect(chineseMessage('NOT_A_DISTRIBUTOR', 'not a distributor')).toBe(ERROR_MESSAGES.NOT_A_DISTRIBUTOR);
  expect(chineseMessage('DAILY_WITHDRAWAL_CAP_REACHED', undefined)).toBe('今日提现金额已达上限，请明天再试');
  expect(chineseMessage('SOMETHING_NEW', 'boom')).toBe(ERROR_MESSAGES.INTERNAL);
  expect(chineseMessage('INVALID_INPUT', '请填写 11 位手机号')).toBe('请填写 11 位手机号');
});

/** Never called: each line is a drift that must fail `tsc` (the directive itself fails it if the line compiles). */
export async function driftsThatFailTsc(): Promise<void> {
  // @ts-expect-error a route the function does not have
  await callCloud('shop', 'product-list');
  // @ts-expect-error a field the route does not take (the server's schema is strict)
  await callCloud('shop', 'product', { id: 'p-nuts', priceFen: 1 });
  // @ts-expect-error a field the route needs is missing
  await callCloud('orders', 'detail', {});
  // @ts-expect-error an order state the server does not know
  await callCloud('orders', 'list', { status: 'pending' });
  // @ts-expect-error placeOrder has no routes, so no `list`
  await callCloud('placeOrder', 'list', {});

  const summary = await callCloud('distributorCenter', 'summary');
  // @ts-expect-error the server writes `applied`, never `pending`
  if (summary.status === 'pending') return;
  const [coupon] = await callCloud('shop', 'coupons');
  // @ts-expect-error the coupon kind is `amount_off`, not `amount`
  if (coupon?.kind === 'amount') return;
  const [material] = await callCloud('distributorCenter', 'materials');
  // @ts-expect-error a material's text is `body`, its pictures `images`
  void material?.content;
  // @ts-expect-error fixtures are typed by the contract too
  const pendingFixture: CenterSummary = { ...SUMMARY, status: 'pending' };
  void pendingFixture;
}
