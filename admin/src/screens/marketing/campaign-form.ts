/**
 * The editor's fields for each tool, as operators type them (yuan, percent, dates), and the request body they
 * become. Money goes through the contract's parseYuan (never a float); the server validates everything again.
 */
import { parseYuan } from '../../../../contract/src/money';
import type { CampaignKind } from './campaign-api';

export function blankForm() {
  return {
    title: '',
    couponKind: 'amount_off' as 'amount_off' | 'percent_off',
    amount: '',
    percentOff: '',
    cap: '',
    minSpend: '',
    validDays: '',
    total: '100',
    perUser: '1',
    productIds: '',
    skuId: '',
    price: '',
    size: '2',
    hours: '24',
    stockCap: '0',
    from: '',
    to: '',
    commission: 'paid' as 'paid' | 'none',
    overflowOpensNewGroup: false,
  };
}

export type CampaignForm = ReturnType<typeof blankForm>;

const int = (text: string) => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : NaN);
const fenOf = (text: string) => (text.trim() === '' ? undefined : (parseYuan(text) ?? NaN));
/** `2026-12-01` (a China day) or `2026-12-01 20:00` (China time) → what the API takes. */
function instantOf(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(trimmed);
  return match ? `${match[1]}T${match[2]}:${match[3]}:00+08:00` : undefined;
}

/** The body for the API, or the first thing the operator must fix. */
export function bodyOf(kind: CampaignKind, form: CampaignForm): { body?: Record<string, unknown>; problem?: string } {
  const from = instantOf(form.from);
  const to = instantOf(form.to);
  if (!from || !to) return { problem: '时间格式：2026-12-01 或 2026-12-01 20:00' };
  const productIds = form.productIds
    .split(/[\s,，]+/)
    .map((id) => id.trim())
    .filter(Boolean);
  if (kind === 'coupons') {
    const body: Record<string, unknown> = {
      title: form.title.trim(),
      kind: form.couponKind,
      validFrom: from,
      validTo: to,
      total: int(form.total),
      perUser: int(form.perUser),
    };
    if (form.couponKind === 'amount_off') body.amountFen = fenOf(form.amount);
    else body.rateBp = int(form.percentOff) * 100;
    if (form.cap.trim()) body.capFen = fenOf(form.cap);
    if (form.minSpend.trim()) body.minSpendFen = fenOf(form.minSpend);
    if (form.validDays.trim()) body.validDays = int(form.validDays);
    if (productIds.length > 0) body.productIds = productIds;
    if (Object.values(body).some((value) => typeof value === 'number' && Number.isNaN(value)))
      return { problem: '请检查金额和数量' };
    return { body };
  }
  const base: Record<string, unknown> = {
    productId: productIds[0] ?? '',
    startAt: from,
    endAt: to,
    commission: form.commission,
  };
  if (form.title.trim()) base.title = form.title.trim();
  if (form.skuId.trim()) base.skuId = form.skuId.trim();
  const price = fenOf(form.price);
  if (price === undefined || Number.isNaN(price)) return { problem: '请填写活动价（元）' };
  const body =
    kind === 'flash-sales'
      ? { ...base, priceFen: price, perUser: int(form.perUser), stockCap: int(form.stockCap) }
      : {
          ...base,
          groupPriceFen: price,
          size: int(form.size),
          hours: int(form.hours),
          overflowOpensNewGroup: form.overflowOpensNewGroup,
        };
  if (Object.values(body).some((value) => typeof value === 'number' && Number.isNaN(value)))
    return { problem: '请检查数量' };
  return { body };
}
