/**
 * @shop/contract: the one vocabulary of the wire, without zod (the mini program takes this entry as it is).
 * Error codes and messages, enumerated states and their labels, money text, China time, limits and the output
 * type of every function route. The input schemas are in `./schemas` (zod), for the server and the admin page.
 */
export * from './errors';
export * from './states';
export * from './labels';
export * from './money';
export * from './china-time';
export * from './limits';
export * from './wire';
export * from './audit-vocabulary';
export * from './behaviour';
