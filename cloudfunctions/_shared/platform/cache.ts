/**
 * A few seconds of per-instance memory for documents that change rarely (rules, store settings). A hot function
 * then spends its wire calls on the order, not on re-reading configuration. The rules version an order records is
 * the one it was priced with, so a few seconds of staleness after an edit is visible and harmless.
 */
const entries = new Map<string, { at: number; value: Promise<unknown> }>();

export function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const now = performance.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { at: now, value });
  // A failed load must not be remembered.
  value.catch(() => entries.delete(key));
  return value;
}
