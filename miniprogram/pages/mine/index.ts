/** "我的": order shortcuts and the way into the distributor center (a subpackage). */
import { ORDER_TABS } from '../order/config';

interface Data {
  shortcuts: Array<{ value: string; label: string }>;
}

interface Custom {
  onOrders(e: WechatMiniprogram.BaseEvent<Record<string, never>, { status: string }>): void;
  onCenter(): void;
}

Page<Data, Custom>({
  data: { shortcuts: ORDER_TABS.filter((tab) => tab.value !== '' && tab.value !== 'received') },

  onOrders(e) {
    const status = e.currentTarget.dataset.status ?? '';
    // The order list is a tab page: switchTab cannot carry a query, so the wanted tab goes through storage.
    wx.setStorageSync('orders:tab', status);
    wx.switchTab({ url: '/pages/order/list/index' });
  },

  onCenter() {
    wx.navigateTo({ url: '/distributor/center/index' });
  },
});
