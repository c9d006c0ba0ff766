/**
 * A small hash router: `#/orders?status=paid`. Hash URLs work on any static host (CloudBase static hosting included)
 * without rewrite rules. The route table says which roles see a screen; each screen is loaded on demand.
 */
import type { Component } from 'vue';
import { ROLE_GROUPS, type AdminRole } from '../../contract/src/states';

// Screens read and change the location through hash-location.ts, not this table of screens that loads them.
export { HOME, location, navigate } from './hash-location';

export interface ScreenRoute {
  path: string;
  title: string;
  group: string;
  roles: readonly AdminRole[];
  load: () => Promise<{ default: Component }>;
}

/** The admin API's role groups: only owner and finance touch withdrawals (the API refuses operators too). */
const { staff: ALL, owner: OWNER, finance: FINANCE } = ROLE_GROUPS;

export const SCREENS: readonly ScreenRoute[] = [
  { path: '/dashboard', title: '数据概览', group: '经营', roles: ALL, load: () => import('./screens/Dashboard') },
  { path: '/orders', title: '订单', group: '经营', roles: ALL, load: () => import('./screens/Orders') },
  { path: '/refunds', title: '售后退款', group: '经营', roles: ALL, load: () => import('./screens/Refunds') },
  {
    path: '/reconciliation',
    title: '对账差异',
    group: '经营',
    roles: FINANCE,
    load: () => import('./screens/Reconciliation'),
  },
  { path: '/products', title: '商品', group: '经营', roles: ALL, load: () => import('./screens/Products') },
  { path: '/members', title: '会员', group: '经营', roles: ALL, load: () => import('./screens/Members') },
  { path: '/marketing', title: '营销中心', group: '经营', roles: ALL, load: () => import('./screens/Marketing') },
  { path: '/distributors', title: '分销员', group: '分销', roles: ALL, load: () => import('./screens/Distributors') },
  { path: '/withdrawals', title: '提现', group: '分销', roles: FINANCE, load: () => import('./screens/Withdrawals') },
  { path: '/materials', title: '推广素材', group: '分销', roles: ALL, load: () => import('./screens/Materials') },
  { path: '/rules', title: '分销规则', group: '分销', roles: ALL, load: () => import('./screens/Rules') },
  { path: '/settings', title: '店铺设置', group: '设置', roles: ALL, load: () => import('./screens/StoreSettings') },
  { path: '/operators', title: '账号管理', group: '设置', roles: OWNER, load: () => import('./screens/Operators') },
  { path: '/sessions', title: '登录设备', group: '设置', roles: ALL, load: () => import('./screens/Sessions') },
  { path: '/audit', title: '操作日志', group: '设置', roles: OWNER, load: () => import('./screens/AuditLog') },
];

export function screenAt(path: string): ScreenRoute | undefined {
  return SCREENS.find((screen) => screen.path === path);
}
