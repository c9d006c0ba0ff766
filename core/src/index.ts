/**
 * The pure domain core: everything that decides who pays what. No database, clock, randomness or
 * network: callers pass `now`, the rules and the documents in, and get decisions and records back.
 */
export * from './errors';
export * from './money';
export * from './time';
export * from './fsm';
export * from './machines';
export * from './rules';
export * from './pricing';
export * from './binding';
export * from './commission';
export * from './after-sales';
export * from './ledger';
export * from './withdrawal';
export * from './tax';
export * from './transfer';
export * from './reconciliation';
export * from './risk';
export * from './grades';
export * from './skus';
export * from './order-number';
export * from './coupons';
export * from './figures';
export * from './recommendations';
