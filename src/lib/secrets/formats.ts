/**
 * The catalog's rules that recognise a credential by its own format (a prefix, a shape, a
 * checksum, a decodable body), without the generic rules that judge a value by the name it is
 * assigned to. For callers that know the name and judge it themselves: the manifest rules look
 * at ConfigMap keys, environment variable names and annotations. Configuration values are small,
 * so passwords in URLs are looked for whatever the scheme (https too), which image scans leave out
 * for the prefilter's sake.
 */
import { SECRET_RULES } from './catalog.js';
import { NAME_BASED_RULES, URL_PASSWORD_ANY_SCHEME } from './families/generic.js';
import type { SecretRule } from './rule.js';

export const FORMAT_RULES: readonly SecretRule[] = SECRET_RULES.filter((rule) => !NAME_BASED_RULES.includes(rule)).map((rule) => (rule.id === URL_PASSWORD_ANY_SCHEME.id ? URL_PASSWORD_ANY_SCHEME : rule));

/** Leading words of titles that are ordinary words, not a service's name. */
const COMMON_WORDS = new Set(['Base64-encoded', 'Container', 'Credential', 'High-entropy', 'Password', 'Private']);

/** How a rule's title reads inside a sentence: "private key", but "Slack token" and "AWS access key id" as written. */
export function credentialName(rule: SecretRule): string {
  const [first = ''] = rule.title.split(' ', 1);
  return COMMON_WORDS.has(first) ? `${rule.title.charAt(0).toLowerCase()}${rule.title.slice(1)}` : rule.title;
}

/**
 * The name with its indefinite article: "an AWS access key id", "a GitHub token", "an npm access
 * token". Words spelt out letter by letter (AWS, npm, xAI) take "an" before a letter whose name
 * starts with a vowel sound (F, H, L, M, N, R, S, X too).
 */
export function withArticle(name: string): string {
  const [word = ''] = name.split(' ', 1);
  const spelt = /^[A-Z0-9]{2,}$/.test(word) || /^[a-z][A-Z]/.test(word) || (/^[a-z]+$/.test(word) && !/[aeiouy]/.test(word));
  const first = word.charAt(0).toLowerCase();
  return `${(spelt ? 'aefhilmnorsx' : 'aeiou').includes(first) ? 'an' : 'a'} ${name}`;
}
