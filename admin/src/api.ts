/**
 * The typed client of adminApi (`/api/admin` on the same origin), and the only module that talks to it. Every answer
 * is the contract's `Envelope`, `{ok, data}` / `{ok:false, error:{code, message}}`; a refusal becomes an ApiError whose
 * message is the server's own (Chinese, for the operator), or the contract's message for its code. The session is an HttpOnly cookie (see session.ts).
 */
import { isErrorCode, messageFor, type Envelope } from '../../contract/src/errors';
import type { ExportJob } from '../../contract/src/wire/exports';
import type {
  AfterSaleDoc,
  AuditLogRow,
  BindingDoc,
  CategoryDoc,
  Dashboard,
  DashboardRange,
  DistributorDoc,
  DistributorRow,
  GradeProgram,
  PosterBackground,
  RiskReport,
  ErasureReport,
  LowStock,
  MaterialDoc,
  MaterialInput,
  Me,
  MemberRow,
  MemberTree,
  OperatorAccount,
  OperatorRole,
  OrderDetail,
  OrderDoc,
  KeysetPage,
  KeysetQuery,
  Page,
  PageQuery,
  PaymentMismatchDoc,
  ProductDoc,
  ProductInput,
  RulesChanges,
  RulesHistory,
  RulesSaved,
  SessionRow,
  StoreSettingsDoc,
  StoreSettingsInput,
  WithdrawalDoc,
  Funnels,
  PayoutSettingsDoc,
  PayoutSettingsInput,
  TaxReport,
} from './api-types';

export const API_BASE = '/api/admin';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: { issues?: { path: string; message: string }[] } & Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

interface ClientHooks {
  signedIn(): boolean;
  /** The session's CSRF token: the HttpOnly cookie alone does not let a state-changing request through. */
  csrfToken(): string | null;
  /** A signed-in call was refused for its session (expired, revoked): the session ends. */
  unauthenticated(error: ApiError): void;
}

let hooks: ClientHooks = { signedIn: () => false, csrfToken: () => null, unauthenticated: () => undefined };

export function configureClient(next: ClientHooks): void {
  hooks = next;
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(method: string, path: string, query?: Query, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrfToken = hooks.csrfToken();
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    // The session cookie goes with same-origin requests only, and is never readable here.
    return await fetch(urlOf(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('NETWORK', messageFor('NETWORK'), 0);
  }
}

/** The contract's words for a code the server sent without a message. */
function messageOfCode(code: string): string {
  return isErrorCode(code) ? messageFor(code) : '操作失败';
}

async function failureOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const envelope = JSON.parse(text) as {
      ok?: boolean;
      error?: { code?: string; message?: string; details?: ApiError['details'] };
    };
    if (envelope.error?.code) {
      return new ApiError(
        envelope.error.code,
        envelope.error.message || messageOfCode(envelope.error.code),
        response.status,
        envelope.error.details,
      );
    }
  } catch {
    // Not an envelope: a gateway or hosting error page.
  }
  return new ApiError('HTTP', `服务器返回错误（HTTP ${response.status}），请稍后重试`, response.status);
}

function refuse(error: ApiError, signedIn: boolean): never {
  if (signedIn && error.code === 'UNAUTHENTICATED') hooks.unauthenticated(error);
  throw error;
}

export async function request<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const signedIn = hooks.signedIn();
  const response = await send(method, path, options.query, options.body);
  if (!response.ok) refuse(await failureOf(response), signedIn);
  const envelope = (await response.json().catch(() => null)) as Envelope<T> | null;
  if (!envelope) throw new ApiError('HTTP', '服务器返回了无法识别的内容', response.status);
  if (!envelope.ok)
    refuse(
      new ApiError(envelope.error.code, envelope.error.message || messageOfCode(envelope.error.code), response.status),
      signedIn,
    );
  return envelope.data;
}

/** Fetches a CSV export with the session cookie and hands it to the browser as a download. */
export async function download(path: string, query: Query, fallbackName: string): Promise<string> {
  const response = await send('GET', path, query);
  if (!response.ok) refuse(await failureOf(response), true);
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}

/** A body without the filters left empty (the server's schemas are strict and take no blank values). */
function withoutBlanks(fields: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== '') kept[key] = value;
  return kept;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body });
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
const id = encodeURIComponent;

export type OrderFilter = {
  status?: string;
  from?: string;
  to?: string;
  distributor?: string;
  /** Order number, phone, nickname, product or distributor (the server's search; sent only when typed). */
  q?: string;
};

/** What an orders export job filters on: the list's filters without the search box (the job takes no `q`). */
export type OrdersExportFilter = Omit<OrderFilter, 'q'>;

/** The orders list: `counts` per status and `nextCursor` where the server pages by cursor (older servers omit them). */
export type OrderPage = Page<OrderDoc> & { counts?: Partial<Record<string, number>>; nextCursor?: string | null };

export interface BatchShipReport {
  shipped: number;
  failed: number;
  results: {
    line: number;
    orderNo: string;
    ok: boolean;
    orderId?: string;
    error?: { code: string; message: string };
  }[];
}

export type WithdrawalFilter = {
  status?: string;
  openid?: string;
  from?: string;
  to?: string;
};

export const api = {
  signIn: (username: string, password: string) =>
    post<{ csrfToken: string; expiresAt: number }>('/session', { username, password, mode: 'cookie' }),
  signOut: () => request<{ id: string }>('DELETE', '/session'),
  me: () => get<Me & { csrfToken?: string }>('/me'),
  sessions: (username?: string) => get<{ items: SessionRow[] }>('/sessions', { username }),
  revokeSession: (sessionId: string) =>
    request<{ id: string; revoked: boolean }>('DELETE', `/sessions/${id(sessionId)}`),
  revokeAllSessions: (username?: string) =>
    post<{ username: string; revoked: number }>('/sessions/revoke-all', username ? { username } : {}),

  dashboard: (range: DashboardRange) => get<Dashboard>('/dashboard', { range }),
  funnels: (range: DashboardRange) => get<Funnels>('/funnels', { range }),

  /** Stores an image in cloud storage: the fileID goes into the form, the URL is for the preview. */
  uploadImage: async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return post<{ fileID: string; url: string }>('/uploads', { contentType: file.type, dataBase64: btoa(binary) });
  },

  storeSettings: () => get<StoreSettingsDoc>('/settings/store'),
  saveStoreSettings: (settings: StoreSettingsInput) => put<StoreSettingsDoc>('/settings/store', settings),
  rules: () => get<RulesHistory>('/settings/distribution'),
  saveRules: (changes: RulesChanges) => put<RulesSaved>('/settings/distribution', changes),

  products: (query: { q?: string; categoryId?: string; onShelf?: 'true' | 'false' } & PageQuery) =>
    get<Page<ProductDoc>>('/products', query),
  product: (productId: string) => get<ProductDoc>(`/products/${id(productId)}`),
  lowStock: () => get<LowStock>('/products/low-stock'),
  createProduct: (input: ProductInput) => {
    const { lowStockThreshold, commission, ...fields } = input;
    return post<{ id: string }>('/products', {
      ...fields,
      ...(lowStockThreshold === null ? {} : { lowStockThreshold }),
      ...(commission ? { commission } : {}),
    });
  },
  /** `stockSeen` is the stock the form was opened with, so orders placed meanwhile are not overwritten. */
  updateProduct: (productId: string, input: ProductInput, stockSeen: number) =>
    put<ProductDoc>(`/products/${id(productId)}`, input.stock === undefined ? input : { ...input, stockSeen }),
  setShelf: (productId: string, onShelf: boolean) =>
    post<{ id: string; onShelf: boolean }>(`/products/${id(productId)}/shelf`, { onShelf }),
  categories: () => get<{ items: CategoryDoc[] }>('/categories'),
  createCategory: (name: string) => post<{ id: string }>('/categories', { name }),

  orders: (query: OrderFilter & PageQuery) => get<OrderPage>('/orders', query),
  shipBatch: (csv: string) => post<BatchShipReport>('/orders/ship-batch', { csv }),
  order: (orderId: string) => get<OrderDetail>(`/orders/${id(orderId)}`),
  shipOrder: (orderId: string, carrier: string, trackingNo: string) =>
    post<OrderDoc>(`/orders/${id(orderId)}/ship`, { carrier, trackingNo }),
  // The CSV takes the list's filters but not its search text (the route refuses `q`): strip it so a typed search
  // never turns the download into an error.
  exportOrders: ({ q: _search, ...query }: OrderFilter) => download('/orders.csv', { ...query }, 'orders.csv'),
  /** An export job of any size: each call (start, then every poll) moves it on by a slice on the server. */
  startOrdersExport: (filter: OrdersExportFilter) => post<ExportJob>('/exports/orders', withoutBlanks(filter)),
  pollOrdersExport: (jobId: string) => get<ExportJob>(`/exports/orders/${id(jobId)}`),

  refunds: (query: { status?: string; orderId?: string } & KeysetQuery) =>
    get<KeysetPage<AfterSaleDoc>>('/refunds', query),
  approveRefund: (afterSaleId: string, decision: { refundFen?: number; partialReason?: string } = {}) =>
    post<AfterSaleDoc>(`/refunds/${id(afterSaleId)}/approve`, decision),
  receiveReturn: (afterSaleId: string) => post<AfterSaleDoc>(`/refunds/${id(afterSaleId)}/received`),
  rejectRefund: (afterSaleId: string, reason: string) =>
    post<AfterSaleDoc>(`/refunds/${id(afterSaleId)}/reject`, { reason }),

  distributors: (query: { status?: string; q?: string } & KeysetQuery) =>
    get<KeysetPage<DistributorRow>>('/distributors', query),
  applications: (query: PageQuery) => get<Page<DistributorDoc>>('/distributors/applications', { ...query }),
  approveDistributor: (openid: string) => post<DistributorDoc>(`/distributors/${id(openid)}/approve`),
  rejectDistributor: (openid: string, reason: string) =>
    post<DistributorDoc>(`/distributors/${id(openid)}/reject`, { reason }),
  disableDistributor: (openid: string) => post<DistributorDoc>(`/distributors/${id(openid)}/disable`),
  enableDistributor: (openid: string) => post<DistributorDoc>(`/distributors/${id(openid)}/enable`),
  freezeDistributor: (openid: string, reason: string) =>
    post<DistributorDoc>(`/distributors/${id(openid)}/freeze`, { reason }),
  unfreezeDistributor: (openid: string) => post<DistributorDoc>(`/distributors/${id(openid)}/unfreeze`, {}),
  distributorRisks: (days?: number) => get<RiskReport>('/distributors/risks', { days }),
  exportDistributors: (query: { status?: string }) => download('/distributors.csv', { ...query }, 'distributors.csv'),
  exportCommissions: (query: { status?: string; distributor?: string }) =>
    download('/commissions.csv', { ...query }, 'commissions.csv'),
  posterBackgrounds: () => get<{ items: PosterBackground[] }>('/poster-backgrounds'),
  savePosterBackgrounds: (items: PosterBackground[]) =>
    put<{ items: PosterBackground[] }>('/poster-backgrounds', { items }),
  gradeProgram: () => get<{ program: GradeProgram }>('/settings/grades'),
  saveGradeProgram: (program: GradeProgram) =>
    put<{ program: GradeProgram; appliesTo: string }>('/settings/grades', program),

  members: (query: { q?: string; inviter?: string } & KeysetQuery) => get<KeysetPage<MemberRow>>('/members', query),
  bindings: (openid: string) => get<Page<BindingDoc>>(`/members/${id(openid)}/bindings`, { pageSize: 100 }),
  memberTree: (openid: string) => get<MemberTree>(`/members/${id(openid)}/tree`),
  eraseMember: (openid: string, reason?: string) =>
    post<ErasureReport>(`/members/${id(openid)}/erase`, reason ? { reason } : {}),

  paymentMismatches: (status?: 'open' | 'resolved') =>
    get<{ items: PaymentMismatchDoc[] }>('/reconciliation/mismatches', { status }),
  resolvePaymentMismatch: (mismatchId: string, note: string) =>
    post<PaymentMismatchDoc>(`/reconciliation/mismatches/${id(mismatchId)}/resolve`, { note }),

  withdrawals: (query: WithdrawalFilter & KeysetQuery) => get<KeysetPage<WithdrawalDoc>>('/withdrawals', { ...query }),
  approveWithdrawal: (withdrawalId: string) => post<WithdrawalDoc>(`/withdrawals/${id(withdrawalId)}/approve`),
  rejectWithdrawal: (withdrawalId: string, reason: string) =>
    post<WithdrawalDoc>(`/withdrawals/${id(withdrawalId)}/reject`, { reason }),
  markWithdrawalPaid: (withdrawalId: string, payoutReference: string) =>
    post<WithdrawalDoc>(`/withdrawals/${id(withdrawalId)}/paid`, { payoutReference }),
  failWithdrawal: (withdrawalId: string, reason: string) =>
    post<WithdrawalDoc>(`/withdrawals/${id(withdrawalId)}/fail`, { reason }),
  retryWithdrawal: (withdrawalId: string) => post<WithdrawalDoc>(`/withdrawals/${id(withdrawalId)}/retry`),
  exportWithdrawals: (query: WithdrawalFilter) => download('/withdrawals.csv', { ...query }, 'withdrawals.csv'),
  payoutSettings: () => get<PayoutSettingsDoc>('/settings/payouts'),
  savePayoutSettings: (changes: PayoutSettingsInput) => put<PayoutSettingsDoc>('/settings/payouts', changes),
  taxReport: (month: string) => get<TaxReport>('/tax-report', { month }),
  exportTaxReport: (month: string) => download('/tax-report.csv', { month }, `income-tax-${month}.csv`),

  materials: (query: { kind?: string } & PageQuery) => get<Page<MaterialDoc>>('/materials', query),
  createMaterial: (input: MaterialInput) => post<{ id: string }>('/materials', input),
  updateMaterial: (materialId: string, input: Partial<MaterialInput>) =>
    put<MaterialDoc>(`/materials/${id(materialId)}`, input),
  deleteMaterial: (materialId: string) => request<{ id: string }>('DELETE', `/materials/${id(materialId)}`),

  auditLogs: (query: { actor?: string; action?: string; target?: string } & PageQuery) =>
    get<Page<AuditLogRow>>('/audit-logs', query),

  operators: () => get<{ items: OperatorAccount[] }>('/operators'),
  createOperator: (username: string, password: string, role: OperatorRole) =>
    post<{ username: string; role: string }>('/operators', { username, password, role }),
  setOperatorPassword: (username: string, password: string) =>
    put<{ username: string }>(`/operators/${id(username)}/password`, { password }),
};
