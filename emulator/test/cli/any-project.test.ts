/**
 * The emulator as a tool for any CloudBase project: the `cloudbase-emulator` bin, started outside this repository
 * on a tiny plain-JS project (emulator/test/fixtures/tiny-project), seeds it, runs its function, serves its static
 * site and HTTP route, prints the ready banner, and after a restart keeps both the data and the virtual clock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(90_000);

const bin = path.resolve(__dirname, '../../bin/cloudbase-emulator.js');
const project = path.resolve(__dirname, '../fixtures/tiny-project');
const DAY_MS = 86_400_000;

interface Running {
  child: ChildProcess;
  url: string;
  banner: string[];
  stop(): Promise<number | null>;
}

/** Spawns the bin from a folder outside the repository and resolves once the banner has been printed. */
function startBin(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: os.tmpdir(),
    env: { ...process.env, CLOUDBASE_EMULATOR_PORT: '' },
  });
  let output = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before it was ready:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (ready) return;
      const lines = output.split('\n');
      const readyAt = lines.findIndex((line) => line.startsWith('emulator ready '));
      if (readyAt === -1 || !lines.slice(readyAt).some((line) => line.trim().startsWith('data folder'))) return;
      ready = true;
      child.removeAllListeners('exit');
      resolve({
        child,
        url: (lines[readyAt] as string).slice('emulator ready '.length).trim(),
        banner: lines.slice(readyAt),
        stop: () =>
          new Promise((done) => {
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

async function json(url: string, init?: { method: string; body?: unknown }): Promise<any> {
  const response = await fetch(url, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json() };
}

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tiny-project-data-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('the bin runs another project, and a restart keeps its data and its clock', async () => {
  const first = await startBin([
    '--project',
    project,
    '--port',
    '0',
    '--data',
    dataDir,
    '--seed-on-first-start',
    '--no-timers',
  ]);
  try {
    const table = first.banner.join('\n');
    expect(table).toContain(`wire endpoint   ${first.url}/admin`);
    expect(table).toMatch(/functions\s+1 from .*tiny-project\/cloudfunctions/);
    expect(table).toContain('addNote/nightly (0 0 2 * * * *)');
    expect(table).toContain(`${first.url}/notes -> addNote`);
    expect(table).toMatch(/static hosting\s+.*tiny-project\/public/);
    expect(table).toContain(`data folder     ${dataDir}`);

    const page = await fetch(`${first.url}/index.html`);
    expect(await page.text()).toContain('tiny project');
    expect((await json(`${first.url}/_emulator/db/notes`)).body.data.map((note: { _id: string }) => note._id)).toEqual([
      'welcome',
    ]);

    const jumped = (await json(`${first.url}/_emulator/clock`, { method: 'POST', body: { advanceMs: 30 * DAY_MS } }))
      .body.now;
    const call = await json(`${first.url}/_emulator/functions/addNote`, {
      method: 'POST',
      body: { data: { text: 'after the jump' }, openid: 'o-tiny' },
    });
    expect(call.status).toBe(200);
    expect(call.body.result).toMatchObject({ text: 'after the jump', owner: 'o-tiny' });
    expect(Date.parse(call.body.result.at)).toBeGreaterThanOrEqual(jumped);
  } finally {
    expect(await first.stop()).toBe(0);
  }

  const second = await startBin([
    '--project',
    project,
    '--port',
    '0',
    '--data',
    dataDir,
    '--seed-on-first-start',
    '--no-timers',
  ]);
  try {
    const { now } = (await json(`${second.url}/_emulator/clock`)).body;
    const notes = (await json(`${second.url}/_emulator/db/notes`)).body.data as Array<{
      text: string;
      at: { $date: string };
    }>;
    // Seeded once only; the note written after the jump is still there, as is the one the nightly timer wrote
    // when the jump crossed 02:00 (with --no-timers, jumps still fire the timers they pass)...
    expect(notes.map((note) => note.text).sort()).toEqual(['after the jump', 'empty', 'hello']);
    // ...and not dated in the future: the clock came back with its 30-day offset.
    const written = notes.find((note) => note.text === 'after the jump') as { at: { $date: string } };
    expect(Date.parse(written.at.$date)).toBeLessThanOrEqual(now);
    expect(now).toBeGreaterThanOrEqual(Date.now() + 29 * DAY_MS);
  } finally {
    expect(await second.stop()).toBe(0);
  }
});

test('--help lists the flags another project needs', async () => {
  const child = spawn(process.execPath, [bin, '--help'], { cwd: os.tmpdir() });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  for (const flag of ['--project', '--functions', '--data', '--port', '--schema', '--seed', '--static', '--watch'])
    expect(text).toContain(flag);
});
