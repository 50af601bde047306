// Bundles the CLI into ESM with code splitting (STACK.md: ink's many small modules cost ~400 ms
// to load unbundled; bundled they load in ~100 ms). The entry holds what every command needs;
// each command and the TUI (ink, React) are chunks loaded on demand, so headless commands never
// load ink. Run by `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
