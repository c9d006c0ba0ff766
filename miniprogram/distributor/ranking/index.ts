/** The ranking of distributors by commission earned. */
import { CloudError } from '../../services/cloud';
import { fetchRanking } from '../../services/distributor';
import type { RankingRow } from '@shop/contract';
import type { ViewStatus } from '../../pages/home/index';

interface Data {
  status: ViewStatus;
  errorText: string;
  rows: RankingRow[];
}

interface Custom {
  load(): Promise<void>;
  onRetry(): void;
}

Page<Data, Custom>({
  data: { status: 'loading', errorText: '', rows: [] },
  onLoad() {
    void this.load();
  },
  async load() {
    this.setData({ status: 'loading' });
    try {
      const rows = await fetchRanking();
      this.setData({ rows, status: rows.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },
  onRetry() {
    void this.load();
  },
});
