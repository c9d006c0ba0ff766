/**
 * Finds import cycles among the project's own TypeScript modules, type-only imports included: ESLint's
 * import-x/no-cycle skips `import type`, but a type cycle still ties two layers together (a store that needs a
 * workflow's type is a store that knows the workflow). `npm test` runs this through its jest test; run it alone with
 * `tsx cloudfunctions/_tools/import-cycles.ts` to print the cycles.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'dist',
  'miniprogram_npm',
  '.cloudbase-local',
  'test-artifacts',
  '.git',
]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return SKIPPED_FOLDERS.has(name) ? [] : sourceFiles(full);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file a relative specifier names, as Node and the bundlers resolve it; undefined for packages. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [
    base,
    ...['.ts', '.tsx', '.mts'].map((ext) => base + ext),
    ...['index.ts', 'index.tsx'].map((f) => path.join(base, f)),
  ];
  return candidates.find((file) => SOURCE.test(file) && existsSync(file) && statSync(file).isFile());
}

export function importGraph(root: string, folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const present = folders.map((folder) => path.join(root, folder)).filter((folder) => existsSync(folder));
  for (const file of present.flatMap(sourceFiles)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((ref) => resolveRelative(file, ref.fileName)).filter((f): f is string => !!f);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan), each a cycle to break. */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

export const PROJECT_FOLDERS = ['contract', 'core', 'cloudfunctions', 'emulator', 'admin', 'miniprogram'];

if (require.main === module) {
  const root = path.resolve(__dirname, '../..');
  const cycles = cyclesOf(importGraph(root, PROJECT_FOLDERS));
  for (const cycle of cycles) console.log(cycle.map((file) => path.relative(root, file)).join(' ↔ '));
  console.log(`imports.cycles=${cycles.length}`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
