/**
 * The purity scanner shared by the core's and the contract's purity tests: forbidden modules (platform SDKs, I/O)
 * and forbidden calls (clock, randomness), read from source text so it also catches what a type checker accepts.
 */
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
  return source.replace(
    /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (match, literal) => (literal ? match : ' '),
  );
}

export function findImpurities(source: string): string[] {
  const code = stripComments(source);
  const problems: string[] = [];
  const specifiers =
    /(?:\bimport\s[^'"`;]*?\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|\bexport\s[^'"`;]*?\bfrom\s*)(['"`])([^'"`]+)\1/g;
  for (const match of code.matchAll(specifiers)) {
    const specifier = (match[2] as string).replace(/^node:/, '');
    if (FORBIDDEN_MODULES.some((m) => specifier === m || specifier.startsWith(`${m}/`)))
      problems.push(`imports ${match[2]}`);
  }
  for (const [pattern, label] of FORBIDDEN_CALLS) if (pattern.test(code)) problems.push(`calls ${label}`);
  return problems;
}
