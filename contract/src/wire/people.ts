/** People as operators and shoppers see them: a nickname and a masked phone, never a bare openid. */

/**
 * One shopper as an operator screen shows them. `nickname` is text (shown as text, never as HTML); 微信用户 when
 * the shopper set none. `phoneMasked` is `138****0000` when a phone is bound. `avatarUrl` is a URL a browser can
 * load (a cloud fileID is turned into a temporary link on the server).
 */
export interface PersonSummary {
  openid: string;
  nickname: string;
  avatarUrl?: string;
  phoneMasked?: string;
}

/** The caller's own profile ("我的"): their nickname and avatar as set, their phone masked. */
export interface MyProfile {
  nickname: string | null;
  /** The avatar's cloud fileID (the mini program's `<image>` loads it directly). */
  avatarFileId: string | null;
  phoneMasked: string | null;
}

/** The store's face, from the merchant's store settings: what the mini program shows as its name and logo. */
export interface StoreFace {
  name: string;
  /** A cloud fileID or an https link; '' when the merchant set none. */
  logo: string;
  introduction: string;
  /** The merchant's customer service phone; '' when none (the 客服 button still opens WeChat's own chat). */
  servicePhone: string;
}
