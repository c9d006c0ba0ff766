/**
 * The setup every admin browser test file shares, in one place: the page's build (cached per version of its
 * sources, `build.ts`), an in-process emulator serving it, the file's shop made through the real functions, one
 * Chromium for the whole file and a page signed in as the owner. Without Chromium it registers the `test.todo`
 * the skips reporter lists, and `enabled` is false.
 *
 *   const session = useAdminSession({ setup: async (emu) => void (shop = await buildScenario(emu)) });
 *   const emu = session.emu;
 *   if (session.enabled) {
 *     test('…', async () => { await session.open('/orders', '订单'); … });
 *   }
 *
 * Other accounts get a fresh browser context each (`signedInPage`), so their cookies never mix with the owner's.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { useEmulator, type EmulatorHandle } from '../../../emulator/test/support/emulator';
import type { EmulatorOptions } from '../../../emulator/src/emulator';
import { OWNER_PASSWORD } from '../../../cloudfunctions/_tests/support/admin-http';
import { buildAdmin, type AdminBuild } from './build';
import { CHROMIUM, launchBrowser } from './browser';

export interface Viewport {
  width: number;
  height: number;
}

export interface AdminSessionOptions {
  /** The file's data, made once the emulator is up and before the browser opens. */
  setup?: (emu: EmulatorHandle) => Promise<void>;
  viewport?: Viewport;
  /** Sign the page in as the owner after setup (default true); false leaves it blank for the file to drive. */
  signIn?: boolean;
  /** Called on the new page before anything loads in it: listeners that must see everything. */
  preparePage?: (page: Page) => void;
  /** For the build, the setup and the sign-in together. */
  setupTimeoutMs?: number;
}

export interface AdminSession {
  /** False without Chromium (the file's tests are then a todo). */
  readonly enabled: boolean;
  readonly emu: EmulatorHandle;
  readonly build: AdminBuild;
  readonly browser: Browser;
  /** The page the file's tests share, signed in as the owner unless `signIn: false`. */
  readonly page: Page;
  /** Signs `target` in through the sign-in screen and waits for the account's name in the header. */
  signIn(target: Page, username: string, password: string): Promise<void>;
  /** A page in a fresh context (its own cookies), signed in as `username`; closed with the browser. */
  signedInPage(username: string, password: string, viewport?: Viewport): Promise<Page>;
  /** Opens a screen by its hash route and waits for its heading. */
  open(hash: string, heading: string, target?: Page): Promise<void>;
  /** The dialog on screen (closed TDesign dialogs stay in the page, hidden). */
  dialog(target?: Page): Locator;
  /** Waits for a toast with this text. */
  toast(text: string, target?: Page): Promise<void>;
}

export const DESKTOP: Viewport = { width: 1280, height: 800 };
const DEFAULT_TIMEOUT_MS = 15_000;

export async function newPage(browser: Browser, viewport: Viewport): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  return { context, page };
}

export function useAdminSession(options: AdminSessionOptions = {}): AdminSession {
  const enabled = existsSync(CHROMIUM);
  const emulatorOptions: EmulatorOptions = {};
  let build: AdminBuild | undefined;
  // Registered before the emulator's own beforeAll, so it starts on the build's folder.
  beforeAll(() => {
    build = buildAdmin();
    emulatorOptions.staticDir = build.dir;
  });
  afterAll(() => build?.remove());
  const emu = useEmulator(emulatorOptions, { resetBeforeEach: false });

  let browser: Browser | undefined;
  let page: Page | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is made in beforeAll; use it inside tests`);
    return value;
  };

  async function signIn(target: Page, username: string, password: string): Promise<void> {
    await target.goto(emu.url);
    await target.getByPlaceholder('例如 owner').fill(username);
    await target.getByPlaceholder('请输入密码').fill(password);
    await target.getByRole('button', { name: '登录' }).click();
    await target.getByTestId('current-user').filter({ hasText: username }).waitFor();
  }

  if (!enabled) {
    test.todo(`browser tests: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
  } else {
    beforeAll(async () => {
      process.env.SHOP_ADMIN_PASSWORD = OWNER_PASSWORD;
      await options.setup?.(emu);
      await build?.ready;
      browser = await launchBrowser();
      ({ page } = await newPage(browser, options.viewport ?? DESKTOP));
      options.preparePage?.(page);
      if (options.signIn !== false) await signIn(page, 'owner', OWNER_PASSWORD);
    }, options.setupTimeoutMs ?? 120_000);
    afterAll(async () => {
      await browser?.close();
    });
  }

  return {
    enabled,
    emu,
    get build() {
      return need(build, 'the build');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get page() {
      return need(page, 'the page');
    },
    signIn,
    async signedInPage(username, password, viewport = options.viewport ?? DESKTOP) {
      const { page: other } = await newPage(need(browser, 'the browser'), viewport);
      await signIn(other, username, password);
      return other;
    },
    async open(hash, heading, target = need(page, 'the page')) {
      await target.goto(`${emu.url}/#${hash}`);
      await target.locator('.page-header__title', { hasText: heading }).waitFor();
    },
    dialog: (target = need(page, 'the page')) => target.locator('.t-dialog').filter({ visible: true }).last(),
    toast: (text, target = need(page, 'the page')) =>
      target.locator('.t-message').filter({ hasText: text }).first().waitFor(),
  };
}
