/**
 * @shop/contract/schemas: the zod side of the contract (server and admin page; the mini program does not load
 * zod). Route input schemas, the handler types that tie them to the outputs, and the admin API's input pieces.
 */
export * from './fragments';
export * from './routes';
export * from './admin';
export * from './specs';
export * from './people';
export * from './marketing';
