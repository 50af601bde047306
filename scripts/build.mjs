// Bundles the CLI into ESM with code splitting (STACK.md: ink's many small modules cost ~400 ms
// to load unbundled; bundled they load in ~100 ms). The entry holds what every command needs;
// each command and the TUI (ink, React) are chunks loaded on demand, so headless commands never
// load ink. Run by `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: { kubedrill: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': './scripts/empty.mjs' },
  banner: { js: "import { createRequire as __kdCreateRequire } from 'node:module'; const require = __kdCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The package's own scenarios, graders and exams, parsed and validated now (dist/catalog.json):
// the CLI loads a file from there while its text is unchanged, without parsing YAML at start-up.
const precompiler = 'dist/precompile.tmp.mjs';
try {
  await build({ entryPoints: ['src/scenario/precompile.ts'], outfile: precompiler, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const { precompileCatalog } = await import(pathToFileURL(resolve(precompiler)).href);
  const root = resolve('.');
  writeFileSync('dist/catalog.json', JSON.stringify(precompileCatalog(root, [join(root, 'scenarios'), join(root, 'graders')])));
} finally {
  rmSync(precompiler, { force: true });
}
