/**
 * The home page's campaign strip: running limited-time prices and group buys, each with a countdown to its end
 * (by the phone's clock for display only; the server prices by its own clock).
 */
import type { CampaignCard } from '@shop/contract';
import { fetchCampaigns } from '../../services/marketing';
import { remainingMs } from '../../utils/time';

export interface StripCard extends CampaignCard {
  remaining: number;
  badge: string;
}

export function stripCards(cards: CampaignCard[], now = Date.now()): StripCard[] {
  return cards
    .filter((card) => card.startAt <= now)
    .map((card) => ({
      ...card,
      remaining: remainingMs(card.endAt, now),
      badge: card.kind === 'group_buy' ? `${card.size}人团` : '限时折扣',
    }));
}

Component({
  options: { addGlobalClass: true },
  data: { cards: [] as StripCard[] },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      try {
        this.setData({ cards: stripCards(await fetchCampaigns()) });
      } catch {
        this.setData({ cards: [] });
      }
    },
    onTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: `/pages/product/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
