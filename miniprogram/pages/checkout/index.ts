/**
 * Checkout: address (wx.chooseAddress), coupon choice, the server-computed quote, then placeOrder and payment with
 * what placeOrder returns. A group-buy purchase (from the product page's 发起拼团 / 参与拼团) is quoted and placed
 * with its `groupBuy`; once paid, the shopper lands on the group page of the group placeOrder answered.
 */
import { formatFen, formatPercent, MAX_BUYER_NOTE_LENGTH, type Address, type Coupon, type Quote } from '@shop/contract';
import { lineKey, orderItem, readCheckoutItems, removeFromCart, type GroupBuyChoice } from '../../services/cart';
import { CloudError, toast } from '../../services/cloud';
import { dispatchPlaceOrder, payOrder } from '../../services/order';
import { fetchCoupons, fetchQuote } from '../../services/shop';
import type { ViewStatus } from '../home/index';

const ADDRESS_KEY = 'address:last';

interface CheckoutItem {
  productId: string;
  skuId?: string;
  skuLabel?: string;
  quantity: number;
  title: string;
  image: string | null;
}

interface CouponOption extends Coupon {
  text: string;
}

interface Data {
  status: ViewStatus;
  errorText: string;
  items: CheckoutItem[];
  fromCart: boolean;
  /** A group-buy purchase: quoted and placed at the group price, for this campaign (and group, when joining). */
  groupBuy: GroupBuyChoice | null;
  address: Address | null;
  addressText: string;
  coupons: CouponOption[];
  couponId: string;
  couponText: string;
  showCoupons: boolean;
  /** The shopper picked a coupon (or none) themselves: the best one is no longer chosen for them. */
  couponChosen: boolean;
  /** Why each coupon does not apply to this cart (from the quote), by coupon id. */
  couponReasons: Record<string, string>;
  quote: Quote | null;
  submitting: boolean;
  /** 买家留言, sent with the order (≤ MAX_BUYER_NOTE_LENGTH characters). */
  buyerNote: string;
  noteLimit: number;
}

interface Custom {
  requote(): Promise<void>;
  onChooseAddress(): Promise<void>;
  onToggleCoupons(): void;
  onChooseCoupon(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onSubmit(): Promise<void>;
  onNoteInput(e: WechatMiniprogram.Input): void;
  onRetry(): void;
}

function addressText(address: Address | null): string {
  if (!address) return '';
  return `${address.provinceName}${address.cityName}${address.countyName}${address.detailInfo}`;
}

function couponText(coupon: Coupon): string {
  const threshold = coupon.minSpendFen ? `满${formatFen(coupon.minSpendFen)}可用` : '无门槛';
  if (coupon.kind === 'amount_off' && coupon.amountFen !== undefined)
    return `${coupon.title}（减${formatFen(coupon.amountFen)}，${threshold}）`;
  if (coupon.kind === 'percent_off' && coupon.rateBp !== undefined)
    return `${coupon.title}（立减 ${formatPercent(coupon.rateBp)}，${threshold}）`;
  return coupon.title;
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorText: '',
    items: [],
    fromCart: false,
    groupBuy: null,
    address: null,
    addressText: '',
    coupons: [],
    couponId: '',
    couponText: '不使用优惠券',
    showCoupons: false,
    couponChosen: false,
    couponReasons: {},
    quote: null,
    submitting: false,
    buyerNote: '',
    noteLimit: MAX_BUYER_NOTE_LENGTH,
  },

  onNoteInput(e) {
    this.setData({ buyerNote: e.detail.value.slice(0, MAX_BUYER_NOTE_LENGTH) });
  },

  onLoad() {
    const { items, fromCart, groupBuy } = readCheckoutItems();
    const saved = wx.getStorageSync(ADDRESS_KEY) as Address | '';
    const address = saved && saved.userName ? saved : null;
    this.setData({ items, fromCart, groupBuy, address, addressText: addressText(address) });
    if (!items.length) {
      this.setData({ status: 'empty' });
      return;
    }
    fetchCoupons()
      .then((coupons) => this.setData({ coupons: coupons.map((coupon) => ({ ...coupon, text: couponText(coupon) })) }))
      .catch(() => undefined);
    void this.requote();
  },

  async requote() {
    this.setData({ status: this.data.quote ? 'ready' : 'loading', errorText: '' });
    try {
      const quote = await fetchQuote(this.data.items.map(orderItem), this.data.couponId || null, this.data.groupBuy);
      const best = quote.bestCouponId;
      if (!this.data.couponChosen && !this.data.couponId && best) {
        // Checkout picks the best coupon by default; the shopper can still choose another or none.
        const coupon = this.data.coupons.find((c) => c.id === best);
        this.setData({ couponId: best, couponText: coupon ? coupon.text : '已选最优惠的券', couponChosen: true });
        await this.requote();
        return;
      }
      const couponReasons: Record<string, string> = {};
      for (const choice of quote.couponChoices ?? [])
        if (!choice.applicable && choice.reason) couponReasons[choice.userCouponId] = choice.reason;
      this.setData({ quote, status: 'ready', couponReasons });
    } catch (error) {
      const message = error instanceof CloudError ? error.message : '价格计算失败';
      if (this.data.couponId && error instanceof CloudError && error.code === 'COUPON_NOT_APPLICABLE') {
        // The coupon does not fit this order: quote again without it.
        this.setData({ couponId: '', couponText: '不使用优惠券' });
        await this.requote();
        return;
      }
      this.setData({ status: 'error', errorText: message, quote: null });
    }
  },

  async onChooseAddress() {
    try {
      const chosen = await wx.chooseAddress();
      const address: Address = {
        userName: chosen.userName,
        telNumber: chosen.telNumber,
        provinceName: chosen.provinceName,
        cityName: chosen.cityName,
        countyName: chosen.countyName,
        detailInfo: chosen.detailInfo,
        postalCode: chosen.postalCode,
      };
      wx.setStorageSync(ADDRESS_KEY, address);
      this.setData({ address, addressText: addressText(address) });
    } catch {
      // Cancelled, or address permission refused: nothing changes.
    }
  },

  onToggleCoupons() {
    this.setData({ showCoupons: !this.data.showCoupons });
  },

  onChooseCoupon(e) {
    const id = e.currentTarget.dataset.id ?? '';
    const coupon = this.data.coupons.find((c) => c.id === id);
    this.setData({
      couponId: id,
      couponText: coupon ? coupon.text : '不使用优惠券',
      showCoupons: false,
      couponChosen: true,
    });
    void this.requote();
  },

  async onSubmit() {
    if (this.data.submitting || !this.data.quote) return;
    if (!this.data.address) {
      toast('请先选择收货地址');
      return;
    }
    this.setData({ submitting: true });
    try {
      const placed = await dispatchPlaceOrder({
        items: this.data.items.map(orderItem),
        address: this.data.address,
        couponId: this.data.couponId || null,
        buyerNote: this.data.buyerNote,
        groupBuy: this.data.groupBuy,
      });
      // Kept so the order page can offer "去支付" until the order expires.
      wx.setStorageSync(`payment:${placed.orderId}`, placed);
      if (this.data.fromCart) removeFromCart(this.data.items.map(lineKey));
      const outcome = await payOrder(placed);
      if (outcome === 'paid') toast('支付成功');
      if (outcome === 'paid' && placed.groupId) {
        // A paid group-buy order: the group page shows who has joined and shares the group to friends.
        wx.redirectTo({ url: `/marketing/group/index?groupId=${placed.groupId}` });
        return;
      }
      wx.redirectTo({ url: `/pages/order/detail/index?orderId=${placed.orderId}` });
    } catch {
      // callCloud already toasted the reason (out of stock, coupon, …).
    } finally {
      this.setData({ submitting: false });
    }
  },

  onRetry() {
    void this.requote();
  },
});
