/**
 * Writing a product's specs and SKUs. The core decides whether the SKUs form a valid matrix of the specs; here they
 * become the `skus` map of the product document. A SKU's id derives from the product and its combination of values,
 * so an edit that keeps a combination keeps its id (and the holds of unpaid orders on it); a combination the
 * merchant drops stays in the map switched off, so those holds can still be released or kept.
 */
import type { SkuInput, SpecInput } from '../../../contract/src/schemas';
import { combinationKey, DomainError, validateSpecMatrix, type CommissionOverride } from '../../../core/src';
import { db } from '../platform/cloud';
import { stableId } from '../platform/ids';
import { skuList, type ProductDoc, type SkuDoc } from './products';

export function skuIdFor(productId: string, specValues: readonly string[]): string {
  return stableId('sku', productId, combinationKey(specValues));
}

function requireMatrix(specs: readonly SpecInput[], skus: readonly SkuInput[]): void {
  const valid = validateSpecMatrix(specs, skus);
  if (!valid.ok) throw valid.error;
}

function skuDoc(input: SkuInput, position: number, sales: number): SkuDoc {
  const { specValues, priceFen, listPriceFen, stock, enabled, image, code, lowStockThreshold, commission } = input;
  return {
    specValues,
    priceFen,
    stock,
    sales,
    enabled,
    position,
    ...(listPriceFen !== undefined ? { listPriceFen } : {}),
    ...(image !== undefined ? { image } : {}),
    ...(code ? { code } : {}),
    ...(lowStockThreshold !== undefined ? { lowStockThreshold } : {}),
    // The contract's schema checked the override (rates within 0..10000 bp, at most three levels).
    ...(commission ? { commission: commission as CommissionOverride } : {}),
  };
}

/** What a product summarises of its SKUs: the lowest price on sale (of all, when none is), the stock of all. */
function summaryOf(skus: Record<string, SkuDoc>): { priceFen: number; stock: number } {
  const all = Object.values(skus);
  const onSale = all.filter((sku) => sku.enabled);
  const priced = onSale.length > 0 ? onSale : all;
  return {
    priceFen: Math.min(...priced.map((sku) => sku.priceFen)),
    stock: all.reduce((sum, sku) => sum + sku.stock, 0),
  };
}

/** The fields of a new product with specs: its specs, its SKUs, and the price and stock they add up to. */
export function newSpecFields(
  productId: string,
  specs: readonly SpecInput[],
  skus: readonly SkuInput[],
): Pick<ProductDoc, 'specs' | 'skus' | 'priceFen' | 'stock'> {
  requireMatrix(specs, skus);
  const map: Record<string, SkuDoc> = {};
  skus.forEach((sku, position) => {
    map[skuIdFor(productId, sku.specValues)] = skuDoc(sku, position, 0);
  });
  return { specs: specs.map(({ name, values }) => ({ name, values })), skus: map, ...summaryOf(map) };
}

export interface SpecEdit {
  /** Dotted-path changes for one update of the product document. */
  changes: Record<string, unknown>;
  /** Conditions that update must meet: no SKU's stock goes below zero (units held by unpaid orders are gone). */
  guards: Record<string, unknown>;
}

/**
 * An edit of the specs and SKUs of `before`. Stock moves by the difference from what the operator saw (the SKU's
 * stock now, unless the SKU says `stockSeen`), never overwriting what orders did meanwhile; the product's total
 * moves by the same amounts.
 */
export function specEdit(
  before: ProductDoc,
  specs: readonly SpecInput[],
  skus: ReadonlyArray<SkuInput & { stockSeen?: number }>,
): SpecEdit {
  requireMatrix(specs, skus);
  const _ = db().command;
  if (!before.specs && Object.keys(before.holds ?? {}).length > 0) {
    throw new DomainError('CONFLICT', { productId: before._id }, '该商品有待支付订单占用库存，请稍后再设置规格');
  }
  const existing = new Map(skuList(before).map((sku) => [sku.id, sku]));
  const changes: Record<string, unknown> = { specs: _.set(specs.map(({ name, values }) => ({ name, values }))) };
  const guards: Record<string, unknown> = {};
  const after: Record<string, SkuDoc> = {};
  let totalDelta = 0;
  const kept = new Set<string>();
  skus.forEach((input, position) => {
    const id = skuIdFor(before._id, input.specValues);
    kept.add(id);
    const old = existing.get(id);
    const { stockSeen, ...fields } = input;
    if (!old) {
      const fresh = skuDoc(fields, position, 0);
      // _.set: an object value in an update is otherwise merged field by field, not written as it is.
      changes[`skus.${id}`] = _.set(fresh);
      after[id] = fresh;
      totalDelta += fresh.stock;
      return;
    }
    const delta = fields.stock - (stockSeen ?? old.stock);
    const next = skuDoc(fields, position, old.sales);
    // Every field but stock and sales is replaced; those two move, so concurrent orders are not overwritten.
    for (const [field, value] of Object.entries(next)) {
      if (field === 'stock' || field === 'sales') continue;
      changes[`skus.${id}.${field}`] = typeof value === 'object' ? _.set(value) : value;
    }
    for (const optional of ['listPriceFen', 'image', 'code', 'lowStockThreshold', 'commission'] as const) {
      if (next[optional] === undefined && old[optional] !== undefined) changes[`skus.${id}.${optional}`] = _.remove();
    }
    if (delta !== 0) changes[`skus.${id}.stock`] = _.inc(delta);
    if (delta < 0) guards[`skus.${id}.stock`] = _.gte(-delta);
    after[id] = { ...next, stock: old.stock + delta };
    totalDelta += delta;
  });
  for (const [id, old] of existing) {
    if (kept.has(id)) continue;
    // Dropped from the grid: switched off, not deleted (an unpaid order's hold may name it).
    if (old.enabled) changes[`skus.${id}.enabled`] = false;
    after[id] = { ...old, enabled: false };
  }
  const summary = summaryOf(after);
  changes.priceFen = summary.priceFen;
  if (before.specs) {
    if (totalDelta !== 0) changes.stock = _.inc(totalDelta);
  } else {
    // A product gaining specs: its stock is now its SKUs' (it has no holds, checked above).
    changes.stock = summary.stock;
  }
  return { changes, guards };
}

/** Low-stock rows of a product with specs: one per SKU on sale at or below its threshold. */
export function lowStockSkus(product: ProductDoc, defaultThreshold: number) {
  return skuList(product)
    .filter(
      (sku) => sku.enabled && sku.stock <= (sku.lowStockThreshold ?? product.lowStockThreshold ?? defaultThreshold),
    )
    .map((sku) => ({ skuId: sku.id, specValues: sku.specValues, stock: sku.stock }));
}
