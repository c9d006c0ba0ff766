/**
 * The catalogue. Stock is what is left to sell (unpaid orders' holds are already taken out of it), so an edit
 * moves it by the difference the operator made rather than overwriting what orders did meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MAX_SKUS } from '../../../contract/src/limits';
import { skuInputSchema, skusInputSchema, specsSchema } from '../../../contract/src/schemas';
import { DomainError } from '../../../core/src/errors';
import { skuLabel } from '../../../core/src/skus';
import { lowStockSkus, newSpecFields, specEdit } from '../../_shared/store/skus';
import { cloud, db } from '../../_shared/platform/cloud';
import { getDoc, listDocs, updatedCount } from '../../_shared/platform/documents';
import type { CategoryDoc } from '../../_shared/store/categories';
import { COLLECTIONS } from '../../_shared/store/collections';
import type { ProductDoc } from '../../_shared/store/products';
import { recordChange } from '../audit';
import { allMatching, containsText, MAX_PER_GET, pageOf, pagingQuery } from '../queries';
import { handler } from '../router';
import {
  commissionOverrideSchema,
  fenSchema,
  ONE_PRICE_MESSAGE,
  onePriceAtMost,
  priceOf,
  textSchema,
  yuanSchema,
} from '../schemas';

const DEFAULT_LOW_STOCK_THRESHOLD = 10;
const MAX_STOCK = 10_000_000;
/** Low-stock scans read the whole catalogue; the shops this serves have far fewer products. */
const CATALOGUE_SCAN_LIMIT = 10_000;

const stockSchema = z.int().min(0).max(MAX_STOCK);
const categoryIdSchema = z.string().trim().max(64);
const imagesSchema = z.array(z.string().min(1).max(500)).max(20);
const descriptionSchema = z.string().max(5000);
const sortSchema = z.int().min(-1_000_000).max(1_000_000);

const limitedTimeSchema = z
  .strictObject({
    priceFen: fenSchema.optional(),
    price: yuanSchema.optional(),
    startsAt: z.int().min(0),
    endsAt: z.int().min(0),
  })
  .refine(onePriceAtMost, ONE_PRICE_MESSAGE)
  .refine((offer) => (priceOf(offer) ?? 0) > 0, {
    message: '限时价需要大于 0 的 priceFen 或 price',
    path: ['priceFen'],
  })
  .refine((offer) => offer.endsAt > offer.startsAt, { message: '结束时间必须晚于开始时间', path: ['endsAt'] })
  .transform((offer) => ({ priceFen: priceOf(offer) as number, startsAt: offer.startsAt, endsAt: offer.endsAt }));

const POSITIVE_PRICE = { message: '价格必须大于 0', path: ['priceFen'] };

/** Specs and SKUs come together: the SKUs are combinations of the specs' values, in the order of the specs. */
const SPECS_WITH_SKUS = { message: 'specs 与 skus 需一起提交', path: ['skus'] };
const specsWithSkus = (input: { specs?: unknown; skus?: unknown }) =>
  (input.specs === undefined || input.specs === null) === (input.skus === undefined);

const createBody = z
  .strictObject({
    title: textSchema(60),
    categoryId: categoryIdSchema.default(''),
    priceFen: fenSchema.optional(),
    price: yuanSchema.optional(),
    /** Required without specs; with specs the stock is the SKUs'. */
    stock: stockSchema.optional(),
    specs: specsSchema.optional(),
    skus: skusInputSchema.optional(),
    onShelf: z.boolean().default(true),
    images: imagesSchema.default([]),
    description: descriptionSchema.default(''),
    sort: sortSchema.default(0),
    lowStockThreshold: stockSchema.optional(),
    commission: commissionOverrideSchema.optional(),
    limitedTime: limitedTimeSchema.optional(),
  })
  .refine(onePriceAtMost, ONE_PRICE_MESSAGE)
  .refine(specsWithSkus, SPECS_WITH_SKUS)
  .refine((input) => input.specs !== undefined || (priceOf(input) ?? 0) > 0, POSITIVE_PRICE)
  .refine((input) => input.specs !== undefined || input.stock !== undefined, {
    message: '请填写库存',
    path: ['stock'],
  })
  .refine((input) => input.specs === undefined || (input.priceFen === undefined && input.price === undefined), {
    message: '有规格的商品请在每个规格组合上填写价格',
    path: ['priceFen'],
  });

/** A SKU in an edit may say which stock the operator's grid showed, like the product's `stockSeen`. */
const skusEditSchema = z
  .array(z.intersection(skuInputSchema, z.object({ stockSeen: stockSchema.optional() })))
  .min(1)
  .max(MAX_SKUS);

/** Absent = unchanged; null removes an optional setting. `stockSeen` is the stock the operator's form showed. */
const updateBody = z
  .strictObject({
    title: textSchema(60).optional(),
    categoryId: categoryIdSchema.optional(),
    priceFen: fenSchema.optional(),
    price: yuanSchema.optional(),
    stock: stockSchema.optional(),
    stockSeen: stockSchema.optional(),
    onShelf: z.boolean().optional(),
    images: imagesSchema.optional(),
    description: descriptionSchema.optional(),
    sort: sortSchema.optional(),
    lowStockThreshold: stockSchema.nullable().optional(),
    commission: commissionOverrideSchema.nullable().optional(),
    limitedTime: limitedTimeSchema.nullable().optional(),
    specs: specsSchema.optional(),
    skus: skusEditSchema.optional(),
  })
  .refine(onePriceAtMost, ONE_PRICE_MESSAGE)
  .refine(specsWithSkus, SPECS_WITH_SKUS)
  .refine((input) => (priceOf(input) ?? 1) > 0, POSITIVE_PRICE)
  .refine((input) => input.stockSeen === undefined || input.stock !== undefined, {
    message: 'stockSeen 需与 stock 一起提交',
    path: ['stockSeen'],
  });

async function requireCategory(categoryId: string): Promise<void> {
  if (categoryId === '') return;
  if (!(await getDoc<CategoryDoc>(COLLECTIONS.categories, categoryId))) {
    throw new DomainError(
      'INVALID_INPUT',
      { issues: [{ path: 'categoryId', message: '分类不存在' }] },
      `分类 ${categoryId} 不存在`,
    );
  }
}

async function requireProduct(id: string): Promise<ProductDoc> {
  const product = await getDoc<ProductDoc>(COLLECTIONS.products, id);
  if (!product) throw new DomainError('NOT_FOUND', { productId: id }, '商品不存在');
  return product;
}

export const createProduct = handler({ body: createBody }, async ({ body, actor, now }) => {
  await requireCategory(body.categoryId);
  const { price: _yuan, priceFen: _fen, specs, skus, stock, ...fields } = body;
  // The id is chosen here so that SKU ids (derived from it) are unique across products.
  const id = randomBytes(16).toString('hex');
  const priced =
    specs && skus ? newSpecFields(id, specs, skus) : { priceFen: priceOf(body) as number, stock: stock as number };
  const product: Omit<ProductDoc, '_id'> = { ...fields, ...priced, sales: 0, createdAt: now };
  await db()
    .collection(COLLECTIONS.products)
    .add({ data: { _id: id, ...product } });
  await recordChange(actor, 'product.create', `products/${id}`, null, { _id: id, ...product }, now);
  return { id };
});

export const updateProduct = handler({ body: updateBody }, async ({ params, body, actor, now }) => {
  const id = params.id as string;
  const before = await requireProduct(id);
  if (body.categoryId !== undefined) await requireCategory(body.categoryId);
  const _ = db().command;
  const {
    price: _yuan,
    priceFen: _fen,
    stock,
    stockSeen,
    lowStockThreshold,
    commission,
    limitedTime,
    specs,
    skus,
    ...plain
  } = body;
  const price = priceOf(body);
  if ((before.specs || specs) && (price !== undefined || stock !== undefined)) {
    throw new DomainError(
      'INVALID_INPUT',
      { issues: [{ path: 'priceFen', message: '有规格的商品请在规格组合上修改价格和库存' }] },
      '有规格的商品请在规格组合上修改价格和库存',
    );
  }
  const stockDelta = stock === undefined ? 0 : stock - (stockSeen ?? before.stock);
  const removable = { lowStockThreshold, commission, limitedTime };
  const changes: Record<string, unknown> = { ...plain, updatedAt: now };
  if (price !== undefined) changes.priceFen = price;
  for (const [field, value] of Object.entries(removable)) {
    if (value !== undefined) changes[field] = value === null ? _.remove() : value;
  }
  if (stockDelta !== 0) changes.stock = _.inc(stockDelta);
  // A decrease may not take stock below zero: units held by unpaid orders are already gone from it.
  const guard: Record<string, unknown> = stockDelta < 0 ? { stock: _.gte(-stockDelta) } : {};
  if (specs && skus) {
    const edit = specEdit(before, specs, skus);
    Object.assign(changes, edit.changes);
    Object.assign(guard, edit.guards);
  }
  const result = await db()
    .collection(COLLECTIONS.products)
    .where({ _id: id, ...guard })
    .update({ data: changes });
  if (updatedCount(result) !== 1) {
    throw new DomainError('CONFLICT', { productId: id, stockDelta }, '库存已被订单占用，无法减少这么多，请刷新后重试');
  }
  const after = await requireProduct(id);
  await recordChange(actor, 'product.update', `products/${id}`, before, after, now);
  return after;
});

export const setProductShelf = handler(
  { body: z.strictObject({ onShelf: z.boolean() }) },
  async ({ params, body, actor, now }) => {
    const id = params.id as string;
    const before = await requireProduct(id);
    await db()
      .collection(COLLECTIONS.products)
      .doc(id)
      .update({ data: { onShelf: body.onShelf, updatedAt: now } });
    const after = { ...before, onShelf: body.onShelf, updatedAt: now };
    await recordChange(
      actor,
      body.onShelf ? 'product.shelve' : 'product.unshelve',
      `products/${id}`,
      before,
      after,
      now,
    );
    return { id, onShelf: body.onShelf };
  },
);

export const getProduct = handler({}, async ({ params }) => requireProduct(params.id as string));

export const listProducts = handler(
  {
    query: z.strictObject({
      q: z.string().trim().max(60).optional(),
      categoryId: z.string().trim().max(64).optional(),
      onShelf: z.enum(['true', 'false']).optional(),
      ...pagingQuery,
    }),
  },
  async ({ query }) => {
    const filter: Record<string, unknown> = {};
    if (query.q) filter.title = containsText(query.q);
    if (query.categoryId) filter.categoryId = query.categoryId;
    if (query.onShelf) filter.onShelf = query.onShelf === 'true';
    const found = await pageOf<ProductDoc>(COLLECTIONS.products, filter, { field: 'sort', direction: 'desc' }, query);
    return { ...found, items: await withThumbnails(found.items) };
  },
);

/** The list shows each product's main picture: a cloud storage fileID is answered with a temporary URL beside it. */
async function withThumbnails(items: ProductDoc[]): Promise<Array<ProductDoc & { thumbUrl?: string }>> {
  const fileIds = [...new Set(items.map((item) => item.images[0]).filter((image) => image?.startsWith('cloud://')))];
  if (fileIds.length === 0) return items;
  const urls = new Map<string, string>();
  try {
    const { fileList } = (await cloud.getTempFileURL({ fileList: fileIds as string[] })) as {
      fileList: Array<{ fileID: string; tempFileURL: string }>;
    };
    for (const file of fileList) if (file.tempFileURL) urls.set(file.fileID, file.tempFileURL);
  } catch (error) {
    // Pictures are a convenience here: the list still answers without them.
    console.warn('product thumbnails unavailable', error);
  }
  return items.map((item) => {
    const url = urls.get(item.images[0] ?? '');
    return url ? { ...item, thumbUrl: url } : item;
  });
}

export const listLowStock = handler({}, async () => {
  const products = await allMatching<ProductDoc>(COLLECTIONS.products, {}, CATALOGUE_SCAN_LIMIT);
  // A product with specs is low on stock SKU by SKU: one row per low SKU, naming it (skuId, skuLabel).
  const items = products
    .flatMap((product) => {
      if (!product.specs) {
        return product.stock <= (product.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD) ? [product] : [];
      }
      return lowStockSkus(product, DEFAULT_LOW_STOCK_THRESHOLD).map((sku) => ({
        ...product,
        stock: sku.stock,
        skuId: sku.skuId,
        specValues: sku.specValues,
        skuLabel: skuLabel(sku.specValues),
      }));
    })
    .sort((a, b) => a.stock - b.stock);
  return { items, defaultThreshold: DEFAULT_LOW_STOCK_THRESHOLD };
});

export const listCategories = handler({}, async () => {
  return {
    items: await listDocs<CategoryDoc>(
      db().collection(COLLECTIONS.categories).orderBy('sort', 'asc').limit(MAX_PER_GET),
    ),
  };
});

export const createCategory = handler(
  { body: z.strictObject({ name: textSchema(20), sort: sortSchema.default(0) }) },
  async ({ body, actor, now }) => {
    const { _id: id } = (await db().collection(COLLECTIONS.categories).add({ data: body })) as { _id: string };
    await recordChange(actor, 'category.create', `categories/${id}`, null, { _id: id, ...body }, now);
    return { id };
  },
);
