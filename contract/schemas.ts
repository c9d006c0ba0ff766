/** `@shop/contract/schemas` for resolvers without package `exports` (node10 resolution, jest, esbuild). */
export * from './src/schemas';
