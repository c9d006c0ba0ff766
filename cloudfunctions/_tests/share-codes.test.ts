/**
 * What a shopper can make: share codes and posters only for products on the shelf, one code per (inviter,
 * product, campaign), posters drawn once, a daily cap per distributor (China day), and a malformed poster scene
 * refused with INVALID_INPUT before anything is read or written.
 */
import { chinaDayBounds } from '../../contract/src';
import { useEmulator } from '../../emulator/test/support/emulator';
import schema from '../../database/collections.json';
import { SHARE_CREATIONS_PER_DAY } from '../_shared/store/share-codes';
import { seedShop } from './support/admin-http';
import { advanceClock, DAY_MS, documents, ok, refused } from './support/shopper';

const emu = useEmulator();
const D = 'o-distributor';

beforeEach(async () => {
  await seedShop(emu);
});

async function snapshot(): Promise<string> {
  const dump: Record<string, unknown> = {};
  for (const name of Object.keys(schema.collections))
    dump[name] = (await emu.request('GET', `/_emulator/db/${name}`)).body;
  return JSON.stringify(dump);
}

const issuedCodes = async (): Promise<unknown[]> => (await emu.request('GET', '/_emulator/wxacodes')).body.codes;

test('codes and posters only for products that exist and are on the shelf; a refusal writes nothing', async () => {
  await emu.emulator.services.db.seed('products', [
    {
      _id: 'p-off',
      title: '下架商品',
      categoryId: 'cat-tea',
      priceFen: 100,
      stock: 5,
      sales: 0,
      sort: 0,
      onShelf: false,
      images: [],
      description: '',
    },
  ]);
  const before = await snapshot();
  for (const productId of ['../../etc/passwd', 'NaN', 'p-off', 'p-missing']) {
    expect(await refused(emu, 'distributorCenter', { $url: 'shareCode', productId }, D)).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
    });
    expect(await refused(emu, 'distributorCenter', { $url: 'poster', productId }, D)).toMatchObject({
      code: 'PRODUCT_UNAVAILABLE',
    });
  }
  for (const campaign of ['', 'spring sale', '<b>x</b>', 'x'.repeat(21)]) {
    expect(
      await refused(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-nuts', campaign }, D),
    ).toMatchObject({ code: 'INVALID_INPUT' });
  }
  // Not even the open-recruitment distributor document was created.
  expect(await snapshot()).toBe(before);
  expect(await issuedCodes()).toEqual([]);
});

test('one code per (inviter, product, campaign); the poster is drawn once and then served from storage', async () => {
  const first = await ok(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-nuts' }, D);
  expect(await ok(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-nuts' }, D)).toEqual(first);
  const spring = await ok(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-nuts', campaign: 'spring' }, D);
  expect(spring.code).not.toBe(first.code);
  expect((await documents(emu, 'shareCodes')).map((doc) => doc._id).sort()).toEqual([first.code, spring.code].sort());

  const poster = await ok(emu, 'distributorCenter', { $url: 'poster', productId: 'p-nuts' }, D);
  expect(poster).toMatchObject({ code: first.code, scene: first.code, page: 'pages/product/index' });
  const again = await ok(emu, 'distributorCenter', { $url: 'poster', productId: 'p-nuts' }, D);
  expect(again.fileID).toBe(poster.fileID);
  expect(await issuedCodes()).toHaveLength(1);
  const share = (await documents(emu, 'shareCodes')).find((doc) => doc._id === first.code);
  expect(share.poster).toEqual({ fileID: poster.fileID, createdAt: expect.any(Number) });
});

test(`at most ${SHARE_CREATIONS_PER_DAY} new codes and posters a China day; existing ones still answer; the next day counts afresh`, async () => {
  // Start just after midnight China time so the whole burst falls on one day.
  const now = (await emu.request('GET', '/_emulator/clock')).body.now as number;
  const chinaMidnight = chinaDayBounds(now).end;
  await emu.request('POST', '/_emulator/clock', { now: chinaMidnight + 60_000 });

  const poster = await ok(emu, 'distributorCenter', { $url: 'poster', productId: 'p-nuts' }, D); // a code and a poster: 2
  for (let made = 2; made < SHARE_CREATIONS_PER_DAY; made++) {
    await ok(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-mango', campaign: `c${made}` }, D);
  }
  const before = await snapshot();
  expect(
    await refused(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-mango', campaign: 'one-more' }, D),
  ).toMatchObject({
    code: 'DAILY_SHARE_CAP_REACHED',
  });
  expect(
    await refused(emu, 'distributorCenter', { $url: 'poster', productId: 'p-mango', campaign: 'c5' }, D),
  ).toMatchObject({
    code: 'DAILY_SHARE_CAP_REACHED',
  });
  expect(await snapshot()).toBe(before);
  expect(await ok(emu, 'distributorCenter', { $url: 'poster', productId: 'p-nuts' }, D)).toMatchObject({
    fileID: poster.fileID,
  });
  expect(
    await ok(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-mango', campaign: 'c5' }, D),
  ).toMatchObject({ productId: 'p-mango' });
  expect(await issuedCodes()).toHaveLength(1);

  await advanceClock(emu, DAY_MS);
  await ok(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-mango', campaign: 'one-more' }, D);
  const distributor = (await documents(emu, 'distributors')).find((doc) => doc._id === D);
  expect(distributor.shareDay).toMatchObject({ created: 1 });
});

test('a malformed scene is INVALID_INPUT, never INTERNAL, and writes nothing; a well-formed unknown one is a normal refusal', async () => {
  const before = await snapshot();
  for (const scene of [
    '%E0%A4%A',
    '%',
    'A'.repeat(33),
    'abc$%^&*',
    '<img src=x>',
    '../../etc',
    'ABCDEFG',
    'ABCDEFGHIJKLMNOPQ',
    '0O1IL0O1',
    '   ',
  ]) {
    expect(await refused(emu, 'bindInviter', { scene }, 'o-shopper')).toMatchObject({ code: 'INVALID_INPUT' });
  }
  expect(await snapshot()).toBe(before);
  expect(await ok(emu, 'bindInviter', { scene: 'ABCDEFGH' }, 'o-shopper')).toEqual({
    bound: false,
    reason: 'UNKNOWN_CODE',
    productId: null,
  });

  const { code } = await ok(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-nuts' }, D);
  expect(await ok(emu, 'bindInviter', { scene: encodeURIComponent(code) }, 'o-shopper')).toMatchObject({
    bound: true,
    source: 'poster',
    productId: 'p-nuts',
  });
});
