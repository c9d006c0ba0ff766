/**
 * The spec editor's arithmetic: the SKU grid is every combination of the spec values (in the order of the specs),
 * rows keep what the operator typed when the specs change, and the grid becomes the API's `skus` with prices read by
 * the contract's one parser (`parseYuan`: "19.9", "¥19.90", "１９.９０").
 */
import { formatYuan, parseYuan, YUAN_FORMAT_HINT } from '../../../../contract/src/money';
import type { SkuInput } from '../../api-types';

export const MAX_DIMENSIONS = 3;
export const MAX_STOCK = 10_000_000;

export interface SpecDraft {
  name: string;
  /** Values as typed, separated by commas, 、 or spaces. */
  valuesText: string;
}

export interface SkuRow {
  specValues: string[];
  price: string;
  listPrice: string;
  stock: string;
  enabled: boolean;
  /** The stock stored when the editor opened; undefined for a new combination. */
  stockSeen?: number;
}

export function valuesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、\s]+/)
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ];
}

export function specsOf(drafts: SpecDraft[]): Array<{ name: string; values: string[] }> {
  return drafts
    .map((draft) => ({ name: draft.name.trim(), values: valuesOf(draft.valuesText) }))
    .filter((spec) => spec.name !== '' && spec.values.length > 0);
}

export function combinations(specs: Array<{ values: string[] }>): string[][] {
  return specs.reduce<string[][]>(
    (rows, spec) => rows.flatMap((row) => spec.values.map((value) => [...row, value])),
    specs.length ? [[]] : [],
  );
}

const keyOf = (values: string[]) => JSON.stringify(values);

/** The grid for `specs`, reusing the rows already there for the same combination. */
export function gridFor(specs: Array<{ values: string[] }>, previous: SkuRow[]): SkuRow[] {
  const kept = new Map(previous.map((row) => [keyOf(row.specValues), row]));
  return combinations(specs).map(
    (specValues) => kept.get(keyOf(specValues)) ?? { specValues, price: '', listPrice: '', stock: '', enabled: true },
  );
}

/** Bulk fill: every row gets the price and/or stock typed above the grid (empty fields leave rows as they are). */
export function fillAll(rows: SkuRow[], price: string, stock: string): void {
  for (const row of rows) {
    if (price.trim()) row.price = price.trim();
    if (stock.trim()) row.stock = stock.trim();
  }
}

/** The grid as the API takes it, or the first problem in words an operator reads. */
export function skuInputs(rows: SkuRow[]): { ok: true; skus: SkuInput[] } | { ok: false; error: string } {
  const skus: SkuInput[] = [];
  for (const row of rows) {
    const label = row.specValues.join(' / ');
    const priceFen = parseYuan(row.price);
    if (priceFen === null || priceFen <= 0) return { ok: false, error: `${label}：价格${YUAN_FORMAT_HINT}，且大于 0` };
    const listText = row.listPrice.trim();
    const listFen = listText === '' ? null : parseYuan(listText);
    if (listFen === undefined || (listText !== '' && listFen === null))
      return { ok: false, error: `${label}：划线价${YUAN_FORMAT_HINT}` };
    const stock = /^\d{1,8}$/.test(row.stock.trim()) ? Number(row.stock.trim()) : NaN;
    if (!(stock >= 0 && stock <= MAX_STOCK)) return { ok: false, error: `${label}：库存为 0–${MAX_STOCK} 的整数` };
    skus.push({
      specValues: row.specValues,
      price: formatYuan(priceFen),
      ...(listFen !== null ? { listPrice: formatYuan(listFen) } : {}),
      stock,
      enabled: row.enabled,
      ...(row.stockSeen !== undefined ? { stockSeen: row.stockSeen } : {}),
    });
  }
  if (skus.length === 0) return { ok: false, error: '请至少填写一个规格和它的值' };
  return { ok: true, skus };
}
