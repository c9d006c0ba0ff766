/** The esbuild settings shared by the local runner and the deployable build, so both bundle the same way. */
import type { BuildOptions, Plugin } from 'esbuild';

/** SCF runs Node 18 by default (Nodejs18.15); CommonJS because the platform loads `index.main` with require. */
export const functionBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  logLevel: 'silent',
} satisfies BuildOptions;

/**
 * wx-server-sdk stays outside the bundle (production installs it next to index.js). Locally the bundle lives in a
 * build folder outside the repo, so the require is rewritten to the absolute path of the repo's installed copy.
 */
export function externalWxServerSdk(sdkEntry: string): Plugin {
  return {
    name: 'external-wx-server-sdk',
    setup(build) {
      build.onResolve({ filter: /^wx-server-sdk$/ }, () => ({ path: sdkEntry, external: true }));
    },
  };
}
