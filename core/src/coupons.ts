/**
 * Which of a shopper's coupons to use on a cart: each coupon is priced against the cart exactly as placing the
 * order would, the best (largest discount; on a tie the one that expires first) is the default, and every other
 * one says why it gives less or does not apply. Claims: how many of a coupon a shopper may still take.
 */
import { isDomainError } from './errors';
import { formatYuan, type Fen } from './money';
import { priceOrder, type Coupon, type PriceOrderInput } from './pricing';

export interface CouponOption {
  readonly couponId: string;
  readonly discountFen: number;
  readonly applicable: boolean;
  /** For the shopper, in Chinese; absent when the coupon applies. */
  readonly reason?: string;
}

export interface CouponEvaluation {
  /** Best first; then the others by discount, then those that do not apply. */
  readonly options: readonly CouponOption[];
  readonly bestCouponId: string | null;
}

const REASONS: Readonly<Record<string, string>> = {
  'not yet valid': '未到使用时间',
  expired: '已过期',
  'not in scope': '不在可用商品范围',
};

function reasonFor(coupon: Coupon, detail: string | undefined): string {
  if (detail === 'below minimum spend') return `未满 ¥${formatYuan((coupon.minSpendFen ?? 0) as Fen)}`;
  return (detail && REASONS[detail]) || '不可用于本订单';
}

export function evaluateCoupons(input: Omit<PriceOrderInput, 'coupon'>, coupons: readonly Coupon[]): CouponEvaluation {
  const options: (CouponOption & { validTo: number })[] = [];
  for (const coupon of coupons) {
    const priced = priceOrder({ ...input, coupon });
    const validTo = coupon.validTo ?? Number.MAX_SAFE_INTEGER;
    if (priced.ok && priced.value.discountFen > 0) {
      options.push({ couponId: coupon.id, discountFen: priced.value.discountFen, applicable: true, validTo });
    } else {
      const detail = !priced.ok && isDomainError(priced.error) ? (priced.error.details?.reason as string) : undefined;
      options.push({
        couponId: coupon.id,
        discountFen: 0,
        applicable: false,
        reason: priced.ok ? '本单无可抵扣金额' : reasonFor(coupon, detail),
        validTo,
      });
    }
  }
  options.sort(
    (a, b) =>
      Number(b.applicable) - Number(a.applicable) ||
      b.discountFen - a.discountFen ||
      a.validTo - b.validTo ||
      a.couponId.localeCompare(b.couponId),
  );
  const best = options[0]?.applicable ? options[0].couponId : null;
  return { options: options.map(({ validTo: _validTo, ...option }) => option), bestCouponId: best };
}

/**
 * A claim's validity: fixed [validFrom, validTo), or N days from the claim (never past the campaign's own end
 * when it has validDays: the claim window bounds only claiming then).
 */
export function claimedValidity(
  campaign: { validFrom: number; validTo: number; validDays?: number },
  claimedAt: number,
): { validFrom: number; validTo: number } {
  if (campaign.validDays === undefined) return { validFrom: campaign.validFrom, validTo: campaign.validTo };
  return { validFrom: claimedAt, validTo: claimedAt + campaign.validDays * 86_400_000 };
}
