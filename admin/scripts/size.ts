/**
 * `npm run size:admin`: builds the admin page for production and prints the gzip size of the JS and CSS the first
 * page load fetches (what index.html references: the entry, its preloaded chunks and stylesheets), as
 * `admin.bundleKb=<n>`. Screens, charts and their components are lazy chunks and not counted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const adminRoot = path.resolve(__dirname, '..');

export function initialAssets(indexHtml: string): string[] {
  const found = [...indexHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1] as string,
  );
  return [...new Set(found)];
}

export function gzipBytes(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length;
}

async function main(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(adminRoot, 'vite.config.mts'), logLevel: 'warn' });
  const dist = path.join(adminRoot, 'dist');
  const assets = initialAssets(readFileSync(path.join(dist, 'index.html'), 'utf8'));
  if (assets.length === 0) throw new Error('index.html references no JS or CSS: is the build broken?');
  let total = 0;
  for (const asset of assets) {
    const size = gzipBytes(readFileSync(path.join(dist, asset)));
    total += size;
    process.stderr.write(`  ${asset}  ${(size / 1024).toFixed(1)} kB gzip\n`);
  }
  process.stdout.write(`admin.bundleKb=${(total / 1024).toFixed(1)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
