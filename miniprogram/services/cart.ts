/**
 * The cart lives on the phone (wx storage): product ids, the chosen SKU and quantities, plus the title, spec label
 * and image to show. It holds no prices: every total comes from the server's quote. A line is one product, or one
 * SKU of a product with specs (two SKUs of one product are two lines).
 */
import { MAX_QUANTITY_PER_LINE } from '@shop/contract';
import type { RouteInput } from '@shop/contract/schemas';

export interface CartEntry {
  productId: string;
  /** The chosen SKU of a product with specs. */
  skuId?: string;
  /** `原味 / 500g`, shown under the title. */
  skuLabel?: string;
  quantity: number;
  title: string;
  image: string | null;
  checked: boolean;
}

/** What identifies a cart line: its product and SKU. */
export type LineKey = string;

export function lineKey(entry: { productId: string; skuId?: string }): LineKey {
  return entry.skuId ? `${entry.productId}|${entry.skuId}` : entry.productId;
}

const KEY = 'cart:v1';

export function readCart(): CartEntry[] {
  const saved = wx.getStorageSync(KEY) as CartEntry[] | '';
  return Array.isArray(saved) ? saved : [];
}

function save(entries: CartEntry[]): CartEntry[] {
  wx.setStorageSync(KEY, entries);
  return entries;
}

const clamp = (quantity: number) => Math.max(1, Math.min(MAX_QUANTITY_PER_LINE, quantity));

/** The SKU part of a line, left out entirely for a product without specs. */
function skuPart(sku: { skuId?: string | null; skuLabel?: string | null }): Pick<CartEntry, 'skuId' | 'skuLabel'> {
  return sku.skuId ? { skuId: sku.skuId, skuLabel: sku.skuLabel ?? '' } : {};
}

export function addToCart(
  item: { productId: string; title: string; image: string | null; skuId?: string | null; skuLabel?: string | null },
  quantity = 1,
): CartEntry[] {
  const entries = readCart();
  const { productId, title, image } = item;
  const key = lineKey({ productId, ...skuPart(item) });
  const found = entries.find((entry) => lineKey(entry) === key);
  if (found) found.quantity = clamp(found.quantity + quantity);
  else entries.push({ productId, ...skuPart(item), quantity: clamp(quantity), title, image, checked: true });
  return save(entries);
}

export function setQuantity(key: LineKey, quantity: number): CartEntry[] {
  return save(readCart().map((entry) => (lineKey(entry) === key ? { ...entry, quantity: clamp(quantity) } : entry)));
}

/**
 * A line changes its spec (and quantity). If the cart already has the new SKU, the two lines become one.
 */
export function changeSku(key: LineKey, sku: { skuId: string; skuLabel: string }, quantity: number): CartEntry[] {
  const entries = readCart();
  const line = entries.find((entry) => lineKey(entry) === key);
  if (!line) return entries;
  const rest = entries.filter((entry) => entry !== line);
  const target = rest.find((entry) => lineKey(entry) === lineKey({ productId: line.productId, skuId: sku.skuId }));
  if (target) {
    target.quantity = clamp(target.quantity + quantity);
    return save(rest);
  }
  return save(entries.map((entry) => (entry === line ? { ...entry, ...sku, quantity: clamp(quantity) } : entry)));
}

export function setChecked(key: LineKey, checked: boolean): CartEntry[] {
  return save(readCart().map((entry) => (lineKey(entry) === key ? { ...entry, checked } : entry)));
}

export function removeFromCart(keys: LineKey[]): CartEntry[] {
  return save(readCart().filter((entry) => !keys.includes(lineKey(entry))));
}

export function cartCount(): number {
  return readCart().reduce((sum, entry) => sum + entry.quantity, 0);
}

/** What the checkout page buys: set by "buy now" (one product) or the cart (its checked lines). */
const CHECKOUT_KEY = 'checkout:items';

export interface CheckoutEntry {
  productId: string;
  skuId?: string;
  skuLabel?: string;
  quantity: number;
  title: string;
  image: string | null;
}

/** A group-buy purchase (发起拼团 or 参与拼团): the campaign, and the group to join (none: open a new group). */
export type GroupBuyChoice = NonNullable<RouteInput<'placeOrder', 'main'>['groupBuy']>;

interface CheckoutSaved {
  items: CheckoutEntry[];
  fromCart: boolean;
  groupBuy?: GroupBuyChoice;
}

/** `groupBuy` only from the product page's buy now: the cart never buys at a group price. */
export function setCheckoutItems(items: CheckoutEntry[], fromCart: boolean, groupBuy?: GroupBuyChoice): void {
  const saved: CheckoutSaved = { items, fromCart };
  if (groupBuy) saved.groupBuy = groupBuy;
  wx.setStorageSync(CHECKOUT_KEY, saved);
}

export function readCheckoutItems(): { items: CheckoutEntry[]; fromCart: boolean; groupBuy: GroupBuyChoice | null } {
  const saved = wx.getStorageSync(CHECKOUT_KEY) as CheckoutSaved | '';
  if (!saved || !Array.isArray(saved.items)) return { items: [], fromCart: false, groupBuy: null };
  return { items: saved.items, fromCart: saved.fromCart, groupBuy: groupBuyOf(saved.groupBuy) };
}

/** Only the two ids the contract takes, whatever else storage holds. */
function groupBuyOf(value: unknown): GroupBuyChoice | null {
  if (!value || typeof value !== 'object') return null;
  const { campaignId, groupId } = value as { campaignId?: unknown; groupId?: unknown };
  if (typeof campaignId !== 'string' || !campaignId) return null;
  return typeof groupId === 'string' && groupId ? { campaignId, groupId } : { campaignId };
}

/** What the server is asked about a line: its product, its SKU if any, its quantity; nothing else. */
export function orderItem(entry: { productId: string; skuId?: string; quantity: number }): {
  productId: string;
  skuId?: string;
  quantity: number;
} {
  return entry.skuId
    ? { productId: entry.productId, skuId: entry.skuId, quantity: entry.quantity }
    : { productId: entry.productId, quantity: entry.quantity };
}
