// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Every Node built-in, bare and with `node:` (`fs`, `fs/promises`, `node:path`…).
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'test/fixtures/**',
      'sample-site/**',
      'sample-blog/**',
      'src/service/schema/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The language service is pure: it runs in Node, in a web worker and in a language server alike.
    files: ['src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', ...nodeBuiltins],
          patterns: [
            {
              group: ['node:*'],
              message: 'The service must not use Node built-ins; ask the host through the workspace.',
            },
            {
              // From any depth of the service: `../node/…`, `../../cli/…`.
              group: ['**/node/*', '**/cli/*', '**/vscode/*', '**/host/*', '**/server/*'],
              message: 'The service must not depend on its hosts or adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // The host layer runs where the service runs, and beside every adapter.
    files: ['src/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', ...builtinModules],
          patterns: [
            {
              group: ['node:*'],
              message:
                'The host layer must not use Node built-ins; the adapter passes in how to reach files.',
            },
            {
              group: ['../vscode/*', '../cli/*', '../node/*'],
              message: 'The host layer must not depend on an adapter.',
            },
            {
              regex: '^\\.\\./service/(?!index$|types$|util/)',
              message: 'Import the service through src/service/index.ts (its types and util/ aside).',
            },
          ],
        },
      ],
      // Types only from the service's index: a value would bundle the whole service into the
      // VS Code extension's entry, which loads the service only when an article needs it.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./service/index$',
              allowTypeImports: true,
              message: 'Only types from the service here: the adapter hands in what the host must run.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.ts', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
