// Bundles the extension (Node, CommonJS, `vscode` external) and the webview pages (browser) with esbuild.
// Type-checking is separate: `npm run typecheck`.
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
};

/** The AWS SDK side (src/aws/backend.ts) is its own bundle, loaded on first use: see that file. */
const awsBackendApart = {
  name: 'aws-backend-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/backend$/ }, (args) =>
      args.importer.endsWith(`src${path.sep}aws${path.sep}loadBackend.ts`) ? { path: './aws-backend.js', external: true }
        : undefined,
    );
  },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', 'aws-backend': 'src/aws/backend.ts' },
    plugins: [awsBackendApart],
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // The AWS SDK ships ESM and CJS; prefer its Node (CJS) entry points.
    mainFields: ['main', 'module'],
  },
  {
    ...common,
    entryPoints: { metrics: 'webview/metrics/main.ts', insights: 'webview/insights/main.ts', compare: 'webview/compare/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

/** Files the webviews load from node_modules (codicons); copied so localResourceRoots stays dist/webview + media. */
function copyWebviewAssets() {
  mkdirSync('dist/webview', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(path.join('node_modules/@vscode/codicons/dist', file), path.join('dist/webview', file));
  }
}

function report(result) {
  for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) {
      console.log(`  ${file.padEnd(32)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
    }
  }
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [{ name: 'report', setup: (b) => b.onEnd((r) => r.errors.length || console.log(`[watch] built ${Object.keys(options.entryPoints)}`)) }],
    });
    await ctx.watch();
  }
  copyWebviewAssets();
  console.log('[watch] watching for changes…');
} else {
  // A clean output folder, so no stale bundle or source map from another mode ends up in the package.
  rmSync('dist', { recursive: true, force: true });
  const started = Date.now();
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  copyWebviewAssets();
  console.log(`built ${production ? 'production' : 'development'} bundles in ${Date.now() - started} ms`);
  results.forEach(report);
  const size = statSync('dist/extension.js').size;
  if (production && size > 1.5 * 1024 * 1024) {
    console.warn(`warning: dist/extension.js is ${(size / 1048576).toFixed(2)} MB (target < 1.5 MB)`);
  }
}
