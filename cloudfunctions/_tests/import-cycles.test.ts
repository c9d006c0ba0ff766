/**
 * The layers stay layers: no module of the project imports (even a type) from a module that imports it back.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cyclesOf, importGraph, PROJECT_FOLDERS } from '../_tools/import-cycles';

const ROOT = path.resolve(__dirname, '../..');

test('the project has no import cycle, type-only imports included', () => {
  const cycles = cyclesOf(importGraph(ROOT, PROJECT_FOLDERS)).map((cycle) => cycle.map((f) => path.relative(ROOT, f)));
  expect(cycles).toEqual([]);
});

test('the check finds a cycle through a type-only import and an index file', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'import-cycles-'));
  mkdirSync(path.join(root, 'src', 'store'), { recursive: true });
  writeFileSync(
    path.join(root, 'src', 'flow.ts'),
    "import { read } from './store';\nexport type Change = { at: number };\n",
  );
  writeFileSync(
    path.join(root, 'src', 'store', 'index.ts'),
    "import type { Change } from '../flow';\nexport const read = (c: Change) => c;\n",
  );
  writeFileSync(path.join(root, 'src', 'leaf.ts'), "import { read } from './store';\nexport const x = read;\n");
  const cycles = cyclesOf(importGraph(root, ['src'])).map((cycle) => cycle.map((f) => path.relative(root, f)));
  expect(cycles).toEqual([['src/flow.ts', 'src/store/index.ts']]);
});
