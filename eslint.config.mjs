// ESLint for every TypeScript file of the project. typescript-eslint's recommended rules (syntax only, so a lint
// of the whole tree stays fast on two cores) plus import-x/no-cycle: an import cycle between modules is how the
// layers of the server erode, so a new one fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/miniprogram_npm/**',
      '.cloudbase-local/**',
      'test-artifacts/**',
      'coverage/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Tests, fixtures and benchmarks read untyped HTTP answers and reach into SDK internals on purpose; `any` there
    // says "whatever came back", and the assertions that follow check it.
    files: ['**/test/**', '**/_tests/**', '**/bench/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
