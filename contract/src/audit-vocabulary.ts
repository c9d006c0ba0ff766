/**
 * The audit log in the operators' language, one table for the API and the admin page: what each action is called,
 * what each kind of object is called and which screen shows it, and the Chinese label of every field a change
 * touches. A target is stored as `<collection>/<id>` (`withdrawals/wd…`); `describeAuditTarget` turns it into
 * `提现单` with a link to the screen that finds it.
 */

export const AUDIT_ACTION_LABEL: Readonly<Record<string, string>> = {
  'product.create': '新建商品',
  'product.update': '编辑商品',
  'product.shelve': '上架商品',
  'product.unshelve': '下架商品',
  'category.create': '新建分类',
  'order.ship': '订单发货',
  'order.viewAddress': '查看完整收货地址',
  'refund.open': '商家发起退款',
  'refund.approve': '同意退款',
  'refund.reject': '拒绝退款',
  'distributor.approve': '通过分销员',
  'distributor.reject': '拒绝分销员',
  'distributor.disable': '禁用分销员',
  'distributor.enable': '恢复分销员',
  'withdrawal.approve': '通过提现',
  'withdrawal.reject': '拒绝提现',
  'withdrawal.paid': '提现已打款',
  'withdrawal.fail': '提现打款失败',
  'withdrawal.retry': '提现重新打款',
  'material.create': '新建素材',
  'material.update': '编辑素材',
  'material.delete': '删除素材',
  'member.erase': '删除个人信息',
  'reconciliation.resolve': '处理对账差异',
  'refund.received': '确认收到退货',
  'distributor.freeze': '冻结分销员（风控）',
  'distributor.unfreeze': '解除冻结',
  'withdrawal.transfer': '发起商家转账',
  'withdrawal.paid.refused': '打款被拒（需第二人）',
  'withdrawal.transfer.refused': '转账被拒（需第二人）',
  'coupon.create': '新建优惠券',
  'coupon.issue': '发放优惠券',
  'coupons.stop': '停止优惠券',
  'flashSale.create': '新建限时折扣',
  'flash-sales.stop': '停止限时折扣',
  'groupBuy.create': '新建拼团活动',
  'group-buys.stop': '停止拼团活动',
  'settings.afterSales': '修改售后设置',
  'settings.payouts': '修改打款设置',
  'settings.grades': '修改分销等级',
  'settings.posterBackgrounds': '修改海报背景',
  'settings.store': '修改店铺设置',
  'settings.distribution': '修改分销规则',
  'operator.create': '新建账号',
  'operator.password': '重置密码',
  'operator.lock': '账号锁定（旧记录）',
  'session.signInFailed': '登录失败',
  'session.revoke': '下线登录',
  'session.revokeAll': '全部下线',
};

/** Each kind of object: its name, the admin screen that lists it and the query that finds one there. */
export const AUDIT_OBJECTS: Readonly<Record<string, { name: string; screen: string; queryKey?: string }>> = {
  orders: { name: '订单', screen: '/orders', queryKey: 'q' },
  afterSales: { name: '售后单', screen: '/refunds', queryKey: 'q' },
  withdrawals: { name: '提现单', screen: '/withdrawals', queryKey: 'q' },
  distributors: { name: '分销员', screen: '/distributors', queryKey: 'q' },
  members: { name: '会员', screen: '/members', queryKey: 'q' },
  products: { name: '商品', screen: '/products', queryKey: 'q' },
  categories: { name: '商品分类', screen: '/products' },
  materials: { name: '推广素材', screen: '/materials' },
  settings: { name: '设置', screen: '/settings' },
  adminUsers: { name: '后台账号', screen: '/operators' },
  adminSessions: { name: '登录设备', screen: '/sessions' },
  paymentMismatches: { name: '对账差异', screen: '/reconciliation' },
  couponCampaigns: { name: '优惠券', screen: '/marketing' },
  flashSales: { name: '限时折扣', screen: '/marketing' },
  groupBuys: { name: '拼团活动', screen: '/marketing' },
};

/** Field names as the operators say them. A field missing here is shown under its own name, never hidden. */
export const AUDIT_FIELD_LABEL: Readonly<Record<string, string>> = {
  status: '状态',
  rejectReason: '拒绝原因',
  decidedAt: '处理时间',
  decidedBy: '处理人',
  reason: '原因',
  note: '备注',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  title: '标题',
  name: '名称',
  categoryId: '分类',
  priceFen: '价格',
  stock: '库存',
  sales: '销量',
  onShelf: '上架',
  limitedTime: '限时价',
  commission: '佣金设置',
  images: '图片',
  description: '详情',
  sort: '排序',
  lowStockThreshold: '库存预警',
  holds: '库存占用',
  shipping: '物流',
  shippedAt: '发货时间',
  carrier: '快递公司',
  trackingNo: '运单号',
  refundFen: '退款金额',
  refundedAt: '退款时间',
  quantity: '数量',
  line: '商品行',
  amountFen: '金额',
  feeFen: '手续费',
  netFen: '实付金额',
  attempt: '打款次数',
  payoutReference: '打款凭证',
  paidAt: '打款时间',
  failureReason: '失败原因',
  ruleVersion: '规则版本',
  inviteCode: '邀请码',
  nickname: '昵称',
  application: '申请资料',
  erasedAt: '删除时间',
  logo: '店铺标志',
  introduction: '店铺介绍',
  autoConfirmDays: '自动确认收货天数',
  unpaidTimeoutMinutes: '未支付自动取消分钟数',
  version: '版本',
  levels: '分销层级',
  levelRatesBp: '各级佣金比例',
  freezeDays: '售后冻结天数',
  recruitment: '招募方式',
  bindingMode: '绑定方式',
  validityDays: '绑定保护天数',
  selfPurchase: '自购返佣',
  productOverrides: '商品佣金覆盖',
  withdrawal: '提现设置',
  kind: '类型',
  body: '正文',
  role: '角色',
  username: '用户名',
  passwordHash: '密码',
  revokedAt: '下线时间',
  resolvedAt: '处理时间',
  resolvedBy: '处理人',
  resolution: '处理说明',
};

export function auditFieldLabel(field: string): string {
  return Object.prototype.hasOwnProperty.call(AUDIT_FIELD_LABEL, field) ? (AUDIT_FIELD_LABEL[field] as string) : field;
}

export function auditActionLabel(action: string): string {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABEL, action)
    ? (AUDIT_ACTION_LABEL[action] as string)
    : action;
}

export interface AuditTarget {
  /** `提现单`; the collection itself when it is not in the table. */
  objectName: string;
  id: string;
  /** The admin page's hash route that shows the object (`/withdrawals?q=wd…`); null when no screen shows it. */
  link: string | null;
}

export function describeAuditTarget(target: string): AuditTarget {
  const slash = target.indexOf('/');
  const collection = slash < 0 ? target : target.slice(0, slash);
  const id = slash < 0 ? '' : target.slice(slash + 1);
  const known = Object.prototype.hasOwnProperty.call(AUDIT_OBJECTS, collection) ? AUDIT_OBJECTS[collection] : undefined;
  if (!known) return { objectName: collection, id, link: null };
  const query = known.queryKey && id ? `?${known.queryKey}=${encodeURIComponent(id)}` : '';
  return { objectName: known.name, id, link: `${known.screen}${query}` };
}

/** Top-level fields whose value differs between before and after, each with its label. */
export function changedAuditFields(before: unknown, after: unknown): { field: string; label: string }[] {
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((field) => ({ field, label: auditFieldLabel(field) }));
}
