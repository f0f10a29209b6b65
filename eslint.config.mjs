// Flat config. The layer rules of DESIGN §1 are enforced here, not by discipline, as zones over resolved
// file paths (import-x/no-restricted-paths), so a path spelt any way is caught:
//   src/aws and src/shared sit below the features and src/platform; every feature's engine/ or model/ folder
//   imports only itself and src/shared; feature folders do not import each other; the webview imports only
//   src/shared. Module names (`vscode`, Node built-ins) are banned with no-restricted-imports.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const FEATURES = ['explorer', 'metrics', 'logs', 'connection', 'insights', 'notifications'];
/** VS Code plumbing several features use. */
const PLATFORM = 'platform';
const dir = (name) => `./src/${name}`;
const zone = (target, from, message, except) => ({ target, from, message: `${message} (DESIGN §1).`, ...(except ? { except } : {}) });

const zones = [
  ...['aws', 'shared'].map((low) =>
    zone(dir(low), [...FEATURES.map(dir), dir(PLATFORM), './src/extension.ts'], `src/${low} sits below the feature folders and src/${PLATFORM}`),
  ),
  ...FEATURES.flatMap((feature) =>
    ['engine', 'model'].flatMap((sub) => [
      zone(dir(`${feature}/${sub}`), dir(feature), `src/${feature}/${sub} imports only its own folder and src/shared, not its feature's VS Code side`, [`./${sub}`]),
      zone(dir(`${feature}/${sub}`), [...FEATURES.filter((f) => f !== feature).map(dir), dir('aws'), dir(PLATFORM), './src/extension.ts'], `src/${feature}/${sub} imports only its own folder and src/shared`),
    ]),
  ),
  ...FEATURES.map((feature) =>
    zone(dir(feature), FEATURES.filter((f) => f !== feature).map(dir), `Feature folders share through src/shared, src/${PLATFORM} or an injected service, not each other`),
  ),
  zone('./webview', './src', 'The webview may import only src/shared', ['./shared']),
];

const vscodeBan = (message) => ({ name: 'vscode', message: `${message} (DESIGN §1).` });

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
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }] },
  },
  {
    files: ['src/aws/**/*.ts', 'src/shared/**/*.ts', 'src/*/engine/**/*.ts', 'src/*/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeBan('src/aws, src/shared and engine/ and model/ folders must not depend on VS Code')] }] },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeBan('The webview runs in a browser and talks to the host only by messages')],
          patterns: [{ group: ['node:*'], message: 'The webview runs in a browser: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);
