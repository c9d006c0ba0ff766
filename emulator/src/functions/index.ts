export { createFunctionRunner, type FunctionRunnerOptions, type LocalFunctionRunner } from './runner';
export { buildDeployableFunctions, type DeployableBuildOptions, type DeployableFunction } from './deployable-build';
export type { TokenOwner } from './api-tokens';
