/**
 * A group (拼团): who has joined (masked names), places left, time left, and a share card that brings friends back
 * here to join. Joining places a group-buy order for this group; the server decides whether the group still has room.
 */
import { GROUP_STATUS_FOR_SHOPPER, type GroupView } from '@shop/contract';
import { CloudError } from '../../services/cloud';
import { fetchGroup } from '../../services/marketing';
import { remainingMs } from '../../utils/time';
import type { ViewStatus } from '../../pages/home/index';

interface Data {
  status: ViewStatus;
  errorText: string;
  groupId: string;
  group: GroupView | null;
  remaining: number;
  placesLeft: number;
  statusText: string;
  canJoin: boolean;
}

export function groupScreen(group: GroupView): Pick<Data, 'remaining' | 'placesLeft' | 'statusText' | 'canJoin'> {
  const placesLeft = Math.max(0, group.size - group.paidMembers);
  return {
    remaining: group.status === 'open' ? remainingMs(Date.now() + group.remainingMs) : 0,
    placesLeft,
    statusText: GROUP_STATUS_FOR_SHOPPER[group.status],
    canJoin: group.status === 'open' && placesLeft > 0 && !group.isMember,
  };
}

Page<Data, { load(): Promise<void>; onRetry(): void; onJoin(): void }>({
  data: {
    status: 'loading',
    errorText: '',
    groupId: '',
    group: null,
    remaining: 0,
    placesLeft: 0,
    statusText: '',
    canJoin: false,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ groupId: query.groupId ?? '' });
    void this.load();
  },
  async load() {
    this.setData({ status: 'loading' });
    try {
      const group = await fetchGroup(this.data.groupId);
      this.setData({ group, ...groupScreen(group), status: 'ready' });
    } catch (error) {
      this.setData({ status: 'error', errorText: error instanceof CloudError ? error.message : '加载失败' });
    }
  },
  onRetry() {
    void this.load();
  },
  onJoin() {
    const group = this.data.group;
    if (!group) return;
    wx.navigateTo({
      url: `/pages/product/index?id=${group.productId}&groupBuy=${group.campaignId}&groupId=${group.groupId}`,
    });
  },
  onShareAppMessage() {
    const group = this.data.group;
    return {
      title: group ? `还差 ${this.data.placesLeft} 人，一起拼「${group.title}」` : '一起拼团',
      path: `/marketing/group/index?groupId=${this.data.groupId}`,
      imageUrl: group?.image ?? undefined,
    };
  },
});
