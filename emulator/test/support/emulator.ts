/**
 * Test helper: one in-memory emulator on a free port per test file, reset before every test.
 *
 *   const emu = useEmulator();
 *   test('...', async () => { const r = await emu.call('placeOrder', {...}, 'o-alice'); });
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

/**
 * Tests run in no-table-scan mode: a query that reads every document of a collection holding more than this many
 * fails, so a query without an index cannot land. Test data stays below it unless a query is really unindexed; a
 * test that compares against scans on purpose passes `noTableScanAbove: Infinity`. TEST_NO_TABLE_SCAN_ABOVE=<n> lowers it
 * for a hunt (`TEST_NO_TABLE_SCAN_ABOVE=3 npx jest cloudfunctions`).
 */
export const TEST_NO_TABLE_SCAN_ABOVE = Number(process.env.TEST_NO_TABLE_SCAN_ABOVE ?? 50);

export interface EmulatorHandle {
  readonly url: string;
  readonly emulator: Emulator;
  /** Calls a function the way the mini program would, as `openid`; resolves to the HTTP status and body. */
  call(name: string, data?: unknown, openid?: string): Promise<{ status: number; body: any }>;
  /** Any developer or wire route: `request('POST', '/_emulator/clock', {advanceMs: 1000})`. */
  request(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export function useEmulator(options: EmulatorOptions = {}, { resetBeforeEach = true } = {}): EmulatorHandle {
  let emulator: Emulator | undefined;
  const current = (): Emulator => {
    if (!emulator) throw new Error('the emulator starts in beforeAll; use the handle inside tests');
    return emulator;
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      dataDir: ':memory:',
      noTableScanAbove: TEST_NO_TABLE_SCAN_ABOVE,
      ...options,
    });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  if (resetBeforeEach) {
    beforeEach(async () => {
      await current().services.reset();
    });
  }

  const request = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${current().url}${route}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: hand the text back as is.
    }
    return { status: response.status, body: parsed as any };
  };

  return {
    get url() {
      return current().url;
    },
    get emulator() {
      return current();
    },
    request,
    call: (name, data = {}, openid) =>
      request('POST', `/_emulator/functions/${encodeURIComponent(name)}`, { data, ...(openid ? { openid } : {}) }),
  };
}

/**
 * The real wx-server-sdk in the test process, pointed at an emulator. Call inside beforeAll (after the emulator
 * started); each jest test file has its own module registry and so its own SDK singleton.
 */
export function connectSdk(url: string, { throwOnNotFound = true } = {}): any {
  process.env.TENCENTCLOUD = 'true';
  process.env.TENCENTCLOUD_SECRETID ??= 'local-secret-id';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'local-secret-key';
  process.env.SILENCE = 'true';

  const cloud = require('wx-server-sdk');
  cloud.init({ env: 'local-dev', serviceUrl: `${url}/admin`, throwOnNotFound });
  return cloud;
}
