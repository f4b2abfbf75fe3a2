// Builds the extension for both browsers from one source manifest.
//   node scripts/build.mjs         -> dist/firefox, dist/chrome and a zip for each store
//   node scripts/build.mjs --dev   -> dist/dev-firefox, dist/dev-chrome, also matching the local fake CI
import { build } from 'vite';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
const skipZip = process.argv.includes('--no-zip');
const stage = resolve(root, 'dist', dev ? '.stage-dev' : '.stage');
const define = {
  __CIT_DEV__: JSON.stringify(dev),
  'process.env.NODE_ENV': JSON.stringify('production'),
};
// taskcluster-lib-scopes requires Node's `assert`; browsers get a two-line stand-in.
const quiet = {
  logLevel: 'warn',
  configFile: false,
  resolve: { alias: { assert: resolve(root, 'platform/assert-shim.cjs') } },
};

await rm(stage, { recursive: true, force: true });

// 1. Pages and background: ES modules sharing chunks (background is `type: module` in both browsers).
await build({
  ...quiet,
  root,
  base: './',
  publicDir: resolve(root, 'public'),
  define,
  build: {
    outDir: stage,
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        popup: resolve(root, 'popup/popup.html'),
        options: resolve(root, 'options/options.html'),
        ...Object.fromEntries(
          ['waste', 'artifacts', 'revisions'].map((page) => [`report-${page}`, resolve(root, `report/${page}.html`)]),
        ),
        background: resolve(root, 'background/index.ts'),
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});

// 2. Content script: one classic IIFE with no imports (content scripts cannot be modules).
await build({
  ...quiet,
  root,
  publicDir: false,
  define,
  build: {
    outDir: stage,
    emptyOutDir: false,
    minify: false,
    cssCodeSplit: false,
    lib: {
      entry: resolve(root, 'content/index.ts'),
      formats: ['iife'],
      name: 'ciToolsContent',
      fileName: () => 'content.js',
      cssFileName: 'content',
    },
  },
});

// 3. One manifest per browser, derived from the single source manifest.json.
const source = JSON.parse(await readFile(resolve(root, 'manifest.json'), 'utf8'));
const pkg = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8'));
source.version = pkg.version;
if (dev) {
  // The development build also runs against the local fake CI. Never shipped to a store.
  const local = ['http://127.0.0.1/*', 'http://localhost/*'];
  source.name += ' (dev)';
  source.host_permissions.push(...local);
  source.content_scripts[0].matches.push('http://127.0.0.1/jobs*', 'http://localhost/jobs*');
}

for (const browserName of ['firefox', 'chrome']) {
  const manifest = structuredClone(source);
  if (browserName === 'firefox') {
    // Firefox runs the background as an event page from `scripts`; `service_worker` would only warn.
    delete manifest.background.service_worker;
  } else {
    delete manifest.background.scripts;
    delete manifest.browser_specific_settings;
  }
  const out = resolve(root, 'dist', `${dev ? 'dev-' : ''}${browserName}`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await cp(stage, out, { recursive: true });
  await writeFile(resolve(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  if (!dev && !skipZip) {
    const zipName = `treeherder-ci-tools-${browserName}-${pkg.version}.zip`;
    execFileSync(
      resolve(root, 'node_modules/.bin/web-ext'),
      [
        'build',
        '--source-dir',
        out,
        '--artifacts-dir',
        resolve(root, 'dist'),
        '--filename',
        zipName,
        '--overwrite-dest',
      ],
      { stdio: 'ignore' },
    );
  }
  console.log(`built ${out}`);
}
await rm(stage, { recursive: true, force: true });
