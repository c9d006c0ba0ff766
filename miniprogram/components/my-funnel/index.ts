/**
 * A distributor's own funnel over the last 7 days: 打开分享 → 浏览 → 下单 → 支付 → 未退款, from `distributorCenter`
 * `funnel` (the caller's own counters only). For the distributor center: `<my-funnel />`.
 */
import type { DistributorFunnel } from '@shop/contract';
import { callCloud } from '../../services/cloud';

const STEPS = [
  { key: 'opened', label: '打开分享' },
  { key: 'viewed', label: '浏览' },
  { key: 'ordered', label: '下单' },
  { key: 'paid', label: '支付' },
  { key: 'kept', label: '未退款' },
] as const;

function stepsOf(funnel: DistributorFunnel) {
  return STEPS.map((step) => ({ key: step.key, label: step.label, count: funnel[step.key] }));
}

Component({
  options: { addGlobalClass: true },
  data: { steps: [] as { key: string; label: string; count: number }[], days: 7 },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      try {
        const funnel = await callCloud('distributorCenter', 'funnel', { days: 7 }, { silent: true });
        this.setData({ steps: stepsOf(funnel), days: funnel.days });
      } catch {
        this.setData({ steps: [] });
      }
    },
  },
});
