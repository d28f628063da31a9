// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Node built-ins in both spellings, for the renderer's layer rule. */
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

/** Values of node:http come from main/core/node-http.ts (its ES module facade costs ~45 ms of start-up). */
const NODE_HTTP_VALUES = {
  name: 'node:http',
  allowTypeImports: true,
  message:
    'Take node:http from main/core/node-http.ts: its ES module facade loads a second undici.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test/fixtures/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layer rule: the core is pure Node and knows nothing of its shells.
    files: ['main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'main/core is pure Node: no electron import (DESIGN.md).',
            },
            {
              name: 'electron-store',
              message: 'main/core is pure Node: settings storage lives in main/electron.',
            },
            NODE_HTTP_VALUES,
          ],
          patterns: [
            {
              group: ['electron/*', '@electron/*'],
              message: 'main/core is pure Node: no electron import.',
            },
            {
              group: ['**/main/electron/**', '**/electron/**', '../electron/*'],
              message: 'main/core may not import the Electron shell.',
            },
            {
              group: ['**/preload/**'],
              allowTypeImports: true,
              message: 'main/core may import only the CourierApi contract types from preload.',
            },
            { group: ['**/renderer/**'], message: 'main/core may not import renderer code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NODE_HTTP_VALUES] }] },
  },
  {
    // Layer rule: the renderer runs in a sandboxed page and reaches the core only through CourierApi.
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The renderer runs in a sandboxed page: no Node built-ins.',
          })),
          patterns: [
            {
              group: ['**/main/**', 'electron'],
              allowTypeImports: true,
              message: 'The renderer may only import types from main (the CourierApi contract).',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer's build config runs in Node (Vite), not in the page.
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
