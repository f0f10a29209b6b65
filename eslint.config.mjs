// Flat config. The layer rules of DESIGN §1 are enforced here, not by discipline:
//   src/aws, src/shared and every feature's engine/ or model/ folder never import 'vscode' (and an engine/ or
//   model/ folder imports nothing of its feature's VS Code side); the webview imports only src/shared;
//   feature folders do not reach into each other.
import tseslint from 'typescript-eslint';

const vscodeBan = { name: 'vscode', message: 'src/aws and src/shared must not depend on VS Code (DESIGN §1).' };
const featureFolders = ['explorer', 'metrics', 'logs', 'connection'];

/** Forbids one feature folder from importing another's internals. */
const featureIsolation = featureFolders.map((feature) => ({
  files: [`src/${feature}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: featureFolders
          .filter((other) => other !== feature)
          .map((other) => ({ group: [`../${other}/*`, `../../${other}/*`], message: `Feature folders share through src/shared or an injected service, not src/${other} (DESIGN §1).` })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  ...featureIsolation,
  {
    files: ['src/aws/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscodeBan], patterns: [{ group: ['../explorer/*', '../metrics/*', '../logs/*', '../connection/*', '../core/*', '../extension'], message: 'src/aws and src/shared sit below the feature folders (DESIGN §1).' }] }],
    },
  },
  {
    files: ['src/*/engine/**/*.ts', 'src/*/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'engine/ and model/ folders must not depend on VS Code (DESIGN §1).' }],
          patterns: [{ regex: '^\\.\\./(?!\\.\\./shared/)', message: 'engine/ and model/ folders import only their own folder and src/shared (DESIGN §1).' }],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview runs in a browser and talks to the host only by messages.' }],
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!shared/)',
              message: 'The webview may import only src/shared (DESIGN §1).',
            },
            { group: ['node:*'], message: 'The webview runs in a browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);
