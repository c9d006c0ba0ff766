/**
 * Which spec values a shopper may tap and which SKU their taps name. A value is disabled when no SKU in stock has it
 * together with what is chosen in the other dimensions, so a shopper never lands on a sold-out combination.
 */
import type { ProductSku, ProductSpec } from '@shop/contract';

export interface ValueChoice {
  value: string;
  selected: boolean;
  disabled: boolean;
}

export interface DimensionChoice {
  name: string;
  values: ValueChoice[];
}

/** One entry per dimension: the chosen value, or null. */
export type Selection = Array<string | null>;

function fits(sku: ProductSku, selection: Selection, skip: number): boolean {
  return selection.every((value, index) => index === skip || value === null || sku.specValues[index] === value);
}

export function dimensionChoices(specs: ProductSpec[], skus: ProductSku[], selection: Selection): DimensionChoice[] {
  return specs.map((spec, index) => ({
    name: spec.name,
    values: spec.values.map((value) => ({
      value,
      selected: selection[index] === value,
      disabled: !skus.some((sku) => sku.stock > 0 && sku.specValues[index] === value && fits(sku, selection, index)),
    })),
  }));
}

/** The SKU every dimension's choice names, or null while one is still open. */
export function chosenSku(skus: ProductSku[], selection: Selection): ProductSku | null {
  if (selection.some((value) => value === null)) return null;
  return skus.find((sku) => sku.specValues.every((value, index) => selection[index] === value)) ?? null;
}

/** The selection of a SKU (a cart line changing its spec starts from it), or an empty one. */
export function selectionOf(specs: ProductSpec[], sku: ProductSku | undefined): Selection {
  return specs.map((_spec, index) => sku?.specValues[index] ?? null);
}

/** Tapping a value chooses it, tapping the chosen one clears it; a disabled value does nothing. */
export function toggle(selection: Selection, dimension: number, value: string): Selection {
  return selection.map((current, index) => (index === dimension ? (current === value ? null : value) : current));
}
