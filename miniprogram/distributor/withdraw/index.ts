/**
 * Withdraw: the available balance, the minimum, the fee and the net amount shown before submitting, then the
 * history with each request's state. The server checks limits and computes the fee on submit.
 */
import {
  formatFen,
  parseYuan,
  WITHDRAWAL_STATUS,
  WITHDRAWAL_STATUS_FOR_DISTRIBUTOR,
  type CenterSummary,
  type TagTheme,
} from '@shop/contract';
import { CloudError, toast } from '../../services/cloud';
import {
  dispatchWithdrawal,
  fetchCenterSummary,
  confirmTransfer,
  fetchWithdrawalQuote,
  fetchWithdrawals,
  previewWithdrawal,
} from '../../services/distributor';
import { formatDateTime } from '../../utils/time';
import type { ViewStatus } from '../../pages/home/index';

interface HistoryRow {
  withdrawalId: string;
  amountText: string;
  feeText: string;
  netText: string;
  status: string;
  statusText: string;
  /** The tag colour of the state: the contract's, the same as on the admin page. */
  theme: TagTheme;
  time: string;
  rejectReason: string;
  taxText: string;
  /** A 商家转账 bill to confirm in WeChat: the row shows the 确认收款 button. */
  awaitingConfirmation: boolean;
}

interface Data {
  status: ViewStatus;
  errorText: string;
  summary: CenterSummary | null;
  availableText: string;
  rulesText: string;
  amountInput: string;
  amountFen: number | null;
  feeText: string;
  netText: string;
  /** The income tax the shop withholds, from the server's quote; empty while there is none to show. */
  taxText: string;
  inputError: string;
  canSubmit: boolean;
  submitting: boolean;
  history: HistoryRow[];
}

interface Custom {
  load(): Promise<void>;
  preview(text: string): void;
  onRetry(): void;
  onAmountInput(e: WechatMiniprogram.CustomEvent<{ value: string }>): void;
  onAll(): void;
  onSubmit(): Promise<void>;
  onConfirmTransfer(e: WechatMiniprogram.TouchEvent): Promise<void>;
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorText: '',
    summary: null,
    availableText: '',
    rulesText: '',
    amountInput: '',
    amountFen: null,
    feeText: '—',
    netText: '—',
    taxText: '',
    inputError: '',
    canSubmit: false,
    submitting: false,
    history: [],
  },

  onLoad() {
    void this.load();
  },

  async load() {
    if (!this.data.summary) this.setData({ status: 'loading' });
    try {
      const [summary, withdrawals] = await Promise.all([fetchCenterSummary(), fetchWithdrawals(1, 20)]);
      const rules = summary.withdrawal;
      const parts = [`最低提现 ${formatFen(rules.minFen)}`, `手续费 ${rules.feeBp / 100}%`];
      if (rules.maxFenPerRequest !== null) parts.push(`单次最高 ${formatFen(rules.maxFenPerRequest)}`);
      if (rules.dailyCapFen !== null) parts.push(`每日最高 ${formatFen(rules.dailyCapFen)}`);
      this.setData({
        summary,
        status: 'ready',
        availableText: formatFen(summary.availableFen),
        rulesText: parts.join('，'),
        history: withdrawals.map((w) => ({
          withdrawalId: w.withdrawalId,
          amountText: formatFen(w.amountFen),
          feeText: formatFen(w.feeFen),
          netText: formatFen(w.netFen),
          status: w.status,
          statusText: WITHDRAWAL_STATUS_FOR_DISTRIBUTOR[w.status],
          theme: WITHDRAWAL_STATUS[w.status].theme,
          time: formatDateTime(w.createdAt),
          rejectReason: w.rejectReason ?? '',
          taxText: w.taxFen ? formatFen(w.taxFen) : '',
          awaitingConfirmation: w.awaitingConfirmation === true,
        })),
      });
      this.preview(this.data.amountInput);
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  preview(text) {
    const summary = this.data.summary;
    const amountFen = text.trim() ? parseYuan(text) : null;
    let inputError = '';
    let feeText = '—';
    let netText = '—';
    if (summary && amountFen !== null) {
      const { feeFen, netFen } = previewWithdrawal(amountFen, summary.withdrawal);
      feeText = formatFen(feeFen);
      netText = formatFen(netFen);
      if (summary.debtFen > 0) inputError = `有 ${formatFen(summary.debtFen)} 待抵扣，抵扣完成前暂不能提现`;
      else if (amountFen < summary.withdrawal.minFen) inputError = `最低提现 ${formatFen(summary.withdrawal.minFen)}`;
      else if (amountFen > summary.availableFen) inputError = '超过可提现余额';
      else if (summary.withdrawal.maxFenPerRequest !== null && amountFen > summary.withdrawal.maxFenPerRequest)
        inputError = `单次最高 ${formatFen(summary.withdrawal.maxFenPerRequest)}`;
    } else if (text.trim()) {
      inputError = '请输入正确的金额（最多两位小数）';
    }
    this.setData({
      amountInput: text,
      amountFen,
      feeText,
      netText,
      taxText: '',
      inputError,
      canSubmit: amountFen !== null && amountFen > 0 && !inputError,
    });
  },

  onRetry() {
    void this.load();
  },

  onAmountInput(e) {
    this.preview(e.detail.value);
  },

  onAll() {
    const summary = this.data.summary;
    if (summary) this.preview(formatFen(summary.availableFen, { symbol: false }));
  },

  async onConfirmTransfer(e) {
    const withdrawalId = String(e.currentTarget.dataset.id ?? '');
    if (!withdrawalId) return;
    try {
      if (await confirmTransfer(withdrawalId)) toast('已确认收款，到账后会显示已到账');
      await this.load();
    } catch {
      // toasted
    }
  },

  async onSubmit() {
    if (!this.data.canSubmit || this.data.submitting || this.data.amountFen === null) return;
    // The server's quote: the income tax withheld depends on this month's earlier payouts, known only there.
    let quote;
    try {
      quote = await fetchWithdrawalQuote(this.data.amountFen);
    } catch {
      return; // toasted
    }
    const taxText = quote.taxWithholding ? formatFen(quote.taxFen) : '';
    this.setData({ feeText: formatFen(quote.feeFen), netText: formatFen(quote.netFen), taxText });
    const tax = taxText ? `，代扣个税 ${taxText}` : '';
    const { confirm } = await wx.showModal({
      title: '确认提现',
      content: `提现 ${formatFen(quote.amountFen)}，手续费 ${formatFen(quote.feeFen)}${tax}，预计到账 ${formatFen(quote.netFen)}`,
      confirmText: '确认提现',
    });
    if (!confirm) return;
    this.setData({ submitting: true });
    try {
      const result = await dispatchWithdrawal(this.data.amountFen);
      const taxNote = result.taxFen > 0 ? `，代扣个税 ${formatFen(result.taxFen)}` : '';
      toast(`提现申请已提交，手续费 ${formatFen(result.feeFen)}${taxNote}`);
      this.setData({ amountInput: '' });
      await this.load();
    } catch {
      // toasted
    } finally {
      this.setData({ submitting: false });
    }
  },
});
