/**
 * The contract runs in the mini program, the admin page and the functions, so it may import nothing but its own
 * files and zod (and zod only from the schemas entry, which the mini program does not load), and has no clock,
 * randomness or I/O. The core's purity scanner checks the rest.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { findImpurities } from '../../core/test/purity-scanner';

const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"`])([^'"`]+)\1/g)].map(
    (m) => m[2] as string,
  );
}

describe('contract purity', () => {
  const files = sourceFiles(SRC);

  it.each(files.map((file) => [relative(ROOT, file), file]))(
    '%s imports only the contract (and zod under schemas/)',
    (name, file) => {
      const source = readFileSync(file, 'utf8');
      expect(findImpurities(source)).toEqual([]);
      const allowed = (specifier: string) =>
        specifier.startsWith('.') || (name.startsWith('src/schemas/') && specifier === 'zod');
      expect(importsOf(source).filter((specifier) => !allowed(specifier))).toEqual([]);
      for (const specifier of importsOf(source).filter((s) => s.startsWith('.'))) {
        expect(relative(SRC, join(file, '..', specifier)).startsWith('..')).toBe(false);
      }
    },
  );

  it('the zod-free entry does not reach the schemas', () => {
    const zodFree = files.filter((file) => !relative(SRC, file).startsWith('schemas'));
    for (const file of zodFree) {
      expect(importsOf(readFileSync(file, 'utf8')).filter((specifier) => specifier.includes('schemas'))).toEqual([]);
    }
  });
});
