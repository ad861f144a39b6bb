/**
 * Secrets in images: every text file of every layer (a file deleted by a later layer is still in
 * the image, so layers are scanned as they stream, not the merged view) and the configuration's
 * environment, labels and history. Findings carry redacted values only.
 */
import type { ImageSecret } from '../../model/package.js';
import { isEnvStep } from '../../lib/dockerfile/history-step.js';
import { redact } from '../../lib/redact.js';
import { SECRET_RULES } from '../../lib/secrets/catalog.js';
import { credentialStoreRulesFor } from '../../lib/secrets/families/credential-stores.js';
import { URL_PASSWORD_ANY_SCHEME } from '../../lib/secrets/families/generic.js';
import type { SecretRule } from '../../lib/secrets/rule.js';
import { findSecrets, type FoundSecret, keywordsIn } from '../../lib/secrets/scan.js';
import { summariseSecrets } from '../../lib/secrets/summary.js';

/** Files larger than this are data, not configuration: not scanned. */
export const MAX_SECRET_FILE_BYTES = 1024 * 1024;
const SKIPPED_EXTENSIONS = /\.(?:so(?:\.\d+)*|a|o|png|jpe?g|gif|ico|webp|woff2?|ttf|otf|gz|xz|bz2|zst|zip|jar|whl|deb|rpm|apk|mo|pyc|class|wasm|node|db|sqlite)$/i;
/**
 * Package-manager metadata and documentation hold hashes and examples, not credentials; so do C
 * and C++ headers, installed by -dev packages and language runtimes (libssl-dev's
 * /usr/include/openssl, Node's include/node): declarations and constants such as
 * `#define PEM_STRING_ECPRIVATEKEY "EC PRIVATE KEY"` or `#define TLS_MD_MASTER_SECRET_CONST "…"`.
 */
const SKIPPED_DIRS = /^\/(?:usr\/share\/(?:doc|man|locale|i18n|zoneinfo|mime|info)|usr\/(?:local\/)?include|var\/lib\/dpkg\/info|usr\/lib\/locale|proc|sys|dev)\//;
/**
 * Where installed third-party code lives: the system's libraries and toolchains (/usr/lib,
 * /usr/share, /usr/local/lib, the Go image's /usr/local/go), language package trees and Go's
 * module cache, vendored copies.
 */
const THIRD_PARTY = /^\/usr\/(?:local\/)?(?:lib|share|go)\/|\/(?:node_modules|site-packages|dist-packages|gems|vendor|third_party|pkg\/mod)\//;
/** Test material by the common conventions: test and fixture directories, Go's testdata and _test.go files. */
const TEST_MATERIAL = /\/(?:tests?|__tests__|testdata|test_data|fixtures?)\/|_test\.go$/;
/**
 * The test suites of other people's code ship made-up or published keys to test with: Go's own
 * crypto/tls example key in every golang image, the Google Cloud SDK's 20 test keys. Every copy
 * of the package has them, so they are not the image's secrets and nothing the image's owner can
 * rotate. The image's own tests (/app/test/…) are still searched.
 */
function isThirdPartyTestMaterial(path: string): boolean {
  return THIRD_PARTY.test(path) && TEST_MATERIAL.test(path);
}
/**
 * Python packages' metadata, whose long description is the package's README as published on
 * PyPI: its examples (PyJWT's README prints a token) are documentation, like /usr/share/doc.
 */
const PACKAGE_DOCUMENTATION = /\.(?:egg|dist)-info\/(?:PKG-INFO|METADATA)$/;

export function wantsSecretScan(path: string, size: number): boolean {
  return size > 0 && size <= MAX_SECRET_FILE_BYTES && !SKIPPED_EXTENSIONS.test(path) && !SKIPPED_DIRS.test(path) && !PACKAGE_DOCUMENTATION.test(path) && !isThirdPartyTestMaterial(path);
}

/** PKCS#12 key stores by name: .p12 and .pfx (Windows' name for the same format). */
const PKCS12_NAME = /\.p(?:12|fx)$/i;

/**
 * Whether `content` starts as a PKCS#12 PFX (RFC 7292) in DER or BER: an outer SEQUENCE (30) whose
 * length is in long form (81, 82, 83: one to three length bytes; a key store with its certificate
 * is never under 128 bytes) or indefinite (80, BER), then the version, INTEGER 3 (02 01 03).
 */
function startsLikePkcs12(content: Buffer): boolean {
  const lengthForm = content[1];
  if (content[0] !== 0x30 || lengthForm === undefined || lengthForm < 0x80 || lengthForm > 0x83) return false;
  const version = 2 + (lengthForm & 0x7f);
  return content[version] === 0x02 && content[version + 1] === 0x01 && content[version + 2] === 0x03;
}

/**
 * A PKCS#12 key store bundles private keys (with their certificates), encrypted under a password
 * that is often empty or weak, so the file itself is the secret. It is binary, so the text rules
 * never see it: it is found by its name and its header, and reported by kind and size, never a byte.
 */
function pkcs12Secret(path: string, content: Buffer, layer: string | undefined): ImageSecret | undefined {
  if (!PKCS12_NAME.test(path) || !startsLikePkcs12(content)) return undefined;
  return {
    rule: 'pkcs12-file', title: 'PKCS#12 key store', severity: 'high', place: 'file', path, redacted: `PKCS#12 key store (${String(content.length)} bytes)`,
    ...(layer === undefined ? {} : { layer }),
  };
}

export function scanFileForSecrets(path: string, content: Buffer, layer: string | undefined): ImageSecret[] {
  const keyStore = pkcs12Secret(path, content, layer);
  if (keyStore !== undefined) return [keyStore];
  // Binary files (a NUL in the first 8 KiB) are skipped: their "strings" are not assignments.
  if (content.subarray(0, 8192).includes(0)) return [];
  // Most files hold no rule's keyword: then they are never decoded, unless their name says they
  // are a credential store whose syntax has no keyword (.git-credentials, git config, .pgpass, .netrc).
  const present = keywordsIn(content);
  const stores = credentialStoreRulesFor(path);
  if (present === undefined && stores.length === 0) return [];
  const text = content.toString('utf8');
  // The path tells the rules the file's syntax (a .conf file assigns unquoted values, code does not).
  // A store's rules come first, as the most specific: a span they report is not reported again.
  const rules = stores.length === 0 ? SECRET_RULES : [...stores, ...SECRET_RULES];
  const keywords = new Set([...(present ?? []), ...stores.flatMap((rule) => rule.keywords)]);
  return reported(findSecrets(text, rules, keywords, { path })).map((s) => ({ ...s, place: 'file', path, ...(layer === undefined ? {} : { layer }) }));
}

/**
 * The secrets of one text as reported (src/lib/secrets/summary.ts): a value repeated is reported
 * once, at its first line, with its count; past the limit, a rule's other values are one entry
 * that counts them. Each entry has its column, so values on one line are told apart.
 */
function reported(found: readonly FoundSecret[]): Pick<ImageSecret, 'rule' | 'title' | 'severity' | 'line' | 'column' | 'occurrences' | 'unlisted' | 'redacted'>[] {
  const { listed, omitted } = summariseSecrets(found);
  return [
    ...listed.map(({ rule, line, column, value, occurrences }) => ({
      rule: rule.id, title: rule.title, severity: rule.severity, line, column, redacted: redact(value),
      ...(occurrences > 1 ? { occurrences } : {}),
    })),
    ...omitted.map(({ rule, line, column, values }) => ({
      rule: rule.id, title: rule.title, severity: rule.severity, line, column, unlisted: values,
      redacted: `${values.toLocaleString('en-US')} more ${values === 1 ? 'value' : 'values'} not listed`,
    })),
  ];
}

export interface ConfigForSecrets {
  readonly env?: readonly string[] | null | undefined;
  readonly labels?: Readonly<Record<string, string>> | null | undefined;
  readonly history?: readonly { readonly created_by?: string | undefined }[] | undefined;
}

/**
 * The syntax each place of the configuration is written in, told to the rules as a file name: an
 * environment entry or a label is one line of a dotenv file (`KEY=value`, quoted or not), a history
 * entry is a Dockerfile instruction (`ENV DB_PASSWORD=…`, `RUN …`).
 */
const SYNTAX_OF_PLACE: Readonly<Record<ImageSecret['place'], { readonly path?: string }>> = { env: { path: '.env' }, label: { path: '.env' }, history: { path: 'Dockerfile' }, file: {} };

/**
 * The catalog, and passwords in URLs of any scheme: layer files are searched for http(s) URLs'
 * passwords only in credential stores, since "://" is in half of all text files and would pass
 * them all through the keyword prefilter, but the configuration is a few strings, and it keeps
 * `ENV GIT_URL=https://ci:…@host/repo.git` and `RUN git clone https://ci:…@host/repo.git` for
 * anyone who pulls the image. Specific rules come first and keep the spans they report.
 */
const CONFIG_RULES: readonly SecretRule[] = [...SECRET_RULES, URL_PASSWORD_ANY_SCHEME];

export function scanConfigForSecrets(config: ConfigForSecrets): ImageSecret[] {
  const found: ImageSecret[] = [];
  /** Values found in Env: the ENV steps of the history that set them are the same leak. */
  const inEnv = new Set<string>();
  const add = (place: ImageSecret['place'], index: number, text: string, label?: string): void => {
    const secrets = findSecrets(text, CONFIG_RULES, undefined, SYNTAX_OF_PLACE[place]);
    if (place === 'env') for (const secret of secrets) inEnv.add(secret.value);
    const kept = place === 'history' && isEnvStep(text) ? secrets.filter((secret) => !inEnv.has(secret.value)) : secrets;
    for (const s of reported(kept)) found.push({ ...s, place, line: index + 1, ...(label === undefined ? {} : { label }) });
  };
  (config.env ?? []).forEach((e, i) => { add('env', i, e); });
  Object.entries(config.labels ?? {}).forEach(([k, v], i) => { add('label', i, `${k}=${v}`, k); });
  (config.history ?? []).forEach((h, i) => { add('history', i, h.created_by ?? ''); });
  return found;
}
