// Bundles the two entry points users load, the CLI (dist/cli/main.js) and the SDK
// (dist/sdk/index.js), over the per-module files tsc wrote, so that starting Palisade loads a few
// files instead of about a thousand. Resolving and linking that many ES modules took about 0.3 s
// of every command on this machine, half of scanning the bundled example.
//
// What stays outside the bundle: better-sqlite3 (a native addon, loaded from its package) and
// @kubernetes/client-node (imported only when a command talks to a cluster). The type
// declarations and every other module stay as tsc wrote them.
//
// Shared code goes to dist/chunks/, one directory below dist/ like every source module, because
// two modules find files relative to their own URL: the version (../../package.json) and the
// rule docs (../rules/ID/doc.md).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: old ones would pile up.
rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli/main.ts', 'src/sdk/index.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', '@kubernetes/client-node'],
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as palisadeCreateRequire } from 'node:module'; const require = palisadeCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
