import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  compileFunctionRules,
  findFunctionRulesFile,
  FunctionRulesError,
  loadFunctionRules,
} from '../../src/functions/security-rules';
import type { Caller } from '../../src/types';

const shopper: Caller = { source: 'wx_client', openid: 'o-S' };
const anonymous: Caller = { source: 'wx_client' };

test('rules bind client calls only: false refuses, "auth != null" needs an openid, "*" is the fallback', () => {
  const rules = compileFunctionRules({
    '*': { invoke: 'auth != null' },
    payCallback: { invoke: false },
    open: { invoke: true },
  });
  expect(rules.allows('shop', shopper)).toBe(true);
  expect(rules.allows('shop', anonymous)).toBe(false);
  expect(rules.allows('open', anonymous)).toBe(true);
  expect(rules.allows('payCallback', shopper)).toBe(false);
  for (const source of ['wx_paycallback', 'wx_trigger', 'wx_http', 'scf'] as const) {
    expect(rules.allows('payCallback', { source, openid: 'o-S' })).toBe(true);
  }
});

test('a rule the emulator does not understand stops it instead of opening the function', () => {
  expect(() => compileFunctionRules({ payCallback: { invoke: 'auth.openid == "o-1"' } })).toThrow(FunctionRulesError);
  expect(() => compileFunctionRules({ payCallback: {} })).toThrow(FunctionRulesError);
  expect(() => compileFunctionRules([])).toThrow(FunctionRulesError);
});

test("the file is found in the functions folder or beside cloudbaserc.json; none means CloudBase's default", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rules-'));
  const functionsDir = path.join(dir, 'functions');
  expect(findFunctionRulesFile({ functionsDir, cloudbasercPath: path.join(dir, 'cloudbaserc.json') })).toBeUndefined();
  expect(loadFunctionRules(undefined).allows('any', anonymous)).toBe(false);
  writeFileSync(path.join(dir, 'security-rules.json'), JSON.stringify({ x: { invoke: false } }));
  const found = findFunctionRulesFile({ functionsDir, cloudbasercPath: path.join(dir, 'cloudbaserc.json') });
  expect(found).toBe(path.join(dir, 'security-rules.json'));
  expect(loadFunctionRules(found).allows('x', shopper)).toBe(false);
  expect(() => loadFunctionRules(path.join(dir, 'missing.json'))).toThrow(FunctionRulesError);
});
