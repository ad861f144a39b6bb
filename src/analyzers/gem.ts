/**
 * Ruby gems from installed specifications (specifications/NAME-VERSION.gemspec), which RubyGems
 * writes in a fixed generated form: `s.name = "rake".freeze`, `s.version = "13.0.6"`,
 * `s.licenses = ["MIT".freeze]`, `s.platform = "x86_64-linux".freeze`. The file is Ruby, so it is
 * matched, never evaluated.
 */
import type { Analyzer } from './analyzer.js';
import { purl } from './purl.js';

const FIELD = (field: string): RegExp => new RegExp(`^\\s*\\w+\\.${field}\\s*=\\s*(.+)$`, 'm');
const STRINGS = /"((?:[^"\\]|\\.)*)"/g;

function strings(expression: string | undefined): string[] {
  if (expression === undefined) return [];
  return [...expression.matchAll(STRINGS)].map((m) => m[1] ?? '');
}

export const gemAnalyzer: Analyzer = {
  id: 'gem',
  title: 'Ruby gems (installed gemspecs)',
  matches: (path) => path.endsWith('.gemspec') && path.includes('/specifications/'),
  parse(file) {
    const text = file.content.toString('utf8');
    const name = strings(FIELD('name').exec(text)?.[1])[0];
    // Generated specs write the version as "1.2.3" or Gem::Version.new("1.2.3").
    const version = strings(FIELD('version').exec(text)?.[1])[0];
    if (name === undefined || version === undefined) return [];
    const licenses = strings(FIELD('licenses?').exec(text)?.[1]);
    // Native gems built for one platform (nokogiri-1.16.0-x86_64-linux, JRuby's "java") say so in
    // the purl's platform qualifier (purl-spec gem type); the default "ruby" platform is not written.
    const platform = strings(FIELD('platform').exec(text)?.[1])[0];
    const qualifiers = platform === undefined || platform === 'ruby' ? {} : { platform };
    return [{ name, version, ecosystem: 'gem', licenses, purl: purl({ type: 'gem', name, version, qualifiers }) }];
  },
};
