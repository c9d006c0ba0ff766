/**
 * The mini program takes the contract through miniprogram_npm, as DevTools' 构建 npm would: one CommonJS file in
 * ES5 syntax that needs nothing else. This builds it into a temporary folder and loads it the way WeChat's module
 * system does (a function of `module`, `exports`, `require`), with a `require` that has nothing to give.
 */
import { parse } from 'acorn';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { buildLocalPackage, LOCAL_PACKAGES } from '../../miniprogram/scripts/build-npm';
import * as contract from '../src';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-npm-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

function loadLikeWeChat(file: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const requireNothing = (name: string) => {
    throw new Error(`miniprogram_npm/@shop/contract requires "${name}"`);
  };
  const wrapper = vm.runInNewContext(
    `(function (module, exports, require) {\n${fs.readFileSync(file, 'utf8')}\n})`,
    {},
    { filename: file },
  );
  wrapper(module, module.exports, requireNothing);
  return module.exports;
}

describe('@shop/contract in miniprogram_npm', () => {
  const file = buildLocalPackage('@shop/contract', LOCAL_PACKAGES['@shop/contract'] as string, outDir);

  it('lands where require("@shop/contract") resolves in a mini program', () => {
    expect(path.relative(outDir, file)).toBe(path.join('@shop', 'contract', 'index.js'));
  });

  it('is ES5 syntax', () => {
    expect(() => parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  it('needs no other module and exports the whole zod-free entry, working', () => {
    const built = loadLikeWeChat(file);
    const runtimeExports = Object.keys(contract)
      .filter((key) => key !== '__esModule')
      .sort();
    expect(
      Object.keys(built)
        .filter((key) => key !== '__esModule')
        .sort(),
    ).toEqual(runtimeExports);
    const { formatFen, parseYuan, chinaDate, messageFor } = built as unknown as typeof contract;
    expect(formatFen(1990)).toBe('¥19.90');
    expect(parseYuan('￥１９.９')).toBe(1990);
    expect(parseYuan('12.')).toBeNull();
    expect(chinaDate(Date.UTC(2025, 9, 9, 16))).toBe('2025-10-10');
    expect(messageFor('NETWORK')).toBe(contract.ERROR_MESSAGES.NETWORK);
    expect((built as unknown as typeof contract).CENTER_STATUS_TEXT).toEqual(contract.CENTER_STATUS_TEXT);
  });

  it('refuses to ship anything that reaches outside the package (zod stays on the server)', () => {
    expect(() =>
      buildLocalPackage('@shop/contract-schemas', path.join(__dirname, '..', 'src', 'schemas', 'index.ts'), outDir),
    ).toThrow(/zod/);
  });
});
