/**
 * A mapping key as the parser stored it, recovered from the key's source text (the tracker keeps
 * offsets, not values). Keys are strings in the parsed object, so a key that resolves to another
 * type is stringified as js-yaml does it: `yes:` is the key "true", `0x10:` the key "16".
 */
import yaml from 'js-yaml';
import { KUBERNETES_SCHEMA } from './schema.js';

/** Plain keys that can only be strings (no YAML 1.1/1.2 special value starts this way). */
const PLAIN_STRING = /^[A-Za-z_$][\w$./-]*$/;
const SIMPLE_DOUBLE_QUOTED = /^"[^"\\\n]*"$/;
const SIMPLE_SINGLE_QUOTED = /^'[^'\n]*'$/;
const SPECIAL_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

/** Whether a key written as `key` (plain) can only be the string it spells. */
export function isPlainKey(key: string): boolean {
  return PLAIN_STRING.test(key) && !SPECIAL_WORDS.test(key);
}

export function keyFromSource(text: string): string {
  const key = text.trim();
  if (isPlainKey(key)) return key;
  // Quoted without escapes (every key of a JSON document): the text between the quotes.
  if (SIMPLE_DOUBLE_QUOTED.test(key) || SIMPLE_SINGLE_QUOTED.test(key)) return key.slice(1, -1);
  // Quoted, escaped, typed, tagged or anchored keys: let the parser itself say what they are.
  try {
    return stringKey(yaml.load(`${key}: ~\n`, { schema: KUBERNETES_SCHEMA }));
  } catch {
    return key;
  }
}

/** The key of the one-entry mapping `load` returned. */
function stringKey(parsed: unknown): string {
  if (typeof parsed !== 'object' || parsed === null) return '';
  const [first] = Object.keys(parsed);
  return first ?? '';
}
