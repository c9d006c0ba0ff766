/**
 * Shoppers' behaviour, counted cheaply: a report of up to MAX_TRACK_EVENTS events costs two reads (which products
 * and distributors exist), one small transaction on the shopper's own `behaviourSeen` document (what they already
 * counted this minute, so a repeat or a flood counts once or not at all), and one increment per counter moved on
 * the day's `figures` documents. No document per event; nothing but the OPENID (as the seen document's id) is kept.
 */
import {
  BEHAVIOUR_COUNTER,
  MAX_TRACKED_PER_MINUTE,
  type BehaviourEventType,
  type TrackResult,
} from '../../../contract/src';
import { behaviourBumps, behaviourKey, type CountedBehaviour } from '../../../core/src';
import { db } from '../platform/cloud';
import { listDocs, txGet } from '../platform/documents';
import { inTransaction } from '../platform/transactions';
import { COLLECTIONS } from './collections';
import { incrementOutsideTransaction } from './rollups';

export interface BehaviourEvent {
  type: BehaviourEventType;
  productId?: string;
  distributor?: string;
  at: number;
}

/** `behaviourSeen/<openid>`: the minute and the event keys already counted in it. */
export interface BehaviourSeenDoc {
  _id: string;
  minute: number;
  keys: string[];
}

const MINUTE_MS = 60_000;

async function existingProducts(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const docs = await listDocs<{ _id: string }>(
    db()
      .collection(COLLECTIONS.products)
      .where({ _id: db().command.in(ids) })
      .field({ _id: true })
      .limit(ids.length),
  );
  return new Set(docs.map((doc) => doc._id));
}

/** Invite code → the distributor's openid, for the codes that belong to someone. */
async function distributorsByCode(codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const docs = await listDocs<{ _id: string; inviteCode: string }>(
    db()
      .collection(COLLECTIONS.distributors)
      .where({ inviteCode: db().command.in(codes.map((code) => code.toUpperCase())) })
      .field({ _id: true, inviteCode: true })
      .limit(codes.length),
  );
  return new Map(docs.map((doc) => [doc.inviteCode, doc._id]));
}

export async function recordBehaviour(openid: string, events: BehaviourEvent[], now: number): Promise<TrackResult> {
  const productIds = [...new Set(events.flatMap((event) => (event.productId ? [event.productId] : [])))];
  const codes = [...new Set(events.flatMap((event) => (event.distributor ? [event.distributor] : [])))];
  const [products, distributors] = await Promise.all([existingProducts(productIds), distributorsByCode(codes)]);

  const candidates = new Map<string, CountedBehaviour>();
  for (const event of events) {
    if (!(event.type in BEHAVIOUR_COUNTER)) continue;
    const productId = event.productId && products.has(event.productId) ? event.productId : null;
    const distributor = event.distributor ? (distributors.get(event.distributor.toUpperCase()) ?? null) : null;
    // An event that names only things that do not exist moves nothing.
    if (!productId && !distributor) continue;
    // A shopper sharing or opening their own link is not a distributor's reach.
    const counted = { type: event.type, productId, distributor: distributor === openid ? null : distributor };
    candidates.set(behaviourKey(counted), counted);
  }

  const minute = Math.floor(now / MINUTE_MS);
  const fresh = await inTransaction(async (tx) => {
    const seen = await txGet<BehaviourSeenDoc>(tx, COLLECTIONS.behaviourSeen, openid);
    const already = seen && seen.minute === minute ? seen.keys : [];
    const room = Math.max(0, MAX_TRACKED_PER_MINUTE - already.length);
    const taken = [...candidates.keys()].filter((key) => !already.includes(key)).slice(0, room);
    if (taken.length > 0) {
      await tx
        .collection(COLLECTIONS.behaviourSeen)
        .doc(openid)
        .set({ data: { minute, keys: [...already, ...taken] } });
    }
    return taken;
  });
  const accepted = fresh.map((key) => candidates.get(key) as CountedBehaviour);
  await incrementOutsideTransaction(behaviourBumps(accepted, now), now);
  return { accepted: accepted.length, ignored: events.length - accepted.length };
}
