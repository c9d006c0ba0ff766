/**
 * The seams between the emulator's parts. The HTTP server (server.ts) owns the sockets and routes; each service
 * below owns one kind of platform behaviour and knows nothing about HTTP.
 */
import type { VirtualClock } from './clock';

/** What a wire request of the SDK gets back: `{requestId, data}` or `{code, message}` (requestId added by the server). */
export type WireReply =
  | { data: unknown; transactionId?: undefined }
  | { transactionId: string; data?: undefined }
  | { code: string; message: string };

/** database/collections.json: every collection with its indexes (WeChat index-API shape) and security rules. */
export interface IndexKey {
  name: string;
  direction: '1' | '-1' | '2dsphere';
}
export interface IndexSpec {
  name: string;
  unique?: boolean;
  keys: IndexKey[];
}
export interface CollectionSpec {
  description?: string;
  indexes?: IndexSpec[];
  rules?: Record<string, unknown>;
}
export interface DatabaseSchema {
  collections: Record<string, CollectionSpec>;
}

export interface DatabaseService {
  /** One `database.*` wire action (body as the SDK sent it, parsed from JSON). Never throws for bad input. */
  handle(action: string, body: Record<string, unknown>, functionName?: string): Promise<WireReply>;
  /** Calls, documents examined and scans since the last reset (GET /_emulator/stats). */
  queryStats(): unknown;
  resetQueryStats(): void;
  /** Empties every collection and re-creates the declared ones with their indexes; aborts open transactions. */
  reset(): Promise<void>;
  /** Documents of a collection as plain JSON values (dates as ISO strings are fine) for /_emulator/db. */
  dump(collection: string): Promise<unknown[]>;
  /** Inserts plain documents (demo data) outside any transaction; dates may be given as `{"$date": ...}`. */
  seed(collection: string, documents: Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

export type InvocationSource = 'wx_client' | 'wx_trigger' | 'wx_paycallback' | 'wx_http' | 'scf';

export interface Caller {
  source: InvocationSource;
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
}

export type InvokeOutcome =
  | { ok: true; result: unknown; requestId: string }
  | {
      ok: false;
      code: 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED' | 'FUNCTION_NOT_FOUND';
      message: string;
      requestId: string;
    };

export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** 7 fields: second minute hour day month weekday year, evaluated in UTC+8. */
  config: string;
}

export interface FunctionInfo {
  name: string;
  timeoutMs: number;
  triggers: TimerTrigger[];
  openapiPermissions: string[];
  envVariables: Record<string, string>;
}

export interface FunctionRunner {
  list(): FunctionInfo[];
  get(name: string): FunctionInfo | undefined;
  invoke(name: string, event: unknown, caller: Caller): Promise<InvokeOutcome>;
  /** Rebuilds and recycles instances of one function (or all). */
  reload(name?: string): Promise<void>;
  close(): Promise<void>;
}

export interface EmulatorContext {
  envId: string;
  appId: string;
  clock: VirtualClock;
  /** http://127.0.0.1:<port> once listening. */
  baseUrl(): string;
  /**
   * Variables a deployment sets on its functions outside the repository (SHOP_DATA_KEY); each function gets them
   * unless cloudbaserc.json gives the variable a non-empty value of its own.
   */
  functionSecrets?: Readonly<Record<string, string>>;
}
