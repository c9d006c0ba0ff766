/**
 * Behaviour events (`shop` `track`): counted into the day's counters once per shopper and minute, never from an
 * event's own idea of who is calling, refused whole when oversized or carrying fields it should not, and markup
 * that names nothing real moves nothing. Then the funnels the admin page shows, from those counters and the orders.
 */
import { useEmulator } from '../../emulator/test/support/emulator';
import { apiOk, documents, ownerToken, seedShop } from './support/admin-http';
import { A, B, chainOfThree, paidOrder, S } from './support/commerce';
import { advanceClock, ok, placeOrder, refused } from './support/shopper';

// A shared machine under load can take tens of seconds per shop; nothing here measures time.
jest.setTimeout(120_000);

const emu = useEmulator();
let owner: string;
let codeOfB: string;

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
  await chainOfThree(emu);
  codeOfB = (await documents(emu, 'distributors')).find((d) => d._id === B).inviteCode;
});

const at = Date.now();
const track = (events: unknown[], openid = S) => ok(emu, 'shop', { $url: 'track', events }, openid);
const figures = async () => documents(emu, 'figures');
const productDay = async (productId: string) =>
  (await figures()).find((doc) => doc.kind === 'product' && doc.subject === productId && doc.date);
const distributorDay = async (openid: string) =>
  (await figures()).find((doc) => doc.kind === 'distributor' && doc.subject === openid && doc.date);

test('a batch moves the product and distributor counters; the same event again within the minute counts once', async () => {
  const answer = await track([
    { type: 'share_card_open', productId: 'p-nuts', distributor: codeOfB, at },
    { type: 'product_view', productId: 'p-nuts', distributor: codeOfB, at },
    { type: 'product_view', productId: 'p-nuts', distributor: codeOfB, at: at + 1 },
    { type: 'add_to_cart', productId: 'p-nuts', at },
  ]);
  expect(answer).toEqual({ accepted: 3, ignored: 1 });
  expect(await track([{ type: 'product_view', productId: 'p-nuts', distributor: codeOfB, at }])).toEqual({
    accepted: 0,
    ignored: 1,
  });
  expect(await productDay('p-nuts')).toMatchObject({ cardOpens: 1, views: 1, cartAdds: 1 });
  expect(await distributorDay(B)).toMatchObject({ cardOpens: 1, views: 1 });

  await advanceClock(emu, 61_000);
  await track([{ type: 'product_view', productId: 'p-nuts', distributor: codeOfB, at }]);
  expect(await productDay('p-nuts')).toMatchObject({ views: 2 });
  // One small document per shopper, not one per event.
  expect(await documents(emu, 'behaviourSeen')).toHaveLength(1);
});

test('an event naming a caller, an oversized batch or an unknown type is refused whole and writes nothing', async () => {
  const before = JSON.stringify(await figures());
  const view = { type: 'product_view', productId: 'p-nuts', at };
  expect((await refused(emu, 'shop', { $url: 'track', events: [{ ...view, openid: 'o-victim' }] }, S)).code).toBe(
    'INVALID_INPUT',
  );
  expect((await refused(emu, 'shop', { $url: 'track', openid: 'o-victim', events: [view] }, S)).code).toBe(
    'INVALID_INPUT',
  );
  expect((await refused(emu, 'shop', { $url: 'track', events: Array(21).fill(view) }, S)).code).toBe('INVALID_INPUT');
  expect((await refused(emu, 'shop', { $url: 'track', events: [{ ...view, type: 'purchase' }] }, S)).code).toBe(
    'INVALID_INPUT',
  );
  expect((await refused(emu, 'shop', { $url: 'track', events: [{ ...view, nickname: '张三' }] }, S)).code).toBe(
    'INVALID_INPUT',
  );
  expect(JSON.stringify(await figures())).toBe(before);
  expect(await documents(emu, 'behaviourSeen')).toEqual([]);
});

test('markup for a product or a distributor names nothing real and is stored nowhere', async () => {
  const markup = '<img src=x onerror=alert(1)>';
  expect(
    await track([
      { type: 'product_view', productId: markup, at },
      { type: 'share_card_open', productId: 'p-nuts', distributor: markup, at },
    ]),
  ).toEqual({ accepted: 1, ignored: 1 });
  expect(JSON.stringify(await figures())).not.toContain('<img');
  expect(JSON.stringify(await documents(emu, 'behaviourSeen'))).not.toContain('<img');
});

test('funnels per product and per distributor: opened → viewed → ordered → paid → kept', async () => {
  await track([
    { type: 'share_card_open', productId: 'p-nuts', distributor: codeOfB, at },
    { type: 'product_view', productId: 'p-nuts', distributor: codeOfB, at },
  ]);
  await track([{ type: 'product_view', productId: 'p-nuts', distributor: codeOfB, at }], 'o-someone');
  await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  await placeOrder(emu, S, [{ productId: 'p-nuts', quantity: 1 }]);

  const answer = await apiOk(emu, 'GET', '/funnels?range=today', { token: owner });
  expect(answer.products).toEqual([
    { productId: 'p-nuts', title: '每日坚果 30 袋装', opened: 1, viewed: 2, ordered: 2, paid: 1, kept: 1 },
  ]);
  expect(answer.distributors).toEqual([{ openid: B, opened: 1, viewed: 2, ordered: 2, paid: 1, kept: 1 }]);
  // The distributor sees the same funnel, their own only; another distributor sees theirs (nothing yet).
  expect(await ok(emu, 'distributorCenter', { $url: 'funnel' }, B)).toMatchObject({
    days: 7,
    opened: 1,
    viewed: 2,
    ordered: 2,
    paid: 1,
    kept: 1,
  });
  expect(await ok(emu, 'distributorCenter', { $url: 'funnel', days: 30 }, A)).toMatchObject({
    days: 30,
    opened: 0,
    viewed: 0,
    ordered: 0,
    paid: 0,
  });
  expect((await refused(emu, 'distributorCenter', { $url: 'funnel', openid: B }, A)).code).toBe('INVALID_INPUT');
});
