// Copies the non-TypeScript files the built package reads at run time (rule docs, framework data,
// HTML assets) from src/ to dist/, keeping their relative paths.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ASSET = /\.(md|json|yaml|html|css|svg)$/;
const SKIP_DIRS = new Set(['fixtures', 'node_modules']);

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(path);
    } else if (ASSET.test(name)) {
      const target = join('dist', relative('src', path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}

walk('src');
