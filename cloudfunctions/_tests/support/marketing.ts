/** Marketing steps for the tests: campaigns made through the admin API, as the marketing centre makes them. */
import type { EmulatorHandle } from '../../../emulator/test/support/emulator';
import { apiOk, OWNER_PASSWORD, ownerToken } from './admin-http';
import { emulatorNow } from './operator';

/** Call before the shop is seeded: the owner account then has the known password. */
export function useKnownOwnerPassword(): void {
  process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
}

export async function createCoupon(emu: EmulatorHandle, body: Record<string, unknown>): Promise<string> {
  const now = await emulatorNow(emu);
  const full = { validFrom: now - 60_000, validTo: now + 7 * 86_400_000, ...body };
  return (await apiOk<{ id: string }>(emu, 'POST', '/coupons', { token: await ownerToken(emu), body: full })).id;
}

export async function createGroupBuy(emu: EmulatorHandle, body: Record<string, unknown>): Promise<string> {
  const now = await emulatorNow(emu);
  const full = { startAt: now - 60_000, endAt: now + 7 * 86_400_000, ...body };
  return (await apiOk<{ id: string }>(emu, 'POST', '/group-buys', { token: await ownerToken(emu), body: full })).id;
}

export async function createFlashSale(emu: EmulatorHandle, body: Record<string, unknown>): Promise<string> {
  return (await apiOk<{ id: string }>(emu, 'POST', '/flash-sales', { token: await ownerToken(emu), body })).id;
}
