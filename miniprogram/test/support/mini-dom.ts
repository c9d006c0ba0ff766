/**
 * A minimal DOM for miniprogram-simulate under jest's node environment. miniprogram-simulate's exparser renders into
 * `document`; jest 30 ships no jsdom and none is installed, so this implements the small part exparser, j-component
 * and miniprogram-simulate use (nodes, attributes, events, style tags) plus an HTML serialiser for assertions and
 * screenshots. Swap for `testEnvironment: 'jsdom'` if jest-environment-jsdom is ever added.
 */

type Listener = { handler: (event: any) => void; capture: boolean };

const VOID_TAGS = new Set(['img', 'br', 'hr', 'input', 'meta', 'link']);

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

export class MiniNode {
  nodeType = 1;
  nodeName = '';
  parentNode: MiniNode | null = null;
  childNodes: MiniNode[] = [];
  ownerDocument: any = null;
  private listeners = new Map<string, Listener[]>();
  [key: string]: any;

  get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): MiniNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get nextSibling(): MiniNode | null {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  get previousSibling(): MiniNode | null {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) - 1] ?? null;
  }
  get children(): MiniNode[] {
    return this.childNodes.filter((node) => node.nodeType === 1);
  }

  private adopt(node: MiniNode): MiniNode[] {
    if (node.nodeType === 11) {
      const moved = [...node.childNodes];
      node.childNodes = [];
      for (const child of moved) child.parentNode = null;
      return moved;
    }
    if (node.parentNode) node.parentNode.removeChild(node);
    return [node];
  }

  appendChild<T extends MiniNode>(node: T): T {
    for (const child of this.adopt(node)) {
      child.parentNode = this;
      this.childNodes.push(child);
    }
    return node;
  }
  insertBefore<T extends MiniNode>(node: T, reference: MiniNode | null): T {
    if (!reference) return this.appendChild(node);
    const moved = this.adopt(node);
    const index = this.childNodes.indexOf(reference);
    for (const child of moved) child.parentNode = this;
    this.childNodes.splice(index < 0 ? this.childNodes.length : index, 0, ...moved);
    return node;
  }
  removeChild<T extends MiniNode>(node: T): T {
    const index = this.childNodes.indexOf(node);
    if (index >= 0) this.childNodes.splice(index, 1);
    node.parentNode = null;
    return node;
  }
  replaceChild<T extends MiniNode>(node: MiniNode, old: T): T {
    this.insertBefore(node, old);
    return this.removeChild(old);
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
  contains(node: MiniNode | null): boolean {
    for (let current = node; current; current = current.parentNode) if (current === this) return true;
    return false;
  }

  addEventListener(type: string, handler: (event: any) => void, options?: boolean | { capture?: boolean }): void {
    const capture = typeof options === 'object' ? !!options.capture : !!options;
    const list = this.listeners.get(type) ?? [];
    list.push({ handler, capture });
    this.listeners.set(type, list);
  }
  removeEventListener(type: string, handler: (event: any) => void): void {
    const list = this.listeners.get(type) ?? [];
    this.listeners.set(
      type,
      list.filter((listener) => listener.handler !== handler),
    );
  }
  dispatchEvent(event: any): boolean {
    if (!event.target) event.target = this;
    const path: MiniNode[] = [];
    // The event's path: this node and its ancestors, walked upwards.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let node: MiniNode | null = this; node; node = node.parentNode) path.push(node);
    for (const node of path.slice().reverse()) node.fire(event, true);
    for (const node of event.bubbles ? path : [this]) node.fire(event, false);
    return !event.defaultPrevented;
  }
  private fire(event: any, capture: boolean): void {
    for (const listener of this.listeners.get(event.type) ?? []) {
      if (listener.capture === capture) {
        event.currentTarget = this;
        listener.handler.call(this, event);
      }
    }
  }

  get textContent(): string {
    return this.childNodes.map((node) => node.textContent).join('');
  }
  set textContent(text: string) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
    if (text) this.appendChild(new MiniText(String(text)));
  }
  isEqualNode(other: MiniNode): boolean {
    return !!other && (this as any).outerHTML === (other as any).outerHTML;
  }
}

export class MiniText extends MiniNode {
  override nodeType = 3;
  override nodeName = '#text';
  constructor(public data: string) {
    super();
  }
  get nodeValue(): string {
    return this.data;
  }
  set nodeValue(value: string) {
    this.data = String(value);
  }
  override get textContent(): string {
    return this.data;
  }
  override set textContent(value: string) {
    this.data = String(value);
  }
  cloneNode(): MiniText {
    return new MiniText(this.data);
  }
  get outerHTML(): string {
    return escapeText(this.data);
  }
}

export class MiniFragment extends MiniNode {
  override nodeType = 11;
  override nodeName = '#document-fragment';
  cloneNode(deep = false): MiniFragment {
    const copy = new MiniFragment();
    if (deep) for (const child of this.childNodes) copy.appendChild(child.cloneNode(true));
    return copy;
  }
  get innerHTML(): string {
    return this.childNodes.map((node) => node.outerHTML).join('');
  }
}

function styleObject(element: MiniElement): Record<string, string> {
  const target: Record<string, string> = {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'cssText') return element.getAttribute('style') ?? '';
      if (key === 'setProperty') return (name: string, value: string) => set(name, value);
      if (typeof key !== 'string') return undefined;
      return parse()[kebab(key)] ?? '';
    },
    set(_t, key, value) {
      if (key === 'cssText') element.setAttribute('style', String(value));
      else if (typeof key === 'string') set(kebab(key), value);
      return true;
    },
  });
  function kebab(name: string): string {
    return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  }
  function parse(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of (element.getAttribute('style') ?? '').split(';')) {
      const at = part.indexOf(':');
      if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
    }
    return out;
  }
  function set(name: string, value: unknown): void {
    const all = parse();
    if (value === '' || value === null || value === undefined) delete all[name];
    else all[name] = String(value);
    element.setAttribute(
      'style',
      Object.entries(all)
        .map(([k, v]) => `${k}:${v}`)
        .join(';'),
    );
  }
}

export class MiniElement extends MiniNode {
  override nodeType = 1;
  attributes = new Map<string, string>();
  style: any;
  private rawHTML: string | null = null;
  constructor(public tagName: string) {
    super();
    this.nodeName = tagName.toUpperCase();
    this.style = styleObject(this);
  }
  /** exparser assigns some bindings (an <img>'s src) as properties: keep them as attributes for the HTML. */
  get src(): string {
    return this.getAttribute('src') ?? '';
  }
  set src(value: string) {
    this.setAttribute('src', value);
  }
  get localName(): string {
    return this.tagName.toLowerCase();
  }
  get id(): string {
    return this.getAttribute('id') ?? '';
  }
  set id(value: string) {
    this.setAttribute('id', value);
  }
  get className(): string {
    return this.getAttribute('class') ?? '';
  }
  set className(value: string) {
    this.setAttribute('class', value);
  }
  get classList() {
    const names = () => this.className.split(/\s+/).filter(Boolean);
    return {
      contains: (name: string) => names().includes(name),
      add: (...add: string[]) => this.setAttribute('class', [...new Set([...names(), ...add])].join(' ')),
      remove: (...remove: string[]) =>
        this.setAttribute(
          'class',
          names()
            .filter((n) => !remove.includes(n))
            .join(' '),
        ),
      toggle: (name: string, force?: boolean) => {
        const on = force ?? !names().includes(name);
        if (on) this.classList.add(name);
        else this.classList.remove(name);
        return on;
      },
    };
  }
  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  cloneNode(deep = false): MiniElement {
    const copy = new MiniElement(this.tagName);
    for (const [k, v] of this.attributes) copy.attributes.set(k, v);
    if (deep) for (const child of this.childNodes) copy.appendChild(child.cloneNode(true));
    return copy;
  }
  attachShadow(): MiniFragment {
    const root = new MiniFragment();
    (this as any).shadowRoot = root;
    return root;
  }
  get innerHTML(): string {
    if (this.rawHTML !== null) return this.rawHTML;
    return this.childNodes.map((node) => node.outerHTML).join('');
  }
  set innerHTML(html: string) {
    this.textContent = '';
    this.rawHTML = String(html);
  }
  override get textContent(): string {
    return this.rawHTML ?? super.textContent;
  }
  override set textContent(text: string) {
    this.rawHTML = null;
    super.textContent = text;
  }
  get outerHTML(): string {
    const tag = this.tagName.toLowerCase();
    const attrs = [...this.attributes].map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`)).join('');
    if (VOID_TAGS.has(tag)) return `<${tag}${attrs}>`;
    return `<${tag}${attrs}>${this.innerHTML}</${tag}>`;
  }
  matches(selector: string): boolean {
    return selector.split(',').some((one) => matchesSimple(this, one.trim()));
  }
  querySelectorAll(selector: string): MiniElement[] {
    const found: MiniElement[] = [];
    const walk = (node: MiniNode) => {
      for (const child of node.childNodes) {
        if (child instanceof MiniElement) {
          if (child.matches(selector)) found.push(child);
          walk(child);
        }
      }
    };
    walk(this);
    return found;
  }
  querySelector(selector: string): MiniElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  getElementsByTagName(tag: string): MiniElement[] & { item(i: number): MiniElement | undefined } {
    const list = this.querySelectorAll(tag) as MiniElement[] & { item(i: number): MiniElement | undefined };
    list.item = (i: number) => list[i];
    return list;
  }
  getBoundingClientRect() {
    return { left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0, x: 0, y: 0 };
  }
  get scrollTop(): number {
    return Number((this as any)._scrollTop ?? 0);
  }
  set scrollTop(value: number) {
    (this as any)._scrollTop = value;
  }
}

/** `tag`, `.class`, `#id`, `tag#id.class` — enough for wxss insertion and tests. */
function matchesSimple(element: MiniElement, selector: string): boolean {
  const match = /^([a-zA-Z][\w-]*)?((?:[#.][\w-]+)*)$/.exec(selector);
  if (!match) return false;
  if (match[1] && match[1].toLowerCase() !== element.tagName.toLowerCase()) return false;
  for (const part of match[2]?.match(/[#.][\w-]+/g) ?? []) {
    if (part[0] === '#' && element.id !== part.slice(1)) return false;
    if (part[0] === '.' && !element.classList.contains(part.slice(1))) return false;
  }
  return true;
}

export class MiniEvent {
  target: any = null;
  currentTarget: any = null;
  defaultPrevented = false;
  bubbles: boolean;
  cancelable: boolean;
  detail: any;
  [key: string]: any;
  constructor(
    public type: string,
    init: { bubbles?: boolean; cancelable?: boolean; detail?: unknown; [key: string]: unknown } = {},
  ) {
    this.bubbles = !!init.bubbles;
    this.cancelable = !!init.cancelable;
    this.detail = init.detail ?? null;
    for (const [k, v] of Object.entries(init)) if (!(k in this)) this[k] = v;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
  stopPropagation(): void {}
}

export function createDocument() {
  const documentElement = new MiniElement('html');
  const head = new MiniElement('head');
  const body = new MiniElement('body');
  documentElement.appendChild(head);
  documentElement.appendChild(body);
  const doc = {
    nodeType: 9,
    documentElement,
    head,
    body,
    createElement: (tag: string) => new MiniElement(tag),
    createElementNS: (_ns: string, tag: string) => new MiniElement(tag),
    createTextNode: (text: string) => new MiniText(String(text)),
    createDocumentFragment: () => new MiniFragment(),
    createComment: () => new MiniText(''),
    importNode: (node: MiniNode, deep: boolean) => node.cloneNode(deep),
    querySelectorAll: (selector: string) => documentElement.querySelectorAll(selector),
    querySelector: (selector: string) => documentElement.querySelector(selector),
    getElementsByTagName: (tag: string) => documentElement.getElementsByTagName(tag),
    addEventListener() {},
    removeEventListener() {},
  };
  return doc;
}

/** Installs `window`, `document` and the event classes on the global object (idempotent). */
export function installMiniDom(): void {
  const g = globalThis as any;
  if (g.document && g.__miniDom) return;
  g.__miniDom = true;
  g.document = createDocument();
  g.window = g;
  g.Element = MiniElement;
  g.HTMLElement = MiniElement;
  g.Node = MiniNode;
  g.Event = MiniEvent;
  g.CustomEvent = MiniEvent;
  g.TouchEvent = MiniEvent;
  g.getComputedStyle = () => ({ getPropertyValue: () => '' });
  g.requestAnimationFrame = (fn: (t: number) => void) => setTimeout(() => fn(Date.now()), 16);
  g.cancelAnimationFrame = (id: ReturnType<typeof setTimeout>) => clearTimeout(id);
}
