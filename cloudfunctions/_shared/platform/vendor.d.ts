/** tcb-router ships no typings; this is the part of its API the functions use. */
declare module 'tcb-router' {
  // tcb-router's context is untyped upstream; the functions read `_req.event` and set `body`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Middleware = (ctx: any, next: () => Promise<void>) => Promise<void> | void;
  class TcbRouter {
    constructor(options: { event: Record<string, unknown> });
    use(middleware: Middleware): void;
    use(path: string | string[], middleware: Middleware): void;
    router(path: string | string[], ...middlewares: Middleware[]): void;
    serve(): Promise<unknown>;
  }
  export = TcbRouter;
}
