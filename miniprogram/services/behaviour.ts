/**
 * Behaviour reporting, batched: `trackBehaviour` only queues an event; the queue goes to `shop` `track` in one
 * call when it holds MAX_TRACK_EVENTS or when the mini program is hidden (`wx.onAppHide`), so a product page view
 * costs no call of its own. Best effort by design: a failed report is dropped silently, never retried in a loop
 * and never shown to the shopper. Events carry no personal data; the server takes the caller from WeChat.
 */
import { MAX_CODE_LENGTH, MAX_ID_LENGTH, MAX_TRACK_EVENTS, type BehaviourEventType } from '@shop/contract';
import { callCloud } from './cloud';

export interface BehaviourInput {
  type: BehaviourEventType;
  productId?: string;
  /** The invite code the share card or poster carried, when the shopper came through one. */
  distributor?: string;
}

const queue: (BehaviourInput & { at: number })[] = [];
let listening = false;

export function trackBehaviour(event: BehaviourInput): void {
  if (!listening) {
    listening = true;
    wx.onAppHide(() => void flushBehaviour());
  }
  const queued: BehaviourInput & { at: number } = { type: event.type, at: Date.now() };
  // A link can carry anything as its product id or inviter: a value the route would refuse must not sink the batch.
  if (event.productId && event.productId.length <= MAX_ID_LENGTH) queued.productId = event.productId;
  const distributor = event.distributor?.trim();
  if (distributor && distributor.length <= MAX_CODE_LENGTH) queued.distributor = distributor;
  queue.push(queued);
  if (queue.length >= MAX_TRACK_EVENTS) void flushBehaviour();
}

/** Sends what is queued, in batches of at most MAX_TRACK_EVENTS. */
export async function flushBehaviour(): Promise<void> {
  while (queue.length > 0) {
    const events = queue.splice(0, MAX_TRACK_EVENTS);
    try {
      await callCloud('shop', 'track', { events }, { silent: true });
    } catch {
      // Behaviour is a hint, not a record: losing one batch is better than a retry storm on a bad network.
    }
  }
}

/** What is waiting to be sent (tests). */
export function pendingBehaviour(): number {
  return queue.length;
}
