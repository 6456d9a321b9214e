#!/usr/bin/env node
/* global process, console */
// Builds the single executable (Node.js SEA): bundles the compiled CLI into one CommonJS file
// with esbuild, makes the SEA blob with `node --experimental-sea-config`, and injects it into a
// copy of this node binary with postject. Output: dist/sea/rampart (and kubectl-rampart, the krew archive and manifest).
// Run `npm run build` first (npm run build:sea does).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` builds elsewhere (the test builds into a temporary folder).
const outFlag = process.argv.indexOf('--out');
const out = outFlag === -1 ? path.join(root, 'dist', 'sea') : path.resolve(process.argv[outFlag + 1]);
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const started = Date.now();
await build({
  entryPoints: [path.join(root, 'bin/rampart.js')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: path.join(out, 'rampart.cjs'),
  // import.meta.url has no meaning in a CommonJS bundle; point it at the executable.
  define: { 'import.meta.url': '__rampartImportMetaUrl' },
  banner: { js: `const __rampartImportMetaUrl = require("node:url").pathToFileURL(process.execPath).href; globalThis.__RAMPART_VERSION__ = ${JSON.stringify(version)};` },
  logLevel: 'warning',
  plugins: [
    {
      // Optional helpers that ws, node-fetch, pg and the CycloneDX library (XML output and validation
      // plugins) try to load inside try/catch: absent here,
      // so they become modules that throw, exactly as when they are not installed (and the SEA
      // runtime does not warn about requiring files from disk).
      name: 'absent-optional-modules',
      setup(b) {
        b.onResolve({ filter: /^(bufferutil|utf-8-validate|encoding|xmlbuilder2|libxmljs2|ajv-formats-draft2019|xmllint-wasm|pg-native)$/ }, (args) => ({ path: args.path, namespace: 'absent' }));
        b.onLoad({ filter: /.*/, namespace: 'absent' }, (args) => ({ contents: `throw Object.assign(new Error("Cannot find module '${args.path}'"), { code: 'MODULE_NOT_FOUND' });`, loader: 'js' }));
      },
    },
    {
      // The version is read from package.json at run time in a normal install; here it is fixed at build time.
      name: 'fixed-version',
      setup(b) {
        b.onLoad({ filter: /[\\/]dist[\\/]cli[\\/]version\.js$/ }, () => ({ contents: `export function toolVersion() { return ${JSON.stringify(version)}; }`, loader: 'js' }));
      },
    },
  ],
});

// The data files the code reads through src/core/package-files.ts become SEA assets, with an index
// of their names (the executable has no folders to list).
const assets = {};
const addTree = (rel) => {
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const key = `${rel}/${entry.name}`;
    if (entry.isDirectory()) addTree(key);
    else assets[key] = path.join(root, key);
  }
};
addTree('data');
addTree('frameworks');
assets['vendor/chart.umd.min.js'] = path.join(root, 'node_modules/chart.js/dist/chart.umd.min.js');
const index = path.join(out, 'sea-assets.json');
writeFileSync(index, JSON.stringify(Object.keys(assets)));
assets['sea-assets.json'] = index;
const config = path.join(out, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main: path.join(out, 'rampart.cjs'), output: path.join(out, 'sea-prep.blob'), disableExperimentalSEAWarning: true, assets }));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
const exe = path.join(out, 'rampart');
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
execFileSync(process.execPath, [path.join(root, 'node_modules/postject/dist/cli.js'), exe, 'NODE_SEA_BLOB', path.join(out, 'sea-prep.blob'), '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { stdio: 'inherit' });
copyFileSync(exe, path.join(out, 'kubectl-rampart'));
chmodSync(path.join(out, 'kubectl-rampart'), 0o755);
// The krew archive and its manifest, with the archive's sha256 filled in.
const platform = `${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}`;
const archive = path.join(out, `rampart-${platform}.tar.gz`);
execFileSync('tar', ['-czf', archive, '-C', out, 'kubectl-rampart']);
const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
writeFileSync(path.join(out, 'krew-rampart.yaml'), readFileSync(path.join(root, 'deploy/krew/rampart.yaml'), 'utf8').replace('@SHA256_LINUX_AMD64@', sha256));
console.log(`${path.relative(process.cwd(), exe)} ${version} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
