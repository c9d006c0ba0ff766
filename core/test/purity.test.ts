/**
 * The core must stay pure: no platform SDK, no I/O modules, no clock, no randomness. This scans the
 * source text of every core/src file, so it also catches what a type checker would happily accept.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { findImpurities } from './purity-scanner';

const SRC = join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('core purity', () => {
  const files = sourceFiles(SRC);

  it('scans the whole core', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))('%s has no I/O, clock or randomness', (_name, file) => {
    expect(findImpurities(readFileSync(file, 'utf8'))).toEqual([]);
  });

  describe('the scanner itself', () => {
    it.each([
      [`import * as cloud from 'wx-server-sdk';`, 'imports wx-server-sdk'],
      [`import { readFileSync } from "fs";`, 'imports fs'],
      [`import { readFile } from 'node:fs/promises';`, 'imports node:fs/promises'],
      [`const http = require('http');`, 'imports http'],
      [`import type { Agent } from 'https';`, 'imports https'],
      [`const cp = await import('child_process');`, 'imports child_process'],
      [`export { connect } from 'net';`, 'imports net'],
      [`import 'fs';`, 'imports fs'],
      [`const t = Date.now();`, 'calls Date.now()'],
      [`const d = new Date();`, 'calls new Date() without an argument'],
      [`const x = Math.random() * 10;`, 'calls Math.random()'],
    ])('catches %s', (snippet, problem) => {
      expect(findImpurities(snippet)).toContain(problem);
    });

    it('allows what is pure, and ignores comments', () => {
      expect(
        findImpurities(`
          // never call Date.now() or Math.random() in here
          /* import fs from 'fs' */
          import { z } from 'zod';
          import { fen } from './money';
          const at = new Date(now);
          const note = 'fs is not imported';
        `),
      ).toEqual([]);
    });
  });
});
