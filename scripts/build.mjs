// Bundles the CLI into one ESM file (STACK.md: ink's many small modules cost ~400 ms to load
// unbundled; one bundle loads in ~100 ms). Run by `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/kubedrill.mjs',
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
