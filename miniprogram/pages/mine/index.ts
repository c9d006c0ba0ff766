/**
 * "我的": the shopper's avatar (`open-type="chooseAvatar"`), nickname (`type="nickname"`) and phone
 * (`open-type="getPhoneNumber"`), order shortcuts, 客服 (`open-type="contact"`) and the way into the distributor
 * center (a subpackage). `getUserProfile` returns no real data any more, so nothing is asked of it.
 */
import { CloudError } from '../../services/cloud';
import { bindPhone, cachedStore, fetchProfile, fetchStore, saveAvatar, saveNickname } from '../../services/profile';
import { ORDER_TABS } from '../order/config';

interface Data {
  shortcuts: Array<{ value: string; label: string }>;
  nickname: string;
  avatar: string;
  phoneMasked: string;
  servicePhone: string;
  storeName: string;
}

interface Custom {
  loadProfile(): Promise<void>;
  onOrders(e: WechatMiniprogram.BaseEvent<Record<string, never>, { status: string }>): void;
  onCenter(): void;
  onChooseAvatar(e: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>): Promise<void>;
  onNickname(e: WechatMiniprogram.CustomEvent<{ value: string }>): Promise<void>;
  onPhone(e: WechatMiniprogram.CustomEvent<{ code?: string; errMsg: string }>): Promise<void>;
  onCallService(): void;
}

function complain(error: unknown): void {
  wx.showToast({ title: error instanceof CloudError ? error.message : '保存失败，请重试', icon: 'none' });
}

Page<Data, Custom>({
  data: {
    shortcuts: ORDER_TABS.filter((tab) => tab.value !== '' && tab.value !== 'received'),
    nickname: '',
    avatar: '',
    phoneMasked: '',
    servicePhone: '',
    storeName: cachedStore().name,
  },

  onShow() {
    void this.loadProfile();
    fetchStore()
      .then((face) => this.setData({ servicePhone: face.servicePhone, storeName: face.name }))
      .catch(() => undefined);
  },

  async loadProfile() {
    try {
      const profile = await fetchProfile();
      this.setData({
        nickname: profile.nickname ?? '',
        avatar: profile.avatarFileId ?? '',
        phoneMasked: profile.phoneMasked ?? '',
      });
    } catch {
      // The page works without a profile: the head shows 微信用户 until the next try.
    }
  },

  async onChooseAvatar(e) {
    const tempPath = e.detail.avatarUrl;
    if (!tempPath) return;
    this.setData({ avatar: tempPath });
    try {
      const profile = await saveAvatar(tempPath);
      this.setData({ avatar: profile.avatarFileId ?? tempPath });
    } catch (error) {
      complain(error);
    }
  },

  async onNickname(e) {
    const nickname = (e.detail.value ?? '').trim();
    if (nickname === '' || nickname === this.data.nickname) return;
    try {
      const profile = await saveNickname(nickname);
      this.setData({ nickname: profile.nickname ?? nickname });
      wx.showToast({ title: '昵称已保存', icon: 'success' });
    } catch (error) {
      complain(error);
    }
  },

  async onPhone(e) {
    // No code: the shopper tapped 拒绝 (or the account may not use the button); nothing to do.
    if (!e.detail.code) return;
    try {
      const profile = await bindPhone(e.detail.code);
      this.setData({ phoneMasked: profile.phoneMasked ?? '' });
      wx.showToast({ title: '手机号已绑定', icon: 'success' });
    } catch (error) {
      complain(error);
    }
  },

  onCallService() {
    if (this.data.servicePhone) wx.makePhoneCall({ phoneNumber: this.data.servicePhone });
  },

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
