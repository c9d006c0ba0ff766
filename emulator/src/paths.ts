/** Where the project's parts live, so the emulator finds functions, schema, demo data and the admin build. */
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const projectPaths = {
  functionsDir: path.join(repoRoot, 'cloudfunctions'),
  cloudbaserc: path.join(repoRoot, 'cloudbaserc.json'),
  schema: path.join(repoRoot, 'database', 'collections.json'),
  adminBuild: path.join(repoRoot, 'admin', 'dist'),
  defaultDataDir: path.join(repoRoot, '.cloudbase-local'),
};
