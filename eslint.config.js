// Lint, and above all the process boundaries. Do not relax the boundary rules:
// they are what keeps the renderer away from Node and the core away from Electron.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const noElectron = { name: 'electron', message: 'Core services run under plain Node: only src/main/index.ts and src/main/shell/ may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**', 'test-results/**', '.bench-cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports Electron: use the bridge (src/renderer/src/api).' }, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer never imports Node.' }))],
          patterns: [
            { group: ['**/main/**', '**/main', '**/preload/**', '**/cli/**', '**/web/**'], message: 'The renderer reaches the core only through the bridge and src/shared.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Untrusted text is rendered as text only.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Untrusted text is rendered as text only.' },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'Untrusted text is rendered as text only.' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\./)', message: 'src/shared imports only pure packages (zod) and other shared modules.' },
          ],
        },
      ],
    },
  },
  {
    // The contract's fragments sit one folder down: they may reach src/shared's own modules (`../x.ts`), nothing further.
    files: ['src/shared/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\./|\\.\\./[^./][^/]*$)', message: 'src/shared imports only pure packages (zod) and other shared modules.' },
          ],
        },
      ],
    },
  },
  {
    // Shared text handling (safe Markdown tree, invisible characters), used by the renderer and the core's dossier:
    // src/shared's own modules and the pure Markdown parser packages.
    files: ['src/shared/text/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|mdast$|mdast-util-from-markdown$|mdast-util-gfm$|micromark-extension-gfm$|micromark-util-types$|\\./|\\.\\./[^./][^/]*$)',
              message: 'src/shared/text imports only pure packages (zod, the Markdown parser) and other shared modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts', 'src/web/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: ['**/renderer/**', '**/preload/**', '**/shell/**'], message: 'Core services do not depend on the shell, the preload or the renderer.' }],
        },
      ],
    },
  },
  {
    // The core's layers (eslint/layers.js): store → shared services → session → features → api → core → shell.
    files: ['src/main/**/*.ts'],
    plugins: { iblagh: layers },
    rules: { 'iblagh/layers': 'error' },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'A sandboxed preload has no Node.' })),
          patterns: [{ group: ['**/main/**', '**/renderer/**', '**/cli/**', '**/web/**'], message: 'The preload imports only electron and src/shared.' }],
        },
      ],
    },
  },
);
