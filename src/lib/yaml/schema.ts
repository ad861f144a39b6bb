/**
 * The YAML schema Kubernetes tooling applies. kubectl converts YAML to JSON with a YAML 1.1
 * parser (go-yaml v2 via sigs.k8s.io/yaml), so `privileged: yes` reaches the API server as `true`
 * and `defaultMode: 0644` as 420. A scanner that read them as YAML 1.2 (the string "yes", the
 * number 644) would judge a different object than the one applied, so those YAML 1.1 forms are
 * resolved the same way here. Merge keys (`<<`) are honoured too; timestamps stay strings, as in
 * the JSON kubectl sends.
 */
import yaml from 'js-yaml';

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

/** Every plain scalar goes through the resolvers, so they reject on length and first character before any lookup. */
const BOOL_FIRST = /^[yYnNtTfFoO]/;

const yaml11Bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && data.length <= 5 && BOOL_FIRST.test(data) && (TRUE.has(data) || FALSE.has(data)),
  construct: (data: string) => TRUE.has(data),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: (value: object) => JSON.stringify(value),
});

/** YAML 1.1 octal: a leading zero followed by octal digits. */
const LEGACY_OCTAL = /^[-+]?0[0-7]+$/;
const NUMBER_FIRST = /^[-+0-9]/;
/** js-yaml's built-in types (exported at run time; missing from its type declarations). */
const { types } = yaml as unknown as { readonly types: { readonly int: yaml.Type; readonly merge: yaml.Type } };
const coreInt = types.int;

const yaml11Int = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && NUMBER_FIRST.test(data) && (LEGACY_OCTAL.test(data) || coreInt.resolve(data)),
  construct: (data: string): unknown => {
    if (!LEGACY_OCTAL.test(data)) return coreInt.construct(data);
    const negative = data.startsWith('-');
    const digits = data.replace(/^[-+]?0/, '');
    return (negative ? -1 : 1) * parseInt(digits, 8);
  },
  predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
  represent: (value: object) => JSON.stringify(value),
});

/**
 * `!!binary` is decoded by go-yaml into the string its bytes spell, so kubectl sends the decoded
 * text (invalid UTF-8 becomes U+FFFD in the JSON, as Buffer decoding does). Go's base64 skips line
 * breaks, so a literal block of base64 is accepted too.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const binaryAsText = new yaml.Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BASE64.test(data.replace(/[\r\n]/g, '')),
  construct: (data: string) => Buffer.from(data.replace(/[\r\n]/g, ''), 'base64').toString('utf8'),
});

/**
 * Any other tag (`!Ref`, `!!python/object`, `!<anything>`) is ignored by go-yaml: a tagged scalar
 * stays the string it spells and a tagged mapping or sequence is read as one. Refusing the tag
 * would skip a document that kubectl applies, so a tag in front of a privileged securityContext
 * would hide it from the scan; the node is read as go-yaml reads it instead. Known tags (`!!str`,
 * `!!int`, ...) still match their own types first, and fail where go-yaml fails.
 */
const ignoredTag = (kind: 'scalar' | 'sequence' | 'mapping'): yaml.Type =>
  new yaml.Type('', {
    kind,
    multi: true,
    // An empty tagged node (`key: !x`) comes with no value; go-yaml reads it as "".
    construct: (data: unknown) => data ?? (kind === 'scalar' ? '' : null),
  });

export const KUBERNETES_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [yaml11Bool, yaml11Int, types.merge],
  // The scalar catch-all first: an empty tagged node has no kind and takes the first one.
  explicit: [binaryAsText, ignoredTag('scalar'), ignoredTag('sequence'), ignoredTag('mapping')],
});
