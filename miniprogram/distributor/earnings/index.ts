/**
 * Earnings by bucket (frozen / available / held / withdrawn / debt), each a list of the ledger entries that moved
 * it, with the order they came from. Frozen shows each commission's settle day and why ("12-05 结算：…").
 */
import { formatFen, LEDGER_KIND_TEXT, type Bucket, type CenterSummary } from '@shop/contract';
import { CloudError } from '../../services/cloud';
import { fetchCenterSummary, fetchFrozenCommissions, fetchLedgerEntries } from '../../services/distributor';
import { formatDateTime } from '../../utils/time';
import type { ViewStatus } from '../../pages/home/index';
import { BUCKET_TABS, teamLevelText } from '../config';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  title: string;
  amountText: string;
  positive: boolean;
  orderId: string;
  time: string;
  settleDate: string;
  why: string;
}

interface Data {
  tabs: typeof BUCKET_TABS;
  bucket: Bucket;
  hint: string;
  totalText: string;
  status: ViewStatus;
  errorText: string;
  rows: Row[];
  page: number;
  hasMore: boolean;
}

interface Custom {
  summary: CenterSummary | null;
  load(reset: boolean): Promise<void>;
  onTabChange(e: WechatMiniprogram.CustomEvent<{ value: Bucket }>): void;
  onRetry(): void;
}

Page<Data, Custom>({
  summary: null,
  data: {
    tabs: BUCKET_TABS,
    bucket: 'frozen',
    hint: BUCKET_TABS[0]!.hint,
    totalText: '',
    status: 'loading',
    errorText: '',
    rows: [],
    page: 0,
    hasMore: false,
  },

  onLoad(query) {
    const bucket = BUCKET_TABS.find((b) => b.value === query.bucket) ?? BUCKET_TABS[0]!;
    this.setData({ bucket: bucket.value, hint: bucket.hint });
    void this.load(true);
  },

  async onPullDownRefresh() {
    await this.load(true);
    wx.stopPullDownRefresh();
  },

  onReachBottom() {
    if (this.data.hasMore) void this.load(false);
  },

  async load(reset) {
    const page = reset ? 1 : this.data.page + 1;
    const bucket = this.data.bucket;
    if (reset) this.setData({ status: 'loading', rows: [] });
    try {
      if (reset || !this.summary) this.summary = await fetchCenterSummary();
      let rows: Row[];
      let fetched: number;
      if (bucket === 'frozen') {
        const frozen = await fetchFrozenCommissions(page, PAGE_SIZE);
        fetched = frozen.length;
        rows = frozen.map((c) => ({
          id: c.commissionId,
          title: `${teamLevelText(c.level)}佣金`,
          amountText: formatFen(c.amountFen, { sign: true }),
          positive: true,
          orderId: c.orderId,
          time: '',
          settleDate: c.settleDate ?? '',
          why: c.why,
        }));
      } else {
        const entries = await fetchLedgerEntries(page, PAGE_SIZE);
        fetched = entries.length;
        rows = entries
          .filter((entry) => entry.deltas[bucket] !== 0)
          .map((entry) => ({
            id: entry.id,
            title: LEDGER_KIND_TEXT[entry.kind],
            amountText: formatFen(entry.deltas[bucket], { sign: true }),
            positive: entry.deltas[bucket] > 0,
            orderId: entry.orderId ?? '',
            time: formatDateTime(entry.at),
            settleDate: '',
            why: entry.feeFen ? `手续费 ${formatFen(entry.feeFen)}` : '',
          }));
      }
      if (bucket !== this.data.bucket) return; // the tab changed meanwhile
      const all = reset ? rows : [...this.data.rows, ...rows];
      this.setData({
        rows: all,
        page,
        hasMore: fetched === PAGE_SIZE,
        totalText: formatFen(this.summary[`${bucket}Fen` as const]),
        status: all.length ? 'ready' : 'empty',
      });
    } catch (error) {
      if (reset) this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  onTabChange(e) {
    const bucket = BUCKET_TABS.find((b) => b.value === e.detail.value) ?? BUCKET_TABS[0]!;
    this.setData({ bucket: bucket.value, hint: bucket.hint });
    void this.load(true);
  },

  onRetry() {
    void this.load(true);
  },
});
