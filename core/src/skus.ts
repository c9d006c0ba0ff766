/**
 * Specs (规格) and SKUs: a product may have up to three spec dimensions, and each combination of their values the
 * merchant sells is a SKU with its own price, 划线价, stock and commission override. Here is what makes a set of
 * SKUs a valid matrix of the specs, and which SKU (and so which price) a cart line buys.
 */
import { MAX_SKUS, MAX_SPEC_DIMENSIONS, MAX_SPEC_VALUES } from '../../contract/src/limits';
import { err, ok, type Result } from './errors';
import type { Fen } from './money';
import type { CommissionOverride } from './rules';

export interface SpecDimension {
  readonly name: string;
  readonly values: readonly string[];
}

export interface Sku {
  readonly id: string;
  /** One value per spec dimension, in the order of the product's specs. */
  readonly specValues: readonly string[];
  readonly priceFen: Fen;
  /** 划线价 per unit. */
  readonly listPriceFen?: Fen;
  readonly stock: number;
  /** Off: not shown, not sold. */
  readonly enabled: boolean;
  /** This SKU's own commission (a rate in basis points per level, or fixed fen); wins over the product's. */
  readonly commission?: CommissionOverride;
}

/** `原味 / 500g`: the name orders, refunds, commission lines and CSV files give a SKU. */
export function skuLabel(specValues: readonly string[]): string {
  return specValues.join(' / ');
}

/** A combination's identity, whatever its SKU id: the values themselves (JSON keeps "a/b" and ["a","b"] apart). */
export function combinationKey(specValues: readonly string[]): string {
  return JSON.stringify(specValues);
}

function refuse(field: string, reason: string, message: string): Result<never> {
  return err('INVALID_INPUT', { field, reason, issues: [{ path: field, message }] }, message);
}

/**
 * Specs and the SKUs offered for them: at most three dimensions, names and values unique and non-empty, each SKU
 * naming one known value per dimension in the order of the specs, no combination twice. A combination may be left
 * out (not every flavour comes in every size); at least one SKU is required.
 */
export function validateSpecMatrix(
  specs: readonly SpecDimension[],
  skus: readonly { readonly specValues: readonly string[] }[],
): Result<true> {
  if (specs.length === 0 || specs.length > MAX_SPEC_DIMENSIONS)
    return refuse('specs', 'dimensions', `规格维度为 1 到 ${MAX_SPEC_DIMENSIONS} 个`);
  const names = new Set<string>();
  for (const [index, spec] of specs.entries()) {
    if (spec.name.trim() === '') return refuse(`specs.${index}.name`, 'empty', '规格名不能为空');
    if (names.has(spec.name)) return refuse(`specs.${index}.name`, 'duplicate', `规格名“${spec.name}”重复`);
    names.add(spec.name);
    if (spec.values.length === 0 || spec.values.length > MAX_SPEC_VALUES)
      return refuse(`specs.${index}.values`, 'count', `每个规格有 1 到 ${MAX_SPEC_VALUES} 个值`);
    if (new Set(spec.values).size !== spec.values.length)
      return refuse(`specs.${index}.values`, 'duplicate', `规格“${spec.name}”的值重复`);
    if (spec.values.some((value) => value.trim() === ''))
      return refuse(`specs.${index}.values`, 'empty', '规格值不能为空');
  }
  if (skus.length === 0) return refuse('skus', 'empty', '请至少填写一个规格组合');
  if (skus.length > MAX_SKUS) return refuse('skus', 'count', `规格组合最多 ${MAX_SKUS} 个`);
  const seen = new Set<string>();
  for (const [index, sku] of skus.entries()) {
    if (sku.specValues.length !== specs.length)
      return refuse(`skus.${index}.specValues`, 'arity', `第 ${index + 1} 个规格组合应有 ${specs.length} 个值`);
    for (const [dimension, value] of sku.specValues.entries()) {
      const spec = specs[dimension] as SpecDimension;
      if (!spec.values.includes(value))
        return refuse(`skus.${index}.specValues`, 'unknown value', `“${value}”不是规格“${spec.name}”的值`);
    }
    const key = combinationKey(sku.specValues);
    if (seen.has(key))
      return refuse(`skus.${index}.specValues`, 'duplicate', `规格组合“${skuLabel(sku.specValues)}”重复`);
    seen.add(key);
  }
  return ok(true);
}

/** A product as far as choosing a SKU goes. */
export interface SkuChoice {
  readonly id: string;
  readonly skus?: readonly Sku[];
}

export function hasSpecs(product: SkuChoice): boolean {
  return (product.skus?.length ?? 0) > 0;
}

/**
 * The SKU cart line `index` buys: null for a product without specs bought without a skuId. A product with specs
 * needs a skuId (INVALID_INPUT); a skuId it does not sell (unknown, switched off, or sent for a product without
 * specs) is SKU_UNAVAILABLE.
 */
export function resolveSku(product: SkuChoice, skuId: string | undefined, index: number): Result<Sku | null> {
  if (!hasSpecs(product)) {
    return skuId === undefined ? ok(null) : err('SKU_UNAVAILABLE', { productId: product.id, skuId });
  }
  if (skuId === undefined) {
    return err(
      'INVALID_INPUT',
      { field: `items.${index}.skuId`, productId: product.id, reason: 'sku required' },
      '请选择商品规格',
    );
  }
  const sku = product.skus?.find((candidate) => candidate.id === skuId);
  if (!sku || !sku.enabled) return err('SKU_UNAVAILABLE', { productId: product.id, skuId });
  return ok(sku);
}

/** What a product with specs shows before a SKU is chosen: its lowest price on sale and its stock in all. */
export function specProductSummary(skus: readonly Sku[]): { priceFen: Fen; stock: number } | null {
  const onSale = skus.filter((sku) => sku.enabled);
  if (onSale.length === 0) return null;
  return {
    priceFen: Math.min(...onSale.map((sku) => sku.priceFen)) as Fen,
    stock: onSale.reduce((sum, sku) => sum + sku.stock, 0),
  };
}
