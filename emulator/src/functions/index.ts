export { createFunctionRunner, type FunctionRunnerOptions, type LocalFunctionRunner } from './runner';
export type { TokenOwner } from './api-tokens';
