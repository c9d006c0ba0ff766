/** Team, level 1 and 2: nickname and join date only (the server sends nothing more). */
import { CloudError } from '../../services/cloud';
import { fetchTeam } from '../../services/distributor';
import { formatDate } from '../../utils/time';
import type { ViewStatus } from '../../pages/home/index';

const PAGE_SIZE = 20;

interface Data {
  level: 1 | 2;
  tabs: Array<{ value: number; label: string }>;
  status: ViewStatus;
  errorText: string;
  members: Array<{ nickname: string; joined: string }>;
  total: number;
  page: number;
  hasMore: boolean;
}

interface Custom {
  load(reset: boolean): Promise<void>;
  onTabChange(e: WechatMiniprogram.CustomEvent<{ value: number }>): void;
  onRetry(): void;
}

Page<Data, Custom>({
  data: {
    level: 1,
    tabs: [
      { value: 1, label: '一级成员' },
      { value: 2, label: '二级成员' },
    ],
    status: 'loading',
    errorText: '',
    members: [],
    total: 0,
    page: 0,
    hasMore: false,
  },

  onLoad() {
    void this.load(true);
  },

  onReachBottom() {
    if (this.data.hasMore) void this.load(false);
  },

  async load(reset) {
    const page = reset ? 1 : this.data.page + 1;
    const level = this.data.level;
    if (reset) this.setData({ status: 'loading', members: [] });
    try {
      const team = await fetchTeam(level, page, PAGE_SIZE);
      if (level !== this.data.level) return;
      const members = [
        ...(reset ? [] : this.data.members),
        ...team.members.map((m) => ({ nickname: m.nickname, joined: formatDate(m.joinedAt) })),
      ];
      this.setData({
        members,
        total: team.total,
        page,
        hasMore: members.length < team.total,
        status: members.length ? 'ready' : 'empty',
      });
    } catch (error) {
      if (reset) this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },

  onTabChange(e) {
    this.setData({ level: Number(e.detail.value) === 2 ? 2 : 1 });
    void this.load(true);
  },

  onRetry() {
    void this.load(true);
  },
});
