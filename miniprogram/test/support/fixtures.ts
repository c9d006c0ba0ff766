/**
 * Canned cloud answers for page tests (production mode: wx.cloud.callFunction answered in-process), typed by the
 * contract's route outputs, the types the server's handlers answer: a fixture cannot drift from the server the way
 * a copy of the shapes did (`pending` for `applied`, `amount` for `amount_off`, `content` for `body`).
 */

import type { AfterSale, CenterSummary, OrderDetail, ProductCard } from '@shop/contract';

export const HOUR = 3_600_000;

export function card(id: string, overrides: Partial<ProductCard> = {}): ProductCard {
  return {
    id,
    title: `商品${id}`,
    image: `/assets/products/${id}.png`,
    priceFen: 9900,
    listPriceFen: 9900,
    limitedTime: null,
    stockState: 'in_stock',
    sales: 3,
    ...overrides,
  };
}

export const ok = (data: unknown) => ({ ok: true, data });
export const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });

export const SUMMARY: CenterSummary = {
  status: 'approved',
  inviteCode: 'ABC123',
  recruitment: 'open',
  levelRatesBp: [1500, 800],
  frozenFen: 1485,
  availableFen: 5000,
  heldFen: 0,
  withdrawnFen: 0,
  debtFen: 0,
  withdrawal: { minFen: 1000, maxFenPerRequest: null, dailyCapFen: null, feeBp: 100 },
};

export function order(status: OrderDetail['status'], overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    orderId: 'ord-1',
    orderNo: '20261203101500123456',
    status,
    lines: [
      {
        line: 0,
        productId: 'p-nuts',
        title: '每日坚果',
        unitPriceFen: 9900,
        limitedTimeApplied: false,
        quantity: 2,
        listAmountFen: 19800,
        discountFen: 0,
        paidFen: 19800,
        refundedQuantity: 0,
      },
      {
        line: 1,
        productId: 'p-mango',
        title: '芒果干',
        unitPriceFen: 3990,
        limitedTimeApplied: false,
        quantity: 1,
        listAmountFen: 3990,
        discountFen: 0,
        paidFen: 3990,
        refundedQuantity: 0,
      },
    ],
    subtotalFen: 23790,
    discountFen: 0,
    shippingFen: 0,
    totalFen: 23790,
    refundedFen: 0,
    address: {
      userName: '张三',
      telNumber: '13800138000',
      provinceName: '广东省',
      cityName: '广州市',
      countyName: '海珠区',
      detailInfo: '新港中路397号',
    },
    shipping: null,
    createdAt: Date.now() - HOUR,
    expiresAt: Date.now() + HOUR,
    shippingUpload: null,
    afterSales: [],
    timeline: [{ event: 'created', at: Date.now() - HOUR }],
    ...overrides,
  };
}

/** An after-sale as `orders` answers it: a refund request of line 0, nothing decided yet. */
export function afterSale(overrides: Partial<AfterSale> = {}): AfterSale {
  const at = overrides.createdAt ?? Date.now();
  return {
    afterSaleId: 'as-1',
    line: 0,
    quantity: 1,
    reason: '不想要了',
    status: 'requested',
    refundFen: null,
    createdAt: at,
    decidedAt: null,
    rejectReason: null,
    refundedAt: null,
    type: 'refund',
    photos: [],
    refundableFen: 9900,
    partialReason: null,
    returnAddress: null,
    returnShipping: null,
    refundFailed: false,
    timeline: [{ event: 'requested', at, by: 'shopper' }],
    ...overrides,
  };
}

/** A responder from a table keyed by `name` or `name.$url`. */
export function cloud(table: Record<string, unknown | ((data: any) => unknown)>) {
  return (name: string, data: any) => {
    const key = data && data.$url ? `${name}.${data.$url}` : name;
    const answer = table[key] ?? table[name];
    if (answer === undefined) return fail('NOT_FOUND', `no canned answer for ${key}`);
    return typeof answer === 'function' ? (answer as (d: any) => unknown)(data) : answer;
  };
}
