/**
 * Every door a shopper can knock on, knocked on badly: a seeded fast-check property over the events of every
 * shopper-callable function (each `$url` route of shop, orders and distributorCenter, and placeOrder, bindInviter,
 * requestWithdrawal). Each generated event is a valid one with at least one poison in it: a wrong type, a huge
 * string, an extra key (`__proto__`, `constructor`, `openid`…), a NaN-like number (`"NaN"`, a literal `1e309`),
 * an array where an object belongs or the reverse, markup. Every call must answer a typed failure (`ok: false`
 * with a code of core/src/errors.ts other than INTERNAL, never an HTTP error) and leave every collection
 * byte-identical.
 *
 * FUZZ_RUNS and FUZZ_SEED override the run count and the seed (the seed of a failure is printed by fast-check).
 */
import fc from 'fast-check';
import { DOMAIN_ERROR_CODES } from '../../core/src/errors';
import schema from '../../database/collections.json';
import { useEmulator } from '../../emulator/test/support/emulator';
import { seedShop } from './support/admin-http';
import { chainOfThree, paidOrder, S } from './support/commerce';
import { ADDRESS, ok } from './support/shopper';

const emu = useEmulator();
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

/** A JSON literal that JSON.stringify cannot write (`1e309` parses to Infinity, `-0` to negative zero). */
class Raw {
  constructor(readonly literal: string) {}
}
const raw = (literal: string) => new Raw(literal);

/** Serialises an event, writing Raw literals as they are and keeping own `__proto__` keys. */
function toJson(value: unknown): string {
  const literals: string[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner instanceof Raw) {
      literals.push(inner.literal);
      return `@@raw${literals.length - 1}@@`;
    }
    return inner;
  });
  return text.replace(/"@@raw(\d+)@@"/g, (_match, index: string) => literals[Number(index)]!);
}

/** An object with an own `__proto__` key, as JSON.parse makes it (a literal `{__proto__: …}` would set the prototype). */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(target))
    Object.defineProperty(copy, name, { value: inner, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

type Kind = 'string' | 'int' | 'enum' | 'array' | 'object';

interface Target {
  fn: string;
  url?: string;
  /** A valid event: every poison is applied to this. */
  base: () => Record<string, unknown>;
  fields: Record<string, Kind>;
}

let orderId = '';
let scene = '';

const ROUTED: Array<[string, string, () => Record<string, unknown>, Record<string, Kind>]> = [
  ['shop', 'categories', () => ({}), {}],
  [
    'shop',
    'products',
    () => ({ categoryId: 'cat-tea', q: '茶', page: 1, pageSize: 10 }),
    { categoryId: 'string', q: 'string', page: 'int', pageSize: 'int' },
  ],
  ['shop', 'product', () => ({ id: 'p-nuts' }), { id: 'string' }],
  ['shop', 'coupons', () => ({}), {}],
  ['shop', 'quote', () => ({ items: [{ productId: 'p-nuts', quantity: 1 }] }), { items: 'array' }],
  ['shop', 'alsoBought', () => ({ productId: 'p-nuts' }), { productId: 'string' }],
  ['shop', 'track', () => ({ events: [{ type: 'product_view', productId: 'p-nuts', at: 1 }] }), { events: 'array' }],
  [
    'orders',
    'list',
    () => ({ status: 'paid', page: 1, pageSize: 10 }),
    { status: 'enum', page: 'int', pageSize: 'int' },
  ],
  ['orders', 'detail', () => ({ orderId }), { orderId: 'string' }],
  ['orders', 'cancel', () => ({ orderId }), { orderId: 'string' }],
  ['orders', 'confirmReceipt', () => ({ orderId }), { orderId: 'string' }],
  ['orders', 'refunds', () => ({ orderId }), { orderId: 'string' }],
  [
    'orders',
    'requestRefund',
    () => ({ orderId, lines: [{ line: 0, quantity: 1 }], reason: '坏了', requestId: 'fuzz-refund-0001' }),
    { orderId: 'string', lines: 'array', reason: 'string', requestId: 'string' },
  ],
  ['distributorCenter', 'summary', () => ({}), {}],
  [
    'distributorCenter',
    'apply',
    () => ({ name: '王五', phone: '13800000000', reason: '推广' }),
    { name: 'string', phone: 'string', reason: 'string' },
  ],
  ['distributorCenter', 'entries', () => ({ page: 1, pageSize: 10 }), { page: 'int', pageSize: 'int' }],
  ['distributorCenter', 'frozen', () => ({ page: 1, pageSize: 10 }), { page: 'int', pageSize: 'int' }],
  [
    'distributorCenter',
    'team',
    () => ({ level: 1, page: 1, pageSize: 10 }),
    { level: 'int', page: 'int', pageSize: 'int' },
  ],
  ['distributorCenter', 'ranking', () => ({}), {}],
  ['distributorCenter', 'materials', () => ({}), {}],
  ['distributorCenter', 'withdrawals', () => ({ page: 1, pageSize: 10 }), { page: 'int', pageSize: 'int' }],
  [
    'distributorCenter',
    'shareCode',
    () => ({ productId: 'p-mango', campaign: 'fuzz' }),
    { productId: 'string', campaign: 'string' },
  ],
  [
    'distributorCenter',
    'poster',
    () => ({ productId: 'p-mango', campaign: 'fuzz' }),
    { productId: 'string', campaign: 'string' },
  ],
  ['distributorCenter', 'funnel', () => ({ days: 7 }), { days: 'int' }],
];

const TARGETS: Target[] = [
  ...ROUTED.map(([fn, url, base, fields]) => ({ fn, url, base, fields })),
  {
    fn: 'placeOrder',
    base: () => ({
      requestId: 'fuzz-order-0001',
      items: [{ productId: 'p-nuts', quantity: 1 }],
      address: { ...ADDRESS },
    }),
    fields: { requestId: 'string', items: 'array', address: 'object' },
  },
  { fn: 'bindInviter', base: () => ({ scene }), fields: { scene: 'string' } },
  {
    fn: 'bindInviter',
    base: () => ({ inviterCode: 'ABCDEF', via: 'link' }),
    fields: { inviterCode: 'string', via: 'enum' },
  },
  {
    fn: 'requestWithdrawal',
    base: () => ({ requestId: 'fuzz-withdraw-01', amountFen: 100 }),
    fields: { requestId: 'string', amountFen: 'int' },
  },
];

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE orders; --",
  '{{constructor.constructor("alert(1)")()}}',
];

/** Longer than any text field allows, and not whitespace (which a trim would reduce to nothing). */
const hugeString = fc
  .constantFrom(...MARKUP, 'x', '😀', '\u202e')
  .chain((unit) =>
    fc.integer({ min: 1_000, max: 20_000 }).map((length) => unit.repeat(Math.ceil(length / unit.length))),
  );
const protoObject = fc
  .constantFrom({ isAdmin: true }, { openid: 'o-admin' }, {})
  .map((inner) => withOwnKey({}, '__proto__', inner));
const nanLike = [raw('1e309'), raw('-1e309'), 'NaN', '1e309', '-0', 'Infinity', '-Infinity', '0x10', '1_000'];

const INVALID: Record<Kind, fc.Arbitrary<unknown>> = {
  string: fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e21,
      [],
      ['p-nuts'],
      {},
      { toString: 'x' },
      raw('1e309'),
      raw('-0'),
    ),
    protoObject,
    hugeString,
  ),
  int: fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      '1',
      '',
      1.5,
      -1,
      1e21,
      2 ** 53,
      [],
      [1],
      {},
      { valueOf: 1 },
      '<b>1</b>',
      ...nanLike,
    ),
    protoObject,
    hugeString,
  ),
  enum: fc.oneof(
    fc.constantFrom<unknown>(null, 0, 'PAID', 'code ', 'NaN', [], ['paid'], {}, raw('1e309'), ...MARKUP),
    protoObject,
    hugeString,
  ),
  array: fc.oneof(
    fc.constantFrom<unknown>(null, 'p-nuts', 0, {}, [], [null], ['x'], [[]], [{}], raw('1e309'), {
      0: { productId: 'p-nuts', quantity: 1 },
      length: 1,
    }),
    fc.constantFrom<unknown>(
      [{ productId: 'p-nuts', quantity: raw('1e309') }],
      [{ productId: 'p-nuts', quantity: 'NaN' }],
      [{ line: raw('-1e309'), quantity: 1 }],
    ),
    protoObject.map((element) => [element]),
    fc
      .constantFrom('__proto__', 'constructor', 'priceFen')
      .map((key) => [withOwnKey({ productId: 'p-nuts', quantity: 1, line: 0 }, key, 1)]),
    hugeString,
  ),
  object: fc.oneof(
    fc.constantFrom<unknown>(
      null,
      'address',
      0,
      [],
      [ADDRESS],
      raw('1e309'),
      { ...ADDRESS, telNumber: 13800138000 },
      { ...ADDRESS, userName: null },
    ),
    hugeString.map((huge) => ({ ...ADDRESS, detailInfo: huge })),
    protoObject,
  ),
};

/** Keys no event has; `userInfo` and `$url` are not among them (the platform adds those). */
const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'openid',
  'OPENID',
  '_id',
  'priceFen',
  'totalFen',
  'commissionFen',
  '<script>',
  'role',
];
const anyValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, 'NaN', raw('1e309'), raw('-0'), [], {}, ...MARKUP),
  protoObject,
  hugeString,
  fc.jsonValue({ maxDepth: 2 }),
);

type Poison = (event: Record<string, unknown>) => Record<string, unknown>;

function poisonsFor(target: Target): fc.Arbitrary<Poison> {
  const extraKey = fc.tuple(fc.constantFrom(...EXTRA_KEYS), anyValue).map(
    ([key, value]): Poison =>
      (event) =>
        withOwnKey(event, key, value),
  );
  const fields = Object.entries(target.fields);
  if (fields.length === 0) return extraKey;
  const wrongField = fc.constantFrom(...fields).chain(([field, kind]) =>
    INVALID[kind].map(
      (value): Poison =>
        (event) =>
          withOwnKey(event, field, value),
    ),
  );
  return fc.oneof(extraKey, wrongField);
}

interface Call {
  fn: string;
  data: unknown;
  openid: string;
}

function eventsFor(target: Target): fc.Arbitrary<unknown> {
  const withUrl = (event: Record<string, unknown>) => (target.url ? withOwnKey(event, '$url', target.url) : event);
  const poisoned = fc
    .array(poisonsFor(target), { minLength: 1, maxLength: 3 })
    .map((poisons) => withUrl(poisons.reduce((event, poison) => poison(event), target.base())));
  // The event itself of the wrong shape: an array for the object, a scalar, nothing.
  const wholeEvent = fc.constantFrom<unknown>(null, 'event', 0, true, [], raw('1e309')).map((event) => event);
  const arrayed = fc.constant(null).map(() => [withUrl(target.base())]);
  const arbitraries: fc.Arbitrary<unknown>[] = [poisoned, wholeEvent, arrayed];
  if (target.url) {
    const url = fc.constantFrom<unknown>(
      null,
      0,
      [target.url],
      { [target.url]: true },
      `${target.url} `,
      target.url.toUpperCase(),
      '__proto__',
      'constructor',
      'toString',
      '*',
      '',
      ...MARKUP,
    );
    arbitraries.push(url.map((value) => withOwnKey(target.base(), '$url', value)));
  }
  return fc.oneof(...arbitraries);
}

const calls: fc.Arbitrary<Call> = fc
  .tuple(fc.constantFrom(...TARGETS), fc.constantFrom(S, 'o-B', 'o-fuzz-stranger'))
  .chain(([target, openid]) => eventsFor(target).map((data) => ({ fn: target.fn, data, openid })));

async function snapshot(): Promise<string> {
  const dump: string[] = [];
  for (const name of Object.keys(schema.collections)) {
    const response = await fetch(`${emu.url}/_emulator/db/${name}`);
    dump.push(`${name}\n${await response.text()}`);
  }
  return dump.join('\n');
}

async function invoke({ fn, data, openid }: Call): Promise<{ status: number; text: string; body: any }> {
  const response = await fetch(`${emu.url}/_emulator/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"data":${toJson(data)},"openid":${JSON.stringify(openid)}}`,
  });
  const text = await response.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the assertion below shows the text.
  }
  return { status: response.status, text, body };
}

const TYPED_CODES = DOMAIN_ERROR_CODES.filter((code) => code !== 'INTERNAL');

test(`${RUNS} poisoned events over every shopper function: a typed refusal each, and not one byte written`, async () => {
  await seedShop(emu);
  await chainOfThree(emu);
  orderId = await paidOrder(emu, [{ productId: 'p-nuts', quantity: 1 }]);
  scene = (await ok<{ code: string }>(emu, 'distributorCenter', { $url: 'shareCode', productId: 'p-nuts' }, 'o-B'))
    .code;
  const before = await snapshot();
  const seen = new Map<string, number>();

  await fc.assert(
    fc.asyncProperty(calls, async (call) => {
      const answer = await invoke(call);
      const shown = `${call.fn} ${toJson(call.data).slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`;
      if (answer.status !== 200 || answer.body?.result?.ok !== false) throw new Error(`not a refusal: ${shown}`);
      const code = answer.body.result.error?.code;
      if (!TYPED_CODES.includes(code)) throw new Error(`untyped refusal: ${shown}`);
      seen.set(code, (seen.get(code) ?? 0) + 1);
      if ((await snapshot()) !== before) throw new Error(`the database changed: ${shown}`);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  // The property reached more than the schema: unknown routes answer NOT_FOUND.
  expect([...seen.keys()]).toEqual(expect.arrayContaining(['INVALID_INPUT', 'NOT_FOUND']));
}, 180_000);
