/**
 * Real Go binaries for the analyzer tests, built with the installed toolchain (Debian golang-go,
 * installed by scripts/setup-images.sh) against a file:// module proxy made here, so the build
 * info holds real dependency lines with versions and go.sum hashes, a module replace and a local
 * directory replace, without any network.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoBuild {
  readonly goVersion: string;
  /** Builds the test program for GOOS/GOARCH and returns the binary's path. */
  build(goos: string, goarch: string): string;
}

function publish(proxy: string, work: string, path: string, version: string, files: Record<string, string>): void {
  const tree = join(work, 'zips', `${path}@${version}`);
  mkdirSync(tree, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tree, name), text);
  const at = join(proxy, path, '@v');
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'list'), `${version}\n`);
  writeFileSync(join(at, `${version}.info`), JSON.stringify({ Version: version, Time: '2024-01-01T00:00:00Z' }));
  writeFileSync(join(at, `${version}.mod`), files['go.mod'] ?? '');
  execFileSync('zip', ['-q', '-r', join(at, `${version}.zip`), `${path}@${version}`], { cwd: join(work, 'zips') });
}

export function prepareGoBuild(work: string): GoBuild {
  const proxy = join(work, 'proxy');
  publish(proxy, work, 'example.com/lib', 'v1.2.3', { 'go.mod': 'module example.com/lib\n\ngo 1.18\n', 'lib.go': 'package lib\n\nfunc Name() string { return "lib" }\n' });
  publish(proxy, work, 'example.com/new', 'v0.4.0', { 'go.mod': 'module example.com/new\n\ngo 1.18\n', 'old.go': 'package old\n\nfunc Name() string { return "new" }\n' });
  const local = join(work, 'local');
  mkdirSync(local, { recursive: true });
  writeFileSync(join(local, 'go.mod'), 'module example.com/local\n\ngo 1.18\n');
  writeFileSync(join(local, 'local.go'), 'package local\n\nfunc Name() string { return "local" }\n');
  const app = join(work, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'go.mod'), [
    'module example.com/app', '', 'go 1.18', '',
    'require (', '\texample.com/lib v1.2.3', '\texample.com/old v1.0.0', '\texample.com/local v0.0.0', ')', '',
    'replace example.com/old => example.com/new v0.4.0', '',
    'replace example.com/local => ../local', '',
  ].join('\n'));
  writeFileSync(join(app, 'main.go'), [
    'package main', '', 'import (', '\t"fmt"', '', '\t"example.com/lib"', '\t"example.com/local"', '\told "example.com/old"', ')', '',
    'func main() { fmt.Println(lib.Name(), old.Name(), local.Name()) }', '',
  ].join('\n'));
  const env = {
    ...process.env, GOPROXY: `file://${proxy}`, GOSUMDB: 'off', GOFLAGS: '-mod=mod', CGO_ENABLED: '0',
    GOPATH: join(work, 'gopath'), GOCACHE: process.env.GOCACHE ?? join(process.env.PALISADE_IMAGE_CACHE ?? '/var/cache/palisade-images', 'go-build'),
  };
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { env }).toString().trim();
  return {
    goVersion,
    build(goos, goarch) {
      const out = join(work, `app-${goos}-${goarch}`);
      execFileSync('go', ['build', '-trimpath', '-o', out, '.'], { cwd: app, env: { ...env, GOOS: goos, GOARCH: goarch }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
      return out;
    },
  };
}
