/**
 * The distributor center. Not yet a distributor: the application form and its review state. Approved: balances
 * (each opens its ledger), the invite code with sharing (a card or a poster, never a bare path), and the way to team, ranking, materials,
 * posters and withdrawals.
 */
import {
  CENTER_STATUS_TEXT,
  formatFen,
  formatPercent,
  MAX_APPLICANT_NAME_LENGTH,
  MAX_APPLICATION_REASON_LENGTH,
  PHONE_PATTERN,
  type CenterSummary,
  type GradeView,
} from '@shop/contract';
import { cachedStore } from '../../services/profile';
import { CloudError, toast } from '../../services/cloud';
import { dispatchApply, fetchCenterSummary, forgetInviteCode } from '../../services/distributor';
import type { ViewStatus } from '../../pages/home/index';
import { BUCKET_TABS, teamLevelText } from '../config';

interface Data {
  status: ViewStatus;
  errorText: string;
  summary: CenterSummary | null;
  statusText: string;
  /**
   * Which part of the page shows, decided here where `tsc` checks each state name against the contract (in the
   * template a `'pending'` would simply never match).
   */
  stage: { distributor: boolean; inReview: boolean; rejected: boolean; disabled: boolean };
  /** "银牌推广员" and "距 金牌推广员 还差 ¥9,732.00 有效销售额"; empty while the merchant has no grades. */
  grade: { name: string; toGo: string };
  /** The saved rates, e.g. "直接推广 15%，间接推广 8%"; empty while distribution is off. */
  ratesText: string;
  buckets: Array<{ value: string; label: string; fen: number }>;
  promotionPath: string;
  form: { name: string; phone: string; reason: string };
  /** The form's input limits: the server's (`apply` refuses longer). */
  limits: { name: number; reason: number };
  applying: boolean;
  menus: Array<{ label: string; url: string; hint: string }>;
}

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
  onInput(
    e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: 'name' | 'phone' | 'reason' }>,
  ): void;
  onApply(): Promise<void>;
  onBucket(e: WechatMiniprogram.BaseEvent<Record<string, never>, { bucket: string }>): void;
  onMenu(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string }>): void;
}

const MENUS = [
  { label: '收益明细', url: '/distributor/earnings/index', hint: '每笔佣金的来源与结算日' },
  { label: '推广订单', url: '/distributor/orders/index', hint: '好友的订单与佣金进度' },
  { label: '我的团队', url: '/distributor/team/index', hint: '一级、二级成员' },
  { label: '推广海报', url: '/distributor/poster/index', hint: '商品海报带小程序码' },
  { label: '排行榜', url: '/distributor/ranking/index', hint: '累计佣金排名' },
  { label: '推广素材', url: '/distributor/materials/index', hint: '文案与图片' },
  { label: '提现', url: '/distributor/withdraw/index', hint: '提现到微信零钱' },
];

const METRIC_TEXT: Record<GradeView['toGo'][number]['metric'], (left: number) => string> = {
  directSalesFen: (left) => `${formatFen(left)} 有效销售额`,
  settledCommissionFen: (left) => `${formatFen(left)} 已结算佣金`,
  directCustomers: (left) => `${left} 位直接客户`,
};

/** The grade and what is left to the next one ("¥x more to go"): all of it, or the nearest of `any`. */
function gradeLine(grade: GradeView | null): { name: string; toGo: string } {
  if (!grade?.current) return { name: '', toGo: '' };
  if (!grade.next) return { name: grade.current.name, toGo: '已是最高等级' };
  const left = grade.toGo.filter((c) => c.left > 0);
  if (left.length === 0) return { name: grade.current.name, toGo: `已达到 ${grade.next.name} 的条件，稍后自动升级` };
  const parts = left.map((c) => METRIC_TEXT[c.metric](c.left));
  const joined = grade.next.logic === 'any' ? parts.join(' 或 ') : parts.join('、');
  return { name: grade.current.name, toGo: `距 ${grade.next.name} 还差 ${joined}` };
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorText: '',
    summary: null,
    statusText: '',
    stage: { distributor: false, inReview: false, rejected: false, disabled: false },
    ratesText: '',
    grade: { name: '', toGo: '' },
    buckets: [],
    promotionPath: '',
    form: { name: '', phone: '', reason: '' },
    limits: { name: MAX_APPLICANT_NAME_LENGTH, reason: MAX_APPLICATION_REASON_LENGTH },
    applying: false,
    menus: MENUS,
  },

  onShow() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    if (!this.data.summary) this.setData({ status: 'loading' });
    try {
      const summary = await fetchCenterSummary();
      this.setData({
        summary,
        status: 'ready',
        statusText: CENTER_STATUS_TEXT[summary.status],
        stage: {
          distributor: summary.status === 'approved',
          inReview: summary.status === 'applied',
          rejected: summary.status === 'rejected',
          disabled: summary.status === 'disabled',
        },
        ratesText: (summary.levelRatesBp ?? [])
          .map((bp, index) => `${teamLevelText(index + 1)} ${formatPercent(bp)}`)
          .join('，'),
        buckets: BUCKET_TABS.filter((bucket) => bucket.value !== 'available').map((bucket) => ({
          value: bucket.value,
          label: bucket.label,
          fen: summary[`${bucket.value}Fen` as const],
        })),
        grade: gradeLine(summary.grade ?? null),
        promotionPath: summary.inviteCode ? `pages/home/index?inviter=${summary.inviteCode}` : '',
      });
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  onRetry() {
    void this.load();
  },

  onInput(e) {
    const field = e.currentTarget.dataset.field;
    this.setData({ form: { ...this.data.form, [field]: e.detail.value } });
  },

  async onApply() {
    const { name, phone, reason } = this.data.form;
    if (!name.trim()) return toast('请填写姓名');
    if (!PHONE_PATTERN.test(phone.trim())) return toast('请填写 11 位手机号');
    this.setData({ applying: true });
    try {
      await dispatchApply({ name: name.trim(), phone: phone.trim(), reason: reason.trim() });
      forgetInviteCode();
      toast('申请已提交');
      await this.load();
    } catch {
      // toasted
    } finally {
      this.setData({ applying: false });
    }
  },

  onBucket(e) {
    wx.navigateTo({ url: `/distributor/earnings/index?bucket=${e.currentTarget.dataset.bucket}` });
  },

  onMenu(e) {
    wx.navigateTo({ url: e.currentTarget.dataset.url });
  },

  /** A mini program card (with the store's name), not a path pasted into a chat: a path opens nothing there. */
  onShareAppMessage() {
    const code = this.data.summary?.inviteCode;
    return {
      title: `${cachedStore().name}：好物分享，一起赚`,
      path: code ? `/pages/home/index?inviter=${code}` : '/pages/home/index',
    };
  },
});
