/**
 * "买了它的人还买了": the timer counts co-purchases of kept orders and the product page reads them; the timer runs
 * only for the platform (a client is refused by the security rules and, past them, by the function itself).
 */
import { useEmulator } from '../../emulator/test/support/emulator';
import { seedShop } from './support/admin-http';
import { chainOfThree, paidOrder, S } from './support/commerce';
import { documents, invokeAsPlatform, ok } from './support/shopper';

// A shared machine under load can take tens of seconds per shop; nothing here measures time.
jest.setTimeout(120_000);

const emu = useEmulator();

beforeEach(async () => {
  await seedShop(emu);
  await chainOfThree(emu);
});

async function fireRefresh(): Promise<any> {
  const { status, body } = await emu.request('POST', '/_emulator/timers/refreshRecommendations/daily');
  if (status !== 200) throw new Error(`refreshRecommendations failed: ${status} ${JSON.stringify(body)}`);
  return body.result;
}

test('products bought together are recommended with each other, most often first, only those on the shelf', async () => {
  await paidOrder(emu, [
    { productId: 'p-nuts', quantity: 1 },
    { productId: 'p-mango', quantity: 1 },
  ]);
  await paidOrder(emu, [
    { productId: 'p-nuts', quantity: 1 },
    { productId: 'p-mango', quantity: 2 },
    { productId: 'p-towel', quantity: 1 },
  ]);
  await paidOrder(emu, [{ productId: 'p-longjing', quantity: 1 }]);
  expect(await fireRefresh()).toEqual({ orders: 3, products: 3, complete: true });

  const cards = async (productId: string) =>
    ((await ok(emu, 'shop', { $url: 'alsoBought', productId }, S)) as { id: string }[]).map((card) => card.id);
  expect(await cards('p-nuts')).toEqual(['p-mango', 'p-towel']);
  expect(await cards('p-towel')).toEqual(['p-mango', 'p-nuts']);
  expect(await cards('p-longjing')).toEqual([]);
  expect(await cards('<script>alert(1)</script>')).toEqual([]);
});

test('a shopper cannot run the timer: refused by the rules, and by the function past them, writing nothing', async () => {
  await paidOrder(emu, [
    { productId: 'p-nuts', quantity: 1 },
    { productId: 'p-mango', quantity: 1 },
  ]);
  const { status, body } = await emu.request('POST', '/_emulator/functions/refreshRecommendations', {
    data: {},
    openid: S,
  });
  expect(status).toBe(403);
  expect(body.error.code).toBe('EXCEED_AUTHORITY');
  expect(await invokeAsPlatform(emu, 'refreshRecommendations', {}, S)).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect(await documents(emu, 'recommendations')).toEqual([]);
});
