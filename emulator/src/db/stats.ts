/**
 * What the database's callers cost: wire calls by function, action and collection, documents examined and
 * whole-collection scans since the last reset. `GET /_emulator/stats` reports it; tests and benchmarks read it to
 * prove a query uses an index.
 */

/** Calls that no function sent (admin scripts, tests with the SDK in process) are filed under this name. */
export const OUTSIDE_FUNCTIONS = '(outside)';

export interface ScanRecord {
  collection: string;
  /** Documents in the collection when it was scanned. */
  size: number;
  function: string;
  action: string;
  /** The filter (and order) as the engine saw them, for finding the query that needs an index. */
  query: string;
}

export interface StatsReport {
  since: number;
  calls: {
    total: number;
    byFunction: Record<string, number>;
    byAction: Record<string, number>;
    byCollection: Record<string, number>;
  };
  /** One row per (function, action, collection) seen. */
  breakdown: Array<{
    function: string;
    action: string;
    collection: string;
    calls: number;
    documentsExamined: number;
    scans: number;
  }>;
  documentsExamined: number;
  scans: { total: number; byCollection: Record<string, number>; recent: ScanRecord[] };
}

/** The last scans kept with their query text; the totals count every one. */
const RECENT_SCANS = 50;

interface Row {
  calls: number;
  documentsExamined: number;
  scans: number;
}

export class QueryStats {
  private rows = new Map<string, Row>();
  private recentScans: ScanRecord[] = [];
  private scanTotal = 0;
  private examinedTotal = 0;
  private since = Date.now();
  /** The request being served: the engine attributes examined documents and scans to it. */
  private current: { function: string; action: string; collection: string } = {
    function: OUTSIDE_FUNCTIONS,
    action: '',
    collection: '',
  };

  /** Marks the start of one wire request; everything counted until the next one is filed under it. */
  beginCall(functionName: string | undefined, action: string, collection: string): void {
    this.current = { function: functionName ?? OUTSIDE_FUNCTIONS, action, collection };
    this.row().calls++;
  }

  examined(count: number): void {
    this.examinedTotal += count;
    this.row().documentsExamined += count;
  }

  scanned(collection: string, size: number, query: string): void {
    this.scanTotal++;
    this.row(collection).scans++;
    this.recentScans.push({ collection, size, function: this.current.function, action: this.current.action, query });
    if (this.recentScans.length > RECENT_SCANS) this.recentScans.shift();
  }

  /** The function whose request is running, for error messages. */
  get currentFunction(): string {
    return this.current.function;
  }

  reset(): void {
    this.rows = new Map();
    this.recentScans = [];
    this.scanTotal = 0;
    this.examinedTotal = 0;
    this.since = Date.now();
  }

  report(): StatsReport {
    const byFunction: Record<string, number> = {};
    const byAction: Record<string, number> = {};
    const byCollection: Record<string, number> = {};
    const scansByCollection: Record<string, number> = {};
    const breakdown: StatsReport['breakdown'] = [];
    let total = 0;
    for (const [key, row] of this.rows) {
      const [fn, action, collection] = key.split('\u0001') as [string, string, string];
      breakdown.push({ function: fn, action, collection, ...row });
      total += row.calls;
      byFunction[fn] = (byFunction[fn] ?? 0) + row.calls;
      byAction[action] = (byAction[action] ?? 0) + row.calls;
      if (collection) byCollection[collection] = (byCollection[collection] ?? 0) + row.calls;
      if (row.scans > 0) scansByCollection[collection] = (scansByCollection[collection] ?? 0) + row.scans;
    }
    return {
      since: this.since,
      calls: { total, byFunction, byAction, byCollection },
      breakdown,
      documentsExamined: this.examinedTotal,
      scans: { total: this.scanTotal, byCollection: scansByCollection, recent: [...this.recentScans] },
    };
  }

  private row(collection = this.current.collection): Row {
    const key = `${this.current.function}\u0001${this.current.action}\u0001${collection}`;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { calls: 0, documentsExamined: 0, scans: 0 }));
    return row;
  }
}
