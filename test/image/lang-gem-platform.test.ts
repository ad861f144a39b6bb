/**
 * Ruby gems built for one platform: installed specifications written by RubyGems itself
 * (Gem::Specification#to_ruby, what `gem install` writes under specifications/), for a native gem,
 * a JRuby gem and a pure-Ruby one.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { requireTool } from './support/podman.js';

const gem = ANALYZERS.find((a) => a.id === 'gem') as Analyzer;

function installedSpec(name: string, version: string, platform?: string): Buffer {
  const script = `s = Gem::Specification.new { |s| s.name = ${JSON.stringify(name)}; s.version = ${JSON.stringify(version)}; ${platform === undefined ? '' : `s.platform = ${JSON.stringify(platform)};`} s.summary = "x"; s.authors = ["a"]; s.licenses = ["MIT"] }; print s.to_ruby`;
  return execFileSync('ruby', ['-e', script]);
}

function purls(name: string, version: string, platform?: string): string[] {
  const file = `${name}-${version}${platform === undefined ? '' : `-${platform}`}.gemspec`;
  return gem.parse({ path: `/usr/local/bundle/specifications/${file}`, content: installedSpec(name, version, platform) }, { exists: () => false }).map((p) => p.purl);
}

describe('gem platform', () => {
  it('names the platform of native and JRuby gems in the purl, not the default ruby platform', () => {
    requireTool('ruby');
    expect(purls('nokogiri', '1.16.0', 'x86_64-linux')).toEqual(['pkg:gem/nokogiri@1.16.0?platform=x86_64-linux']);
    expect(purls('jruby-launcher', '1.1.2', 'java')).toEqual(['pkg:gem/jruby-launcher@1.1.2?platform=java']);
    expect(purls('rake', '13.0.6')).toEqual(['pkg:gem/rake@13.0.6']);
    expect(purls('rake', '13.0.6', 'ruby')).toEqual(['pkg:gem/rake@13.0.6']);
  });
});
