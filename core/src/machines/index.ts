export * from './order';
export * from './after-sale';
export * from './commission';
export * from './withdrawal';
export * from './distributor';
