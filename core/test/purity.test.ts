/**
 * The core must stay pure: no platform SDK, no I/O modules, no clock, no randomness. This scans the
 * source text of every core/src file, so it also catches what a type checker would happily accept.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

const SRC = join(__dirname, '..', 'src');

const FORBIDDEN_MODULES = [
  'wx-server-sdk',
  '@cloudbase/node-sdk',
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'child_process',
  'worker_threads',
];

const FORBIDDEN_CALLS: [RegExp, string][] = [
  [/\bDate\s*\.\s*now\s*\(/, 'Date.now()'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date() without an argument'],
  [/\bMath\s*\.\s*random\s*\(/, 'Math.random()'],
  [/\bperformance\s*\.\s*now\s*\(/, 'performance.now()'],
  [/\bprocess\s*\.\s*hrtime\b/, 'process.hrtime'],
  [/\bcrypto\s*\.\s*(randomUUID|randomBytes|getRandomValues)\s*\(/, 'crypto randomness'],
];

/** Drops comments (so prose may mention Date.now()) but keeps string literals, which are code. */
function stripComments(source: string): string {
  return source.replace(/("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, literal) =>
    literal ? match : ' ',
  );
}

export function findImpurities(source: string): string[] {
  const code = stripComments(source);
  const problems: string[] = [];
  const specifiers = /(?:\bimport\s[^'"`;]*?\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bexport\s[^'"`;]*?\bfrom\s*)(['"`])([^'"`]+)\1/g;
  for (const match of code.matchAll(specifiers)) {
    const specifier = (match[2] as string).replace(/^node:/, '');
    if (FORBIDDEN_MODULES.some((m) => specifier === m || specifier.startsWith(`${m}/`))) problems.push(`imports ${match[2]}`);
  }
  for (const [pattern, label] of FORBIDDEN_CALLS) if (pattern.test(code)) problems.push(`calls ${label}`);
  return problems;
}

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
