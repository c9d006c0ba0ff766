/**
 * Coupons a shopper can claim: on a product page (`product-id` set: the coupons that cover it) or in the coupon
 * centre (all). Claiming asks the server, which decides quantity and limits; the list shows what it answered.
 */
import { formatFen, formatPercent, type ClaimableCoupon } from '@shop/contract';
import { CloudError } from '../../services/cloud';
import { claimCoupon, fetchClaimableCoupons } from '../../services/marketing';
import { formatDate } from '../../utils/time';

export interface CouponRow extends ClaimableCoupon {
  offer: string;
  condition: string;
  validity: string;
  canClaim: boolean;
  buttonText: string;
}

export function couponRow(coupon: ClaimableCoupon): CouponRow {
  const offer =
    coupon.kind === 'amount_off'
      ? `减${formatFen(coupon.amountFen ?? 0)}`
      : `${formatPercent(coupon.rateBp ?? 0)} off${coupon.capFen ? `，最多减${formatFen(coupon.capFen)}` : ''}`;
  const condition = coupon.minSpendFen ? `满${formatFen(coupon.minSpendFen)}可用` : '无门槛';
  const validity = coupon.validDays
    ? `领取后 ${coupon.validDays} 天内有效`
    : `${formatDate(coupon.validFrom)} 至 ${formatDate(coupon.validTo)}`;
  const full = coupon.claimedByMe >= coupon.perUser;
  const gone = coupon.remaining <= 0;
  return {
    ...coupon,
    offer,
    condition,
    validity,
    canClaim: !full && !gone,
    buttonText: full ? '已领取' : gone ? '已领完' : '领取',
  };
}

Component({
  options: { addGlobalClass: true },
  properties: {
    productId: { type: String, value: '' },
  },
  data: { rows: [] as CouponRow[], claiming: '' },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      try {
        const coupons = await fetchClaimableCoupons((this.data.productId as string) || undefined);
        this.setData({ rows: coupons.map(couponRow) });
      } catch {
        this.setData({ rows: [] });
      }
    },
    async onClaim(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id || this.data.claiming) return;
      this.setData({ claiming: id });
      try {
        await claimCoupon(id);
        wx.showToast({ title: '领取成功', icon: 'success' });
      } catch (error) {
        wx.showToast({ title: error instanceof CloudError ? error.message : '领取失败', icon: 'none' });
      } finally {
        this.setData({ claiming: '' });
        await this.load();
      }
    },
  },
});
