import type * as Backend from './backend';

let loaded: Promise<typeof Backend> | undefined;

/**
 * The SDK side of the extension, loaded on first use. A plain `require` (not `import()`) so every
 * extension host loads it the same way; the build maps it to the separate bundle `dist/aws-backend.js`.
 */
export function loadBackend(): Promise<typeof Backend> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= Promise.resolve().then(() => require('./backend') as typeof Backend);
  return loaded;
}
