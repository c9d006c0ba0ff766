/**
 * One handler per `database.*` wire action (notes §2): decodes the request body, calls the engine and builds the
 * reply shape the SDK reads. Nothing here throws: failures become `{code, message}` replies.
 */
import type { WireReply } from '../types';
import { decodeWire, decodeWireObject, encodeForGet, encodeImmutableDoc, isPlainObject, type Doc } from './ejson';
import type { Engine } from './engine';
import { DbError, invalidParam } from './errors';
import type { Transaction } from './transactions';

type Body = Record<string, unknown>;
type Handler = (body: Body) => Promise<WireReply>;

/** The SDK sends 100 when no limit is given; the server caps at 1000 whatever it receives (notes §10). */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export function createActionHandler(
  engine: Engine,
  clockNow: () => number,
): (action: string, body: Body, functionName?: string) => Promise<WireReply> {
  /**
   * One instant per request: every serverDate marker of a request decodes to the same time, however long decoding
   * takes on a busy machine. Handlers decode before their first await, so requests never share an instant.
   */
  let requestNow: number | undefined;
  const now = (): number => (requestNow ??= clockNow());

  const collectionName = (body: Body): string => {
    const name = body.collectionName;
    if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required');
    return name;
  };

  const transactionOf = (body: Body): Transaction | undefined =>
    body.transactionId === undefined ? undefined : engine.transactions.require(body.transactionId);

  /** `query` is absent when the SDK call had no where(), and `""` for a bare collection.remove(): both match all. */
  const filterOf = (body: Body): Doc =>
    body.query === undefined || body.query === '' ? {} : decodeWireObject(body.query, now, 'query');

  const optionalObject = (value: unknown, what: string): Doc | undefined =>
    value === undefined || value === '' ? undefined : decodeWireObject(value, now, what);

  /** DOC requests carry `{"_id": <id>}`. */
  const docFilter = (body: Body): Doc & { _id: unknown } => {
    const filter = filterOf(body);
    if (filter._id === undefined) throw invalidParam('query._id is required for a DOC request');
    return filter as Doc & { _id: unknown };
  };

  const pageSize = (limit: unknown): number =>
    typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT;

  const list = (docs: Doc[]): WireReply => ({ data: { list: docs.map(encodeImmutableDoc) } });
  /** `get` replies: ObjectIds outside `_id` as their hex text, which the SDK keeps (it turns `{$oid}` into `{}`). */
  const getList = (docs: Doc[]): WireReply => ({ data: { list: docs.map(encodeForGet) } });

  const handlers: Record<string, Handler> = {
    async 'database.insertDocument'(body) {
      const name = collectionName(body);
      const tx = transactionOf(body);
      if (!Array.isArray(body.data) || body.data.length === 0)
        throw invalidParam('data must be a non-empty array of EJSON documents');
      // The platform rejects serverDate in transactional inserts (notes §4.3).
      const serverNow = tx
        ? () => {
            throw invalidParam('serverDate is not supported in a transactional insert');
          }
        : now;
      const docs = body.data.map((text) => decodeWireObject(text, serverNow, 'document'));
      return { data: { insertedIds: await engine.insert(name, docs, tx) } };
    },

    async 'database.getDocument'(body) {
      const name = collectionName(body);
      const tx = transactionOf(body);
      const projection = optionalObject(body.projection, 'projection');
      if (body.queryType === 'DOC') return getList(engine.find(name, docFilter(body), { projection, limit: 1 }, tx));
      const offset = typeof body.offset === 'number' && body.offset > 0 ? Math.floor(body.offset) : 0;
      const order = optionalObject(body.order, 'order');
      return getList(engine.find(name, filterOf(body), { order, offset, limit: pageSize(body.limit), projection }, tx));
    },

    async 'database.calculateDocument'(body) {
      return { data: { total: engine.count(collectionName(body), filterOf(body)) } };
    },

    async 'database.modifyDocument'(body) {
      const name = collectionName(body);
      const tx = transactionOf(body);
      const data = decodeWireObject(body.data, now, 'data');
      if (body.merge === false) {
        const { _id: id } = docFilter(body);
        const { updated, created } = await engine.replace(name, id, data, tx);
        return { data: created ? { updated, upsert_id: id } : { updated } };
      }
      if (Object.keys(data).length === 0) return { data: { updated: 0 } };
      const isDoc = body.queryType === 'DOC';
      const filter = isDoc ? docFilter(body) : filterOf(body);
      const multi = !isDoc && body.multi !== false;
      return { data: { updated: await engine.update(name, filter, data, multi, tx) } };
    },

    async 'database.removeDocument'(body) {
      const name = collectionName(body);
      const tx = transactionOf(body);
      const isDoc = body.queryType === 'DOC';
      const filter = isDoc ? docFilter(body) : filterOf(body);
      return { data: { deleted: await engine.remove(name, filter, !isDoc && body.multi !== false, tx) } };
    },

    async 'database.aggregateDocuments'(body) {
      const name = collectionName(body);
      if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array');
      // Object stage values are EJSON, others plain JSON (`"5"`, `"\"$arr\""`): one JSON-based decoder reads both.
      const stages = body.stages.map((stage: unknown): Doc => {
        if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$')) {
          throw invalidParam('each stage needs a stageKey such as "$match" and a stageValue');
        }
        return { [stage.stageKey]: decodeWire(stage.stageValue, now, `${stage.stageKey} stage`) };
      });
      return list(engine.aggregate(name, stages));
    },

    async 'database.addCollection'(body) {
      await engine.createCollection(collectionName(body));
      return { data: {} };
    },

    async 'database.startTransaction'() {
      return { transactionId: engine.startTransaction() };
    },

    async 'database.commitTransaction'(body) {
      await engine.commitTransaction(body.transactionId);
      return { data: {} };
    },

    async 'database.abortTransaction'(body) {
      engine.abortTransaction(body.transactionId);
      return { data: {} };
    },

    /** Only reachable through @cloudbase/database's Query.updateAndReturn: first match, updated copy back. */
    async 'database.modifyAndReturnDoc'(body) {
      const name = collectionName(body);
      const tx = transactionOf(body);
      const data = decodeWireObject(body.data, now, 'data');
      const [target] = engine.find(name, filterOf(body), { limit: 1 }, tx);
      if (!target) return { data: { updated: 0, doc: null } };
      const byId = { _id: target._id };
      await engine.update(name, byId, data, false, tx);
      const [doc] = engine.find(name, byId, { limit: 1 }, tx);
      // findAndModify semantics (MongoDB's lastErrorObject.n): the matched document counts as updated even when
      // the new values equal the old ones.
      return { data: { updated: 1, doc: doc ? encodeForGet(doc) : null } };
    },
  };

  return async (action, body, functionName) => {
    requestNow = undefined;
    const collection = isPlainObject(body) && typeof body.collectionName === 'string' ? body.collectionName : '';
    engine.stats.beginCall(functionName, action, collection);
    try {
      const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
      if (!handler) throw invalidParam(`unknown action ${action}`);
      if (!isPlainObject(body)) throw invalidParam('request body must be a JSON object');
      return await handler(body);
    } catch (error) {
      if (error instanceof DbError) return { code: error.code, message: error.message };
      return { code: 'SYS_ERR', message: `internal error: ${(error as Error)?.message ?? String(error)}` };
    }
  };
}
