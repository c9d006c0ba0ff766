import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fillEnvPlaceholders, loadCloudbasercFunctions } from '../../src/functions/cloudbaserc';
import { validTimerTriggers } from '../../src/functions/function-config';

describe('cloudbaserc.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cloudbaserc-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fills {{env.X}} from the environment, missing ones as empty strings', () => {
    expect(fillEnvPlaceholders('id={{env.MCH_ID}}, key={{ env.NOPE }}', { MCH_ID: '42' })).toBe('id=42, key=');
  });

  it('reads timeout, memory, env variables and triggers per function', () => {
    const file = path.join(dir, 'cloudbaserc.json');
    const rc = {
      version: '2.0',
      functions: [
        { name: 'pay', timeout: 20, memorySize: 512, envVariables: { MCH: '{{env.SETTINGS_TEST_MCH}}', N: 3 } },
        { name: 'bare' },
        { timeout: 9 },
      ],
    };
    writeFileSync(file, JSON.stringify(rc));
    process.env.SETTINGS_TEST_MCH = 'quote"inside';
    const settings = loadCloudbasercFunctions(file);
    expect([...settings.keys()]).toEqual(['pay', 'bare']);
    expect(settings.get('pay')).toEqual({
      timeoutSeconds: 20,
      memorySizeMb: 512,
      envVariables: { MCH: 'quote"inside', N: '3' },
      triggers: [],
    });
    expect(settings.get('bare')).toEqual({
      timeoutSeconds: undefined,
      memorySizeMb: undefined,
      envVariables: {},
      triggers: [],
    });
  });

  it('is optional', () => {
    expect(loadCloudbasercFunctions(path.join(dir, 'missing.json')).size).toBe(0);
    expect(loadCloudbasercFunctions(undefined).size).toBe(0);
  });
});

describe('timer triggers', () => {
  it('keeps 7-field timer triggers and reports the rest', () => {
    const rejected: string[] = [];
    const triggers = validTimerTriggers(
      [
        { name: 'daily', type: 'timer', config: ' 0 0 3 * * * * ' },
        { name: 'short', type: 'timer', config: '0 0 3 * * *' },
        { name: 'other', type: 'cos', config: '0 0 3 * * * *' },
        'nonsense',
      ],
      (_trigger, reason) => rejected.push(reason),
    );
    expect(triggers).toEqual([{ name: 'daily', type: 'timer', config: '0 0 3 * * * *' }]);
    expect(rejected).toHaveLength(3);
  });
});
