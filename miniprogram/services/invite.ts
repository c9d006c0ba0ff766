/**
 * Binding the shopper to whoever brought them: a poster's short code arrives as the launch `scene` (URL-encoded,
 * `query.scene`), a share link as `query.inviter`. Each code is sent to bindInviter once; a refusal (already
 * bound, self, loop, unknown code) is silent to the shopper. Each new code also reports a share-card or poster open
 * (behaviour figures and the distributor's funnel), once per code like the binding.
 */
import type { BindOutcome } from '@shop/contract';
import type { RouteInput } from '@shop/contract/schemas';
import { trackBehaviour } from './behaviour';
import { callCloud } from './cloud';

const sent = new Map<string, Promise<BindOutcome | null>>();
let lastLaunch: Promise<BindOutcome | null> = Promise.resolve(null);

export interface LaunchLike {
  path?: string;
  scene?: number;
  query?: Record<string, string | undefined>;
}

/** The binding request a launch carries, if any. */
export function bindRequestOf(options: LaunchLike): RouteInput<'bindInviter', 'main'> | null {
  const query = options.query ?? {};
  if (query.scene) {
    const scene = decodeURIComponent(query.scene).trim();
    if (scene) return { scene };
  }
  if (query.inviter) return { inviterCode: String(query.inviter).trim(), via: 'link' };
  return null;
}

/** Calls bindInviter for the launch's code (once per code); resolves to the outcome, or null when there was none. */
export function bindFromLaunch(options: LaunchLike): Promise<BindOutcome | null> {
  const request = bindRequestOf(options);
  if (!request) return lastLaunch;
  const key = 'scene' in request ? `scene:${request.scene}` : `link:${request.inviterCode}`;
  let pending = sent.get(key);
  if (!pending) {
    pending = callCloud('bindInviter', 'main', request, { silent: true }).catch(() => null);
    sent.set(key, pending);
    reportOpen(request, options.query ?? {}, pending);
  }
  lastLaunch = pending;
  return pending;
}

/**
 * A share card names its product and inviter in the link; a poster's short code is resolved by the binding, whose
 * answer names the product (and the inviter, when the binding took).
 */
function reportOpen(
  request: RouteInput<'bindInviter', 'main'>,
  query: Record<string, string | undefined>,
  outcome: Promise<BindOutcome | null>,
): void {
  if ('inviterCode' in request) {
    trackBehaviour({ type: 'share_card_open', productId: query.id, distributor: request.inviterCode });
    return;
  }
  void outcome.then((bound) =>
    trackBehaviour({
      type: 'poster_open',
      productId: bound?.productId ?? undefined,
      distributor: bound?.bound ? bound.inviterCode : undefined,
    }),
  );
}

/** The outcome of the latest launch's binding (the product page reads the poster's productId from it). */
export function launchBinding(): Promise<BindOutcome | null> {
  return lastLaunch;
}

/** Tests only: forget what was sent. */
export function resetInviteState(): void {
  sent.clear();
  lastLaunch = Promise.resolve(null);
}
