/**
 * Compiles instance-worker.ts to plain JavaScript. A worker thread is started by plain Node, which cannot load
 * TypeScript whether the emulator runs under tsx, jest or compiled, so the entry is bundled once per build folder.
 */
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';

const scripts = new Map<string, Promise<string>>();

export function instanceWorkerScript(buildDir: string): Promise<string> {
  let script = scripts.get(buildDir);
  if (!script) {
    script = compile(path.join(buildDir, 'instance-worker.js'));
    script.catch(() => scripts.delete(buildDir));
    scripts.set(buildDir, script);
  }
  return script;
}

async function compile(outfile: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'instance-worker.ts')],
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no instance worker');
  await mkdir(path.dirname(outfile), { recursive: true });
  await writeFileAtomic(outfile, output.contents);
  return outfile;
}
