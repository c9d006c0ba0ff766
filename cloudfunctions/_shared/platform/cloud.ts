/**
 * The one place functions initialise wx-server-sdk. `DYNAMIC_CURRENT_ENV` makes the same bundle work in every
 * environment (and in the local emulator, which sets the same variables CloudBase does).
 */
import * as cloud from 'wx-server-sdk';

// The typings declare `env` as a string, but the SDK's own constant for "the environment I run in" is a symbol.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, throwOnNotFound: false } as Parameters<
  typeof cloud.init
>[0]);

export { cloud };

export type Database = ReturnType<typeof cloud.database>;

let database: Database | undefined;
export function db(): Database {
  database ??= cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]);
  return database;
}
