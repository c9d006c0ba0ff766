/** Home / catalogue: categories, search, product cards, pull-to-refresh and paging. */
import { CloudError } from '../../services/cloud';
import { cachedInviteCode } from '../../services/distributor';
import { fetchCategories, fetchProducts } from '../../services/shop';
import { cachedStore, titleWithStoreName } from '../../services/profile';
import type { ProductCard, StoreFace } from '@shop/contract';

export type ViewStatus = 'loading' | 'ready' | 'empty' | 'error';

const PAGE_SIZE = 10;

interface Data {
  status: ViewStatus;
  errorText: string;
  categories: Array<{ id: string; name: string }>;
  activeCategory: string;
  keyword: string;
  products: ProductCard[];
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
  /** The merchant's store settings: the title, the intro line and the share card's words. */
  store: StoreFace;
}

interface Custom {
  loadCategories(): Promise<void>;
  load(reset: boolean): Promise<void>;
  onCategoryTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>): void;
  onSearchChange(e: WechatMiniprogram.CustomEvent<{ value: string }>): void;
  onSearchSubmit(e: WechatMiniprogram.CustomEvent<{ value: string }>): void;
  onSearchClear(): void;
  onProductSelect(e: WechatMiniprogram.CustomEvent<{ id: string }>): void;
  onRetry(): void;
  onLoadMore(): void;
}

Page<Data, Custom>({
  data: {
    status: 'loading',
    errorText: '',
    categories: [{ id: '', name: '全部' }],
    activeCategory: '',
    keyword: '',
    products: [],
    page: 0,
    hasMore: false,
    loadingMore: false,
    store: cachedStore(),
  },

  onLoad() {
    void this.loadCategories();
    void this.load(true);
    titleWithStoreName()
      .then((store) => this.setData({ store }))
      .catch(() => undefined);
  },

  async onPullDownRefresh() {
    await this.load(true);
    wx.stopPullDownRefresh();
  },

  onReachBottom() {
    this.onLoadMore();
  },

  async loadCategories() {
    try {
      const categories = await fetchCategories();
      this.setData({ categories: [{ id: '', name: '全部' }, ...categories.map((c) => ({ id: c._id, name: c.name }))] });
    } catch {
      // The toast said why; the catalogue still works with "全部".
    }
  },

  async load(reset) {
    const page = reset ? 1 : this.data.page + 1;
    if (reset) this.setData({ status: this.data.products.length ? this.data.status : 'loading', errorText: '' });
    else this.setData({ loadingMore: true });
    try {
      const result = await fetchProducts({
        categoryId: this.data.activeCategory || undefined,
        q: this.data.keyword || undefined,
        page,
        pageSize: PAGE_SIZE,
      });
      const products = reset ? result.items : [...this.data.products, ...result.items];
      this.setData({
        products,
        page,
        hasMore: result.hasMore,
        loadingMore: false,
        status: products.length ? 'ready' : 'empty',
      });
    } catch (error) {
      const message = error instanceof CloudError ? error.message : '加载失败';
      if (reset) this.setData({ status: 'error', errorText: message, products: [], loadingMore: false });
      else this.setData({ loadingMore: false });
    }
  },

  onCategoryTap(e) {
    const id = e.currentTarget.dataset.id ?? '';
    if (id === this.data.activeCategory) return;
    this.setData({ activeCategory: id, products: [], status: 'loading' });
    void this.load(true);
  },

  onSearchChange(e) {
    this.setData({ keyword: e.detail.value });
  },

  onSearchSubmit(e) {
    this.setData({ keyword: (e.detail.value ?? this.data.keyword).trim(), products: [], status: 'loading' });
    void this.load(true);
  },

  onSearchClear() {
    this.setData({ keyword: '', products: [], status: 'loading' });
    void this.load(true);
  },

  onProductSelect(e) {
    wx.navigateTo({ url: `/pages/product/index?id=${e.detail.id}` });
  },

  onRetry() {
    void this.load(true);
  },

  onLoadMore() {
    if (this.data.hasMore && !this.data.loadingMore) void this.load(false);
  },

  onShareAppMessage() {
    const code = cachedInviteCode();
    return {
      title: `${this.data.store.name}：好物分享，一起赚`,
      path: code ? `/pages/home/index?inviter=${code}` : '/pages/home/index',
    };
  },
});
