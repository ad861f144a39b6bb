/**
 * The main module's version stamped by -ldflags: `go build` in a checkout records the main module
 * as (devel) (or a v0.0.0 pseudo-version since Go 1.24), and release builds stamp the version with
 * -X. Binaries are built here by the installed toolchain, without -trimpath so the flags are
 * recorded, exactly as `go version -m` then shows them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { encodeBuildInfo } from '../../src/analyzers/go/buildinfo.js';
import { ldflagsVersion, splitQuoted } from '../../src/analyzers/go/ldflags.js';
import { parseModInfo, unquoteGo } from '../../src/analyzers/go/modinfo.js';
import { requireTool } from './support/podman.js';

const golang = ANALYZERS.find((a) => a.id === 'golang') as Analyzer;
let work: string;

function build(module: string, ldflags: string): Buffer {
  const dir = mkdtempSync(join(work, 'mod-'));
  writeFileSync(join(dir, 'go.mod'), `module ${module}\n\ngo 1.18\n`);
  mkdirSync(join(dir, 'internal/version'), { recursive: true });
  writeFileSync(join(dir, 'internal/version/version.go'), 'package version\n\nvar Version = "dev"\n');
  writeFileSync(join(dir, 'main.go'), [
    'package main', '', 'import (', '\t"fmt"', '', `\tv "${module}/internal/version"`, ')', '',
    'var version, commit = "dev", "none"', '', 'func main() { fmt.Println(version, commit, v.Version) }', '',
  ].join('\n'));
  const env = {
    ...process.env, GOPROXY: 'off', GOSUMDB: 'off', GOFLAGS: '-mod=mod', CGO_ENABLED: '0', GOPATH: join(work, 'gopath'),
    GOCACHE: process.env.GOCACHE ?? join(process.env.PALISADE_IMAGE_CACHE ?? '/var/cache/palisade-images', 'go-build'),
  };
  const out = join(dir, 'app');
  execFileSync('go', ['build', `-ldflags=${ldflags}`, '-o', out, '.'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  return readFileSync(out);
}

function mainModule(content: Buffer, module: string): string | undefined {
  return golang.parse({ path: '/usr/local/bin/app', content }, { exists: () => false }).find((p) => p.name === module)?.purl;
}

beforeAll(() => {
  requireTool('go');
  work = mkdtempSync(join(tmpdir(), 'palisade-go-ldflags-'));
}, 60_000);

describe('Go main module version from -ldflags', () => {
  it('reports the version -X main.version stamped, not (devel)', () => {
    // Quoted values with spaces make Go quote the whole -ldflags setting in the build info.
    const binary = build('example.com/tool', `-s -X main.version=1.4.2 -X 'main.commit=abc def'`);
    expect(mainModule(binary, 'example.com/tool')).toBe('pkg:golang/example.com/tool@v1.4.2');
    // The condensed form kept while layers stream gives the same.
    const condensed = golang.condense?.({ path: '/usr/local/bin/app', content: binary }) ?? Buffer.alloc(0);
    expect(mainModule(condensed, 'example.com/tool')).toBe('pkg:golang/example.com/tool@v1.4.2');
  }, 600_000);

  it('reads a version variable of the module own version package, with or without a v', () => {
    const binary = build('example.com/svc', '-X "example.com/svc/internal/version.Version=v2.0.1"');
    expect(mainModule(binary, 'example.com/svc')).toBe('pkg:golang/example.com/svc@v2.0.1');
  }, 600_000);

  it('keeps (devel) when the flags stamp no release version, or two that disagree', () => {
    expect(mainModule(build('example.com/plain', '-s -w'), 'example.com/plain')).toBe('pkg:golang/example.com/plain@%28devel%29');
    expect(mainModule(build('example.com/two', '-X main.version=1.0.0 -X main.Version=2.0.0'), 'example.com/two')).toBe('pkg:golang/example.com/two@%28devel%29');
    expect(mainModule(build('example.com/describe', '-X main.version=1.0.0-3-gabcdef-dirty -X main.commit=1.2.3'), 'example.com/describe'))
      .toBe('pkg:golang/example.com/describe@v1.0.0-3-gabcdef-dirty');
  }, 600_000);

  it('replaces a v0.0.0 pseudo-version of the main module (Go 1.24 in an untagged checkout), never a release', () => {
    const info = (version: string): Buffer => encodeBuildInfo({
      goVersion: 'go1.24.1',
      modInfo: `path\tcloud.google.com/go/cbt\nmod\tcloud.google.com/go/cbt\t${version}\t\nbuild\t-ldflags="-X \\"main.version=1.23.2\\"          -X \\"main.revisionDate=2025-04-22 20:49:45\\""\n`,
    });
    expect(mainModule(info('v0.0.0-20250422202024-9eeb4a7a08b6+dirty'), 'cloud.google.com/go/cbt')).toBe('pkg:golang/cloud.google.com/go/cbt@v1.23.2');
    expect(mainModule(info('v1.23.1'), 'cloud.google.com/go/cbt')).toBe('pkg:golang/cloud.google.com/go/cbt@v1.23.1');
  });

  it('chooses among -X versions as Trivy does', () => {
    // MODULE/cmd/... first, then packages main, common, version, cmd, then any other.
    expect(ldflagsVersion('example.com/m', '-X example.com/m/cmd/tool/app.ver=3.0.0 -X main.version=1.0.0')).toBe('v3.0.0');
    expect(ldflagsVersion('example.com/m', '-X github.com/x/y/run.version=1.0.0-beta.56 -X main.version=1.0.0')).toBe('v1.0.0');
    expect(ldflagsVersion('example.com/m', '-X github.com/x/y/run.version=1.0.0-beta.56')).toBe('v1.0.0-beta.56');
    expect(ldflagsVersion('example.com/m', '--X=main.version=1.2.3')).toBe('v1.2.3');
    expect(ldflagsVersion('example.com/m', '-X main.version=$(git describe) -X main.gitVersion=1.2.3')).toBeUndefined();
    expect(ldflagsVersion('example.com/m', '-X main.version=v0.0.0-20250101000000-abcdefabcdef')).toBeUndefined();
    expect(splitQuoted(`-X "a=b c" -X 'd=e'  f`)).toEqual(['-X', 'a=b c', '-X', 'd=e', 'f']);
  });

  it('unquotes build settings as Go quoted them', () => {
    const settings = parseModInfo('build\t-ldflags="-X \\"main.version=1.0\\"\\t\\u00e9\\x41"\nbuild\tvcs.revision=abc\nbuild\t-tags="bad\\q"\n').settings;
    expect(settings.get('-ldflags')).toBe('-X "main.version=1.0"\té' + 'A');
    expect(settings.get('vcs.revision')).toBe('abc');
    // An escape Go never writes is not guessed at.
    expect(settings.has('-tags')).toBe(false);
    expect(unquoteGo('"\\101\\x42\\U0001F600"')).toBe('AB\u{1F600}');
    expect(unquoteGo('"a"b"')).toBeUndefined();
  });
});
