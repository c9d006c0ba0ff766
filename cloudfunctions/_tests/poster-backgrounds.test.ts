/** 海报背景: the merchant uploads pictures and lists them; a distributor's poster page gets them with addresses. */
import { useEmulator } from '../../emulator/test/support/emulator';
import { api, apiOk, ownerToken, seedShop, staffToken } from './support/admin-http';
import { B, chainOfThree } from './support/commerce';
import { ok } from './support/shopper';

const emu = useEmulator();
let owner: string;

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

beforeEach(async () => {
  await seedShop(emu);
  owner = await ownerToken(emu);
  await chainOfThree(emu);
});

test('uploaded backgrounds reach the distributor with download addresses; markup in a name stays text', async () => {
  const { fileID } = await apiOk(emu, 'POST', '/uploads', {
    token: owner,
    body: { contentType: 'image/png', dataBase64: PNG },
  });
  const items = [{ id: 'spring', name: '<b>春季</b>', fileID }];
  await apiOk(emu, 'PUT', '/poster-backgrounds', { token: owner, body: { items } });
  expect((await apiOk(emu, 'GET', '/poster-backgrounds', { token: owner })).items).toEqual(items);
  const views = await ok(emu, 'distributorCenter', { $url: 'posterBackgrounds' }, B);
  expect(views).toEqual([{ id: 'spring', name: '<b>春季</b>', url: expect.stringMatching(/^https?:\/\//) }]);
});

test('as an attacker: only the shop’s own files, only shop roles, nothing written on a refusal', async () => {
  const finance = await staffToken(emu, owner, 'finance');
  const good = { items: [{ id: 'a', name: 'A', fileID: 'cloud://local-dev.bucket/uploads/a.png' }] };
  expect((await api(emu, 'PUT', '/poster-backgrounds', { body: good })).status).toBe(401);
  expect((await api(emu, 'PUT', '/poster-backgrounds', { token: finance, body: good })).status).toBe(403);
  for (const fileID of ['https://evil.example/x.png', 'javascript:alert(1)', 'cloud://x/"><img>']) {
    const body = { items: [{ id: 'a', name: 'A', fileID }] };
    expect((await api(emu, 'PUT', '/poster-backgrounds', { token: owner, body })).status).toBe(400);
  }
  const tooMany = { items: Array.from({ length: 11 }, (_, i) => ({ ...good.items[0], id: `b${i}` })) };
  expect((await api(emu, 'PUT', '/poster-backgrounds', { token: owner, body: tooMany })).status).toBe(400);
  expect(await ok(emu, 'distributorCenter', { $url: 'posterBackgrounds' }, B)).toEqual([]);
  const forged = await emu.call('distributorCenter', { $url: 'posterBackgrounds', fileID: 'x' }, B);
  expect(forged.body.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});
