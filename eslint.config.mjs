import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins do not belong here.' };
const electronModule = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'test-results/', 'playwright-report/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronModule], patterns: [nodeBuiltins, { group: ['**/electron/**', '**/renderer/**', '**/platform/**'], message: 'shared/ depends on nothing but itself.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronModule], patterns: [nodeBuiltins, { group: ['**/electron/**', '**/platform/**'], message: 'The renderer reaches the core only through src/api.' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='assay']", message: 'Only renderer/src/api touches window.assay.' }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'platform/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronModule] }] },
  },
);
