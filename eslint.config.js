// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Process boundaries of ARCHITECTURE.md, enforced on resolved paths (not on import strings,
 * which `../../` games could dodge).
 */
const boundaries = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        {
          target: './shared',
          from: ['./main', './preload', './renderer', './simulators', './tests'],
          message: 'shared/ is pure TypeScript and imports nothing of ours.',
        },
        {
          target: ['./renderer', './preload'],
          from: ['./main', './simulators', './tests'],
          message: 'renderer/ and preload/ import only shared/.',
        },
        { target: './renderer', from: './preload', message: 'renderer/ imports only shared/.' },
        { target: './preload', from: './renderer', message: 'preload/ imports only shared/.' },
        {
          target: './main',
          from: ['./renderer', './preload', './tests'],
          message: 'main/ never imports renderer/, preload/ or tests/.',
        },
        {
          // Training mode is the one place where the app runs the simulators in-process.
          target: ['./main/!(training)/**/*', './main/*.ts'],
          from: './simulators',
          message: 'Only main/training/ may start simulators; the rest of main/ is configured, not simulated.',
        },
        {
          target: './simulators',
          from: ['./main', './renderer', './preload'],
          message: 'Simulators implement the other side from the spec: never from our client code.',
        },
      ],
    },
  ],
};

/** Only these files may touch Electron (ARCHITECTURE.md). */
const ELECTRON_ALLOWED = [
  'main/index.ts',
  'main/ipc/electron*.ts',
  'main/update/**/*.ts',
  'main/store/keys/electron*.ts',
  'preload/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      '.tmp/**',
      '.toolchain/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': {
        typescript: { project: ['./tsconfig.node.json', './tsconfig.web.json'], noWarnOnMultipleProjects: true },
        node: true,
      },
    },
    rules: {
      ...boundaries,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'import-x/no-cycle': 'error',
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'A focused suite hides the rest.' },
        { object: 'it', property: 'only', message: 'A focused test hides the rest.' },
        { object: 'test', property: 'only', message: 'A focused test hides the rest.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only the Electron entry, IPC transport, updater and key adapter import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ELECTRON_ALLOWED,
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches main only through window.dmp.' },
            { name: 'ws', message: 'The renderer uses the browser WebSocket through the transport adapter.' },
          ],
          patterns: [{ group: ['node:*'], message: 'No Node in the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'react', 'react-dom', 'ws'],
              message: 'shared/ is pure: no Node, no DOM, no framework.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'simulators/**/*.ts', 'tests/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['main/browser-harness.ts', 'simulators/cli/**/*.ts', 'tests/bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
