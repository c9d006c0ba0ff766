/** The assembled platform services one emulator instance serves; routes receive this and nothing else. */
import type { Caller, DatabaseService, EmulatorContext, FunctionRunner } from './types';
import type { PayService } from './services/pay';
import type { TransferService } from './services/transfer';
import type { OpenApiService } from './services/openapi';
import type { StorageService } from './services/storage';
import type { TimerScheduler } from './timers';
import type { FaultRegistry } from './faults';
import type { FunctionRules } from './functions/security-rules';

export interface EmulatorServices {
  context: EmulatorContext;
  db: DatabaseService;
  functions: FunctionRunner;
  /** The project's function security rules, checked on every call from a client. */
  functionRules: FunctionRules;
  pay: PayService;
  /** WeChat Pay 商家转账 (transfer bills), served at /v3/fund-app/mch-transfer/. */
  transfer: TransferService;
  openapi: OpenApiService;
  storage: StorageService;
  timers: TimerScheduler;
  faults: FaultRegistry;
  /** Kills the function instance whose invocation sent a wire request with this token. */
  killSender(token: unknown, reason: string): boolean;
  /** Which function invocation (and so which user) sent a wire request, from the token the SDK forwards. */
  callerOfToken(token: unknown): { functionName: string; caller: Caller } | undefined;
  /** Empties every store, puts the clock back to real time and, when asked, loads the demo data. */
  reset(options?: { seed?: boolean }): Promise<Record<string, unknown>>;
}
