/** The coupon centre: every coupon the shop is giving out now, to claim here or from a shared link. */
Page({
  data: {},
  onShareAppMessage() {
    return { title: '店铺优惠券，先领再买', path: '/marketing/coupons/index' };
  },
});
