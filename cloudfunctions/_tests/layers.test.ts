/**
 * The server's layers import downwards only (cloudfunctions/README.md): platform → core; store → platform; workflows
 * → store and platform; functions and adminApi on top. The emulator knows nothing of the shop's deploy tools.
 */
import path from 'node:path';
import { importGraph } from '../_tools/import-cycles';

const ROOT = path.resolve(__dirname, '../..');

/** What each layer may import besides itself, as folder prefixes relative to the repository. */
const LAYERS: Array<{ layer: string; mayImport: string[] }> = [
  { layer: 'core/src/', mayImport: ['contract/'] },
  { layer: 'cloudfunctions/_shared/platform/', mayImport: ['core/src/', 'contract/'] },
  { layer: 'cloudfunctions/_shared/store/', mayImport: ['cloudfunctions/_shared/platform/', 'core/src/', 'contract/'] },
  {
    layer: 'cloudfunctions/_shared/workflows/',
    mayImport: ['cloudfunctions/_shared/store/', 'cloudfunctions/_shared/platform/', 'core/src/', 'contract/'],
  },
  // The emulator stands alone; it knows the shop only through the demo data it loads on first start.
  { layer: 'emulator/src/', mayImport: ['database/'] },
];

function violations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = path.relative(ROOT, file);
    const rule = LAYERS.find(({ layer }) => from.startsWith(layer));
    if (!rule) continue;
    for (const target of targets.map((t) => path.relative(ROOT, t))) {
      const allowed = target.startsWith(rule.layer) || rule.mayImport.some((prefix) => target.startsWith(prefix));
      if (!allowed) found.push(`${from} → ${target}`);
    }
  }
  return found.sort();
}

test('every layer imports only the layers below it', () => {
  expect(violations(importGraph(ROOT, ['core', 'cloudfunctions', 'emulator']))).toEqual([]);
});

test('an upward import is found', () => {
  const store = path.join(ROOT, 'cloudfunctions/_shared/store/ledger.ts');
  const workflow = path.join(ROOT, 'cloudfunctions/_shared/workflows/withdrawals.ts');
  expect(violations(new Map([[store, [workflow]]]))).toEqual([
    'cloudfunctions/_shared/store/ledger.ts → cloudfunctions/_shared/workflows/withdrawals.ts',
  ]);
});
