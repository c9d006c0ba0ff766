/**
 * Renders the mini program's real pages and components with the official miniprogram-simulate under jest.
 *
 * - Templates are compiled by WeChat's own template compiler (`compiler: 'official'`: wcc from the npm package
 *   miniprogram-compiler), so whitespace, expressions and `wx:` directives behave as on a phone; the stand-ins in
 *   test/support/stubs are compiled with them.
 * - Pages are written with `Page<Data, Custom>()`; miniprogram-simulate only renders Components, so `Page` is
 *   stood in by a Component with the same data and every option function as a method (the test calls
 *   `page.onLoad(query)` itself, as the framework would).
 * - TDesign components are replaced by stand-ins (test/support/stubs) with TDesign's properties and class names;
 *   a test fires their events (`change`, `click`, `tap`) on the host node.
 * - `wx` is miniprogram-simulate's mock plus in-memory storage, recorded toasts/navigation, and either a fake
 *   `wx.cloud.callFunction` (component tests) or `wx.request` over real HTTP (end-to-end against the emulator).
 */

import path from 'node:path';
import { installMiniDom } from './mini-dom';

installMiniDom();
const simulate = require('miniprogram-simulate');
const jComponent = require('j-component');

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../..');
const STUBS = path.resolve(__dirname, 'stubs');

// <image> keeps its src and mode as attributes of an <img>, so the rendered HTML (and the screenshots) show it.
jComponent.register({
  id: 'image',
  tagName: 'wx-image',
  properties: { src: { type: String, value: '' }, mode: { type: String, value: 'scaleToFill' } },
  template: '<img class="wx-image__img wx-image--{{mode}}" data-src="{{src}}" />',
});

const TDESIGN_TAGS = [
  't-button',
  't-tag',
  't-count-down',
  't-loading',
  't-empty',
  't-stepper',
  't-checkbox',
  't-cell',
  't-cell-group',
  't-search',
  't-input',
  't-textarea',
  't-tabs',
  't-tab-panel',
];
export const STUB_COMPONENTS: Record<string, string> = Object.fromEntries(
  TDESIGN_TAGS.map((tag) => [tag, `/${path.relative(MINIPROGRAM_ROOT, path.join(STUBS, tag, 'index'))}`]),
);

const g = globalThis as any;

/*
 * miniprogram-simulate runs a component's JS with `require` and expects `Component()` to be called each time it
 * loads a tree. Under jest the module registry caches the module, so a second page using the same component would
 * not register it again: remember each file's definition and register it again when its module was cached.
 */
const simulateUtils = require('miniprogram-simulate/src/utils');
const simulateComponent = g.Component;
const definitions = new Map<string, any>();
let loadingFile: string | null = null;
let registered = false;

function cloneDefinition(value: any): any {
  if (Array.isArray(value)) return value.map(cloneDefinition);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneDefinition(v)]));
  }
  return value;
}

g.Component = (options: any) => {
  if (loadingFile) definitions.set(loadingFile, cloneDefinition(options));
  registered = true;
  simulateComponent(options);
};
simulateUtils.runJs = (filePath: string) => {
  loadingFile = filePath;
  registered = false;
  try {
    require(filePath);
    if (!registered && definitions.has(filePath)) simulateComponent(cloneDefinition(definitions.get(filePath)));
  } finally {
    loadingFile = null;
  }
};

g.Page = (options: Record<string, any>) => {
  const methods: Record<string, any> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data' || key === 'options') continue;
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  g.Component({
    data: options.data ?? {},
    methods,
    lifetimes: {
      created(this: any) {
        Object.assign(this, JSON.parse(JSON.stringify(fields)));
      },
    },
  });
};
g.App = (options: any) => {
  g.__app = options;
};
g.getApp = () => g.__app ?? { globalData: {} };
g.getCurrentPages = () => [];

export interface WxRecorder {
  storage: Map<string, unknown>;
  toasts: string[];
  navigations: string[];
  calls: Array<{ name: string; data: any }>;
  modalAnswers: boolean[];
}

export const recorder: WxRecorder = { storage: new Map(), toasts: [], navigations: [], calls: [], modalAnswers: [] };

export type CloudResponder = (name: string, data: any) => unknown;

/** Resets storage and records, and installs the wx mocks (component tests answer wx.cloud.callFunction with `responder`). */
export function resetWx(responder: CloudResponder = () => ({ ok: true, data: null })): void {
  recorder.storage.clear();
  recorder.toasts.length = 0;
  recorder.navigations.length = 0;
  recorder.calls.length = 0;
  recorder.modalAnswers.length = 0;
  const wx = g.wx;
  Object.assign(wx, {
    getStorageSync: (key: string) =>
      recorder.storage.has(key) ? JSON.parse(JSON.stringify(recorder.storage.get(key))) : '',
    setStorageSync: (key: string, value: unknown) => void recorder.storage.set(key, JSON.parse(JSON.stringify(value))),
    removeStorageSync: (key: string) => void recorder.storage.delete(key),
    showToast: (options: { title: string }) => void recorder.toasts.push(options.title),
    showModal: async () => ({
      confirm: recorder.modalAnswers.length ? recorder.modalAnswers.shift() : true,
      cancel: false,
    }),
    navigateTo: (options: { url: string }) => void recorder.navigations.push(options.url),
    redirectTo: (options: { url: string }) => void recorder.navigations.push(`redirect:${options.url}`),
    switchTab: (options: { url: string }) => void recorder.navigations.push(`tab:${options.url}`),
    navigateBack: () => void recorder.navigations.push('back'),
    stopPullDownRefresh: () => undefined,
    setClipboardData: (options: { data: string; success?: () => void }) => {
      recorder.storage.set('__clipboard', options.data);
      options.success?.();
    },
    chooseAddress: async () => ({ ...ADDRESS, errMsg: 'chooseAddress:ok' }),
    requestPayment: async () => ({ errMsg: 'requestPayment:ok' }),
    getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 667 }),
    // The behaviour helper flushes on hide; pages that report behaviour register this listener.
    onAppHide: () => undefined,
    cloud: {
      init: () => undefined,
      callFunction: async ({ name, data }: { name: string; data: any }) => {
        recorder.calls.push({ name, data: JSON.parse(JSON.stringify(data)) });
        return { result: responder(name, data), errMsg: 'cloud.callFunction:ok' };
      },
    },
  });
}

/** wx.request over real HTTP (fetch): the client module's local mode talking to a running emulator. */
export function useRealNetwork(): void {
  g.wx.request = (options: {
    url: string;
    method?: string;
    data?: unknown;
    header?: Record<string, string>;
    success?: (res: any) => void;
    fail?: (err: any) => void;
  }) => {
    const body = options.data === undefined ? undefined : JSON.stringify(options.data);
    const parsed = (() => {
      try {
        return JSON.parse(body ?? 'null');
      } catch {
        return null;
      }
    })();
    const match = /\/_emulator\/functions\/([^/?]+)/.exec(options.url);
    if (match) recorder.calls.push({ name: decodeURIComponent(match[1]!), data: parsed?.data });
    fetch(options.url, { method: options.method ?? 'GET', headers: options.header, body })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // not JSON
        }
        options.success?.({ statusCode: res.status, data, header: {}, errMsg: 'request:ok' });
      })
      .catch((error) => options.fail?.({ errMsg: `request:fail ${String(error)}` }));
    return { abort() {} };
  };
}

export const ADDRESS = {
  userName: '张三',
  telNumber: '13800138000',
  provinceName: '广东省',
  cityName: '广州市',
  countyName: '海珠区',
  detailInfo: '新港中路397号',
  postalCode: '510000',
};

const loaded = new Map<string, string>();

/** Loads a page or component once per test file (route relative to miniprogram/, e.g. 'pages/home/index'). */
export function load(route: string): string {
  let id = loaded.get(route);
  if (!id) {
    id = simulate.load(path.join(MINIPROGRAM_ROOT, route), {
      compiler: 'official',
      rootPath: MINIPROGRAM_ROOT,
      usingComponents: STUB_COMPONENTS,
    }) as string;
    loaded.set(route, id);
  }
  return id;
}

export interface Rendered {
  comp: any;
  /** The page or component instance: its methods and `data`. */
  page: any;
  html(): string;
  text(): string;
  /** The first node matching `selector` (exparser selectors: .class, #id). */
  $(selector: string): any;
  $$(selector: string): any[];
  tap(selector: string): Promise<void>;
  /** Taps the retry button of the page's loading/empty/error view. */
  retry(): Promise<void>;
  fire(selector: string, event: string, detail?: unknown): Promise<void>;
}

export function render(route: string, properties: Record<string, unknown> = {}): Rendered {
  const comp = simulate.render(load(route), properties);
  const parent = (globalThis as any).document.createElement('parent-wrapper');
  comp.attach(parent);
  const find = (selector: string) => {
    const node = comp.querySelector(selector);
    if (!node) throw new Error(`nothing matches ${selector} in ${route}:\n${comp.dom.outerHTML}`);
    return node;
  };
  return {
    comp,
    page: comp.instance,
    html: () => comp.dom.outerHTML as string,
    text: () => textOf(comp.dom),
    $: (selector) => comp.querySelector(selector),
    $$: (selector) => comp.querySelectorAll(selector),
    tap: async (selector) => {
      find(selector).dispatchEvent('tap');
      await settle();
    },
    retry: async () => {
      find('.page-state').querySelector('.state-view__retry').dispatchEvent('tap');
      await settle();
    },
    fire: async (selector, event, detail = {}) => {
      find(selector).dispatchEvent(event, { detail });
      await settle();
    },
  };
}

function textOf(node: any): string {
  if (node.nodeType === 3) return node.data;
  if (node.tagName && ['STYLE', 'SCRIPT'].includes(String(node.tagName).toUpperCase())) return '';
  return (node.childNodes ?? []).map(textOf).join('');
}

/** Lets pending promises, setData and simulated HTTP settle. */
export async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check()` is truthy (for flows over real HTTP). */
export async function until(
  check: () => boolean,
  what: string,
  timeoutMs = 15000,
  context?: () => unknown,
): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}${context ? `: ${JSON.stringify(context())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export { simulate };
