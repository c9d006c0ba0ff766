/**
 * The cart lives on the phone (wx storage): product ids and quantities, plus the title and image to show. It
 * holds no prices: every total comes from the server's quote.
 */
import { MAX_QUANTITY_PER_LINE } from '@shop/contract';

export interface CartEntry {
  productId: string;
  quantity: number;
  title: string;
  image: string | null;
  checked: boolean;
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

export function addToCart(item: { productId: string; title: string; image: string | null }, quantity = 1): CartEntry[] {
  const entries = readCart();
  const found = entries.find((entry) => entry.productId === item.productId);
  if (found) found.quantity = Math.min(MAX_QUANTITY_PER_LINE, found.quantity + quantity);
  else entries.push({ ...item, quantity, checked: true });
  return save(entries);
}

export function setQuantity(productId: string, quantity: number): CartEntry[] {
  return save(
    readCart().map((entry) =>
      entry.productId === productId
        ? { ...entry, quantity: Math.max(1, Math.min(MAX_QUANTITY_PER_LINE, quantity)) }
        : entry,
    ),
  );
}

export function setChecked(productId: string, checked: boolean): CartEntry[] {
  return save(readCart().map((entry) => (entry.productId === productId ? { ...entry, checked } : entry)));
}

export function removeFromCart(productIds: string[]): CartEntry[] {
  return save(readCart().filter((entry) => !productIds.includes(entry.productId)));
}

export function cartCount(): number {
  return readCart().reduce((sum, entry) => sum + entry.quantity, 0);
}

/** What the checkout page buys: set by "buy now" (one product) or the cart (its checked lines). */
const CHECKOUT_KEY = 'checkout:items';

export function setCheckoutItems(
  items: Array<{ productId: string; quantity: number; title: string; image: string | null }>,
  fromCart: boolean,
): void {
  wx.setStorageSync(CHECKOUT_KEY, { items, fromCart });
}

export function readCheckoutItems(): {
  items: Array<{ productId: string; quantity: number; title: string; image: string | null }>;
  fromCart: boolean;
} {
  const saved = wx.getStorageSync(CHECKOUT_KEY) as
    | { items: Array<{ productId: string; quantity: number; title: string; image: string | null }>; fromCart: boolean }
    | '';
  return saved && Array.isArray(saved.items) ? saved : { items: [], fromCart: false };
}
