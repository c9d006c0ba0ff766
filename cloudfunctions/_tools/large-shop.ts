/**
 * A large shop for measurements (`npm run seed:large`, `npm run bench -- --large`): one family of documents built
 * through the real functions on an in-memory emulator (two distributors in a chain, three shoppers bound under
 * them, ten orders in every state, commissions settled and frozen, a refund while frozen and a clawback after
 * settlement, a withdrawal paid out and one awaiting review, the audit records of the operator's actions, ledger
 * entries and balances), then cloned with new ids and shifted times until the shop holds N orders. The `figures`
 * of the loaded shop are then computed from its facts (`loadFigures`, the rebuild of `rebuild-figures.ts`). Every id of the family is renamed in every text that
 * holds it, the same way in every collection, so each clone's ledger balances against its own entries and
 * `check:ledger` stays at 0. Cloned orders carry a plain shipping address (the older document shape, which still
 * reads) because sealed ones are bound to their buyer's original id.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/src/emulator';
import { rebuildFigures, type RebuildReport } from './rebuild-figures';

/** Collections whose documents belong to the family and are cloned; the rest (catalogue, settings) are shared. */
const FAMILY = [
  'users',
  'distributors',
  'bindings',
  'orders',
  'afterSales',
  'commissions',
  'ledgerEntries',
  'balances',
  'withdrawals',
  'auditLogs',
];
/** Collections neither cloned nor shared: the template's own counters, recomputed for the loaded shop instead. */
const RECOMPUTED = ['figures'];
/** Fields whose values must be unique across clones although they are not document ids. */
const UNIQUE_VALUES = ['outTradeNo', 'inviteCode', 'transactionId', 'requestId', 'orderNo', 'outRefundNo'];
const DAY_MS = 86_400_000;
const OWNER_PASSWORD = 'large-shop-owner';
const ADDRESS = {
  userName: '张三',
  telNumber: '13800138000',
  provinceName: '广东省',
  cityName: '广州市',
  countyName: '海珠区',
  detailInfo: '新港中路 397 号',
  postalCode: '510000',
  nationalCode: '440105',
};

export type Collections = Record<string, Record<string, unknown>[]>;

export interface Template {
  family: Collections;
  shared: Collections;
  ordersPerFamily: number;
}

/** A function's or route's answer, as far as the builder reads it. */
interface Answer {
  [field: string]: string | undefined;
}

async function call(emulator: Emulator, fn: string, data: unknown, openid: string): Promise<Answer> {
  const response = await fetch(`${emulator.url}/_emulator/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data, openid }),
  });
  const body = (await response.json()) as { result?: { ok?: boolean; data?: Answer } & Answer };
  if (response.status !== 200 || !body.result || body.result.ok === false)
    throw new Error(`${fn}: ${JSON.stringify(body)}`);
  return body.result.data ?? body.result;
}

async function request(emulator: Emulator, method: string, route: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${emulator.url}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as { data?: Answer };
}

/** The owner's bearer token; a refused sign-in stops the build (every admin step below would be refused). */
async function ownerToken(emulator: Emulator): Promise<string> {
  const session = await request(emulator, 'POST', '/api/admin/session', {
    username: 'owner',
    password: OWNER_PASSWORD,
  });
  const token = session.data?.token;
  if (!token) throw new Error(`owner sign-in refused: ${JSON.stringify(session)}`);
  return token;
}

/** An admin route that must succeed: a refusal would leave the family without what it was meant to hold. */
async function admin(emulator: Emulator, method: string, route: string, token: string, body?: unknown) {
  const answer = (await request(emulator, method, `/api/admin${route}`, body, token)) as {
    ok?: boolean;
    data?: unknown;
  };
  if (answer.ok !== true) throw new Error(`${method} ${route}: ${JSON.stringify(answer)}`);
  return answer.data as Answer & Answer[];
}

/** The family, through the real functions. */
export async function buildTemplate(projectDir: string): Promise<Template> {
  process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
  const emulator = await startEmulator({ projectDir, port: 0, dataDir: ':memory:', runTimers: false });
  try {
    await emulator.services.reset({ seed: true });
    const [A, B] = ['o-tplA', 'o-tplB'];
    const shoppers = ['o-tplS1', 'o-tplS2', 'o-tplS3'];
    const codeA = (await call(emulator, 'distributorCenter', { $url: 'summary' }, A)).inviteCode;
    await call(emulator, 'bindInviter', { inviterCode: codeA }, B);
    const codeB = (await call(emulator, 'distributorCenter', { $url: 'summary' }, B)).inviteCode;
    for (const shopper of shoppers) await call(emulator, 'bindInviter', { inviterCode: codeB }, shopper);
    const token = await ownerToken(emulator);
    const orders: string[] = [];
    for (let i = 0; i < 10; i++) {
      const items =
        i % 2 === 0
          ? [
              { productId: 'p-nuts', quantity: 1 },
              { productId: 'p-mango', quantity: 2 },
            ]
          : [{ productId: 'p-longjing', quantity: 1 }];
      const order = await call(
        emulator,
        'placeOrder',
        { requestId: randomUUID(), items, address: ADDRESS },
        shoppers[i % 3] as string,
      );
      orders.push(order.orderId as string);
      if (i === 9) break; // left unpaid
      if (i === 8) {
        await call(emulator, 'orders', { $url: 'cancel', orderId: order.orderId }, shoppers[i % 3] as string);
        continue;
      }
      await request(emulator, 'POST', `/_emulator/pay/${order.outTradeNo}`, {});
    }
    // 0–3 complete, 4–5 received, 6 shipped, 7 paid.
    for (const [i, orderId] of orders.slice(0, 7).entries()) {
      await request(
        emulator,
        'POST',
        `/api/admin/orders/${orderId}/ship`,
        { carrier: '顺丰', trackingNo: `SF${1000 + i}` },
        token,
      );
      if (i < 4) await call(emulator, 'orders', { $url: 'confirmReceipt', orderId }, shoppers[i % 3] as string);
    }
    await emulator.services.context.clock.advance(8 * DAY_MS);
    await emulator.services.functions.invoke('settleCommission', {}, { source: 'wx_trigger' });
    await emulator.services.functions.invoke('autoConfirmReceipt', {}, { source: 'wx_trigger' });
    for (const [i, orderId] of orders.slice(4, 6).entries()) {
      await call(emulator, 'orders', { $url: 'confirmReceipt', orderId }, shoppers[(i + 4) % 3] as string);
    }
    // Signed in again: the clock moved past the first session's lifetime.
    await afterSalesAndPayouts(emulator, await ownerToken(emulator), orders, shoppers, B);
    const family: Collections = {};
    const shared: Collections = {};
    const names = [...new Set([...FAMILY, ...collectionNames()])];
    for (const name of names) {
      if (RECOMPUTED.includes(name)) continue;
      const docs = (await emulator.services.db.dump(name)) as Record<string, unknown>[];
      (FAMILY.includes(name) ? family : shared)[name] = docs;
    }
    return { family, shared, ordersPerFamily: family.orders?.length ?? 0 };
  } finally {
    await emulator.close();
  }
}

/**
 * The after-sales and money-out side of the family, through the shopper's function and the admin routes (each
 * admin action leaves its audit record): order 6 (shipped) refunded one unit while its commission is frozen, order 0
 * (complete, settled) refunded one unit by the operator after the window (a clawback), and B's withdrawals: one
 * approved and marked paid, one left for review.
 */
async function afterSalesAndPayouts(
  emulator: Emulator,
  token: string,
  orders: string[],
  shoppers: string[],
  distributor: string,
): Promise<void> {
  const [asked] = (await call(
    emulator,
    'orders',
    { $url: 'requestRefund', orderId: orders[6], lines: [{ line: 1, quantity: 1 }], reason: '少发了一袋' },
    shoppers[0] as string,
  )) as unknown as Answer[];
  await admin(emulator, 'POST', `/refunds/${asked?.afterSaleId}/approve`, token, {});
  await admin(emulator, 'POST', `/orders/${orders[0]}/refunds`, token, {
    lines: [{ line: 0, quantity: 1 }],
    reason: '商品破损，投诉退款',
  });
  await emulator.services.pay.idle();
  const paid = await call(emulator, 'requestWithdrawal', { requestId: randomUUID(), amountFen: 3000 }, distributor);
  await admin(emulator, 'POST', `/withdrawals/${paid.withdrawalId}/approve`, token);
  await admin(emulator, 'POST', `/withdrawals/${paid.withdrawalId}/paid`, token, { payoutReference: 'BANK-0001' });
  await call(emulator, 'requestWithdrawal', { requestId: randomUUID(), amountFen: 2000 }, distributor);
}

function collectionNames(): string[] {
  const file = path.join(__dirname, '..', '..', 'database', 'collections.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { collections: Record<string, unknown> };
  return Object.keys(schema.collections);
}

/** Every text the family uses as an identity, longest first so that ids holding other ids are renamed whole. */
function identities(family: Collections): string[] {
  const found = new Set<string>();
  for (const docs of Object.values(family)) {
    for (const doc of docs) {
      if (typeof doc._id === 'string') found.add(doc._id);
      for (const field of UNIQUE_VALUES) if (typeof doc[field] === 'string') found.add(doc[field] as string);
    }
  }
  return [...found].filter((id) => id.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * Clone `k` of the family: identities get `~k`, times move back by `shiftMs`, addresses become plain. Yields one
 * collection's documents at a time.
 */
export function* familyClones(template: Template, clones: number, spanMs: number): Generator<[string, unknown[]]> {
  const ids = identities(template.family);
  const pattern = new RegExp(ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  for (let k = 0; k < clones; k++) {
    const suffix = `~${k.toString(36)}`;
    const shift = Math.floor((spanMs * k) / Math.max(1, clones));
    const rename = (text: string) => text.replace(pattern, (id) => `${id}${suffix}`);
    const rewrite = (value: unknown, key: string): unknown => {
      if (typeof value === 'string') return rename(value);
      if (typeof value === 'number') return /At$|^at$/.test(key) ? value - shift : value;
      if (Array.isArray(value)) return value.map((item) => rewrite(item, key));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [field, inner] of Object.entries(value)) {
          if (field === 'address' && key === 'order') out[field] = ADDRESS;
          else out[field] = rewrite(inner, field);
        }
        return out;
      }
      return value;
    };
    for (const [name, docs] of Object.entries(template.family)) {
      yield [name, docs.map((doc) => rewrite(doc, name === 'orders' ? 'order' : ''))];
    }
  }
}

/**
 * The loaded shop's `figures`, computed from its facts by the rebuild (the dashboard and the distributors list read
 * nothing else), written in bulk into the emulator. Run after the clones are loaded.
 */
export async function loadFigures(emulator: Emulator): Promise<RebuildReport> {
  return rebuildFigures(
    { emulatorUrl: emulator.url },
    {
      write: async (docs) => {
        for (let i = 0; i < docs.length; i += 5000) await emulator.services.db.seed('figures', docs.slice(i, i + 5000));
      },
    },
  );
}
