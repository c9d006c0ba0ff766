/** The shop's repository root, where the benchmarks run the emulator from (its cloudbase-emulator.json applies). */
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
