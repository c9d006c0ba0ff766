/**
 * Profiles the way WeChat allows today, through the real `shop` function on the emulator: nickname and avatar
 * as the shopper sets them (text, never markup), the phone only through a getPhoneNumber code that WeChat
 * confirms is this caller's and unused, sealed at rest with a keyed hash beside it. And the store's face.
 */
import { randomBytes } from 'node:crypto';
import { useEmulator, type EmulatorHandle } from '../../emulator/test/support/emulator';
import { apiOk, documents, ownerToken, seedShop } from './support/admin-http';
import { ADDRESS, ok, placeOrder, refused } from './support/shopper';

const emu = useEmulator({ dataKey: `k1:${randomBytes(32).toString('base64')}` });
const ALICE = 'oAlice-Profile-7Hq2';
const MALLORY = 'oMallory-Profile-9Zx';
const AVATAR = 'cloud://test-env.bucket/avatars/alice-1.png';

beforeEach(() => seedShop(emu));

async function phoneCode(handle: EmulatorHandle, openid: string, phoneNumber: string): Promise<string> {
  const { status, body } = await handle.request('POST', '/_emulator/phone-codes', { openid, phoneNumber });
  expect(status).toBe(200);
  return body.code as string;
}

const userDoc = async (openid: string) =>
  ((await documents(emu, 'users')) as Array<Record<string, any>>).find((doc) => doc._id === openid);

test('nickname and avatar are stored as given, markup and all, and read back as text', async () => {
  const nickname = '<b>小明</b>&amp;"';
  const profile = await ok(emu, 'shop', { $url: 'updateProfile', nickname, avatarFileId: AVATAR }, ALICE);
  expect(profile).toEqual({ nickname, avatarFileId: AVATAR, phoneMasked: null });
  expect(await ok(emu, 'shop', { $url: 'profile' }, ALICE)).toEqual(profile);
  expect(await userDoc(ALICE)).toMatchObject({ nickname, avatarUrl: AVATAR });
  // Only the nickname changes when only the nickname is sent.
  await ok(emu, 'shop', { $url: 'updateProfile', nickname: '  小明  ' }, ALICE);
  expect(await ok(emu, 'shop', { $url: 'profile' }, ALICE)).toMatchObject({ nickname: '小明', avatarFileId: AVATAR });
});

test.each([
  ['a nickname over 20 characters', { nickname: '很'.repeat(21) }],
  ['an empty nickname', { nickname: '   ' }],
  ['a nickname with a control character', { nickname: 'a\u0000b' }],
  ['a nickname that reverses its own display', { nickname: 'abc\u202Egnp.exe' }],
  ['an avatar outside avatars/', { avatarFileId: 'cloud://test-env.bucket/private/contract.pdf' }],
  ['an avatar that is a link', { avatarFileId: 'https://evil.example/a.png' }],
  ['an avatar with markup', { avatarFileId: 'cloud://test-env.bucket/avatars/"><script>.png' }],
  ['nothing to change', {}],
  ['an openid in the event', { nickname: '小明', openid: MALLORY }],
])('refuses %s with INVALID_INPUT and writes nothing', async (_label, change) => {
  const error = await refused(emu, 'shop', { $url: 'updateProfile', ...change }, ALICE);
  expect(error.code).toBe('INVALID_INPUT');
  expect(await userDoc(ALICE)).toBeUndefined();
});

test('a phone is bound only through a fresh code of the caller, sealed, with a keyed hash', async () => {
  const code = await phoneCode(emu, ALICE, '13800138000');
  const profile = await ok(emu, 'shop', { $url: 'bindPhone', code }, ALICE);
  expect(profile).toMatchObject({ phoneMasked: '138****8000' });
  const raw = await userDoc(ALICE);
  expect(JSON.stringify(raw)).not.toContain('13800138000');
  expect(raw?.phone).toEqual({
    sealed: expect.stringMatching(/^pd1\.k1\./),
    hash: expect.stringMatching(/^k1:[0-9a-f]{64}$/),
    boundAt: expect.any(Number),
  });

  // The same code again: WeChat answers "code been used".
  expect((await refused(emu, 'shop', { $url: 'bindPhone', code }, ALICE)).code).toBe('PHONE_CODE_INVALID');
  // A made-up code, and a code that is not even code-shaped.
  expect((await refused(emu, 'shop', { $url: 'bindPhone', code: 'f'.repeat(64) }, ALICE)).code).toBe(
    'PHONE_CODE_INVALID',
  );
  expect((await refused(emu, 'shop', { $url: 'bindPhone', code: '<script>' }, ALICE)).code).toBe('INVALID_INPUT');
});

test("another shopper's code does not bind that phone to the caller, and stays usable by its owner", async () => {
  const alicesCode = await phoneCode(emu, ALICE, '13800138000');
  const before = await documents(emu, 'users');
  expect((await refused(emu, 'shop', { $url: 'bindPhone', code: alicesCode }, MALLORY)).code).toBe(
    'PHONE_CODE_INVALID',
  );
  expect(await documents(emu, 'users')).toEqual(before);
  expect(await ok(emu, 'shop', { $url: 'bindPhone', code: alicesCode }, ALICE)).toMatchObject({
    phoneMasked: '138****8000',
  });
});

test('the store route answers the name, logo, intro and service phone the merchant saved', async () => {
  const owner = await ownerToken(emu);
  await apiOk(emu, 'PUT', '/settings/store', {
    token: owner,
    body: {
      name: '山野茶铺',
      logo: 'cloud://test-env.bucket/logo.png',
      introduction: '好茶',
      servicePhone: '400-800-1234',
    },
  });
  expect(await ok(emu, 'shop', { $url: 'store' }, ALICE)).toEqual({
    name: '山野茶铺',
    logo: 'cloud://test-env.bucket/logo.png',
    introduction: '好茶',
    servicePhone: '400-800-1234',
  });
});

test('买家留言: stored on the order as typed (markup is text), over 200 characters refused with nothing written', async () => {
  const note = '<script>alert(1)</script>\n周末请放快递柜';
  const placed = await placeOrder(emu, ALICE, [{ productId: 'p-nuts', quantity: 1 }], { buyerNote: note });
  const order = ((await documents(emu, 'orders')) as Array<Record<string, any>>).find(
    (doc) => doc._id === placed.orderId,
  );
  expect(order?.buyerNote).toBe(note);
  const before = await documents(emu, 'orders');
  const tooLong = await refused(
    emu,
    'placeOrder',
    {
      requestId: 'note-too-long-1',
      items: [{ productId: 'p-nuts', quantity: 1 }],
      address: ADDRESS,
      buyerNote: '字'.repeat(201),
    },
    ALICE,
  );
  expect(tooLong.code).toBe('INVALID_INPUT');
  expect(await documents(emu, 'orders')).toEqual(before);
});
