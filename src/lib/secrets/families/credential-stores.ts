/**
 * Files in which tools store credentials in a fixed syntax that holds no word the keyword
 * prefilter could rely on: git's credential store (`https://user:token@host`, one URL a line) and
 * its configuration files (remote URLs),
 * PostgreSQL's .pgpass (`host:port:database:user:password`) and .netrc (`machine h login u
 * password p`). They are found by the file's name: image scans run these rules on files so named
 * whatever the prefilter says, and on no other file (http URLs and colon-separated lines are in
 * every other file, so their keywords would make the prefilter pass most text for nothing).
 */
import type { SecretRule } from '../rule.js';
import { URL_PASSWORD_ANY_SCHEME } from './generic.js';

/** `git credential-store`'s files: ~/.git-credentials and $XDG_CONFIG_HOME/git/credentials. */
const GIT_CREDENTIALS = /(?:^|\/)(?:\.git-credentials|\.config\/git\/credentials)$/;
/**
 * git's configuration: a repository's (.git/config, copied into images with the source), the
 * user's (~/.gitconfig, $XDG_CONFIG_HOME/git/config) and the system's (/etc/gitconfig). A remote
 * cloned with credentials keeps them in its URL (`url = https://ci:token@host/group/repo.git`),
 * and a build that fetches private modules rewrites URLs with them
 * (`[url "https://ci:token@host/"] insteadOf = https://host/`).
 */
const GIT_CONFIG = /(?:^|\/)(?:\.git\/config|\.gitconfig|\.config\/git\/config|etc\/gitconfig)$/;
const PGPASS = /(?:^|\/)\.pgpass$/;
/** .netrc, and _netrc as curl and git read it on Windows. */
const NETRC = /(?:^|\/)[._]netrc$/;

/** One field of a .pgpass line: `\:` and `\\` are escapes, anything else up to a colon. */
const PGPASS_FIELD = '(?:[^:\\\\\\r\\n]|\\\\.){0,256}';

export const CREDENTIAL_STORE_RULES: readonly SecretRule[] = [
  // The password of each URL, whatever the scheme (https above all), read as url-password reads it.
  { ...URL_PASSWORD_ANY_SCHEME, id: 'git-credentials', title: 'Password or token in a git credential store', severity: 'critical', files: (path) => path !== undefined && GIT_CREDENTIALS.test(path) },
  { ...URL_PASSWORD_ANY_SCHEME, id: 'git-config-url-password', title: 'Password or token in a git remote URL', severity: 'critical', files: (path) => path !== undefined && GIT_CONFIG.test(path) },
  {
    id: 'pgpass-password', title: 'PostgreSQL password in .pgpass', severity: 'critical', keywords: [':'],
    // Four fields, then the password to the end of the line; lines starting with # are comments.
    pattern: new RegExp(`^(?!#)${PGPASS_FIELD}:${PGPASS_FIELD}:${PGPASS_FIELD}:${PGPASS_FIELD}:(${PGPASS_FIELD})\\r?$`, 'gm'),
    files: (path) => path !== undefined && PGPASS.test(path),
  },
  {
    id: 'netrc-password', title: 'Password in .netrc', severity: 'critical', keywords: ['password'],
    // Tokens are separated by blanks or line breaks; a password may be quoted (curl reads "…").
    pattern: /(?:^|\s)password\s{1,10}(?:"([^"\r\n]{1,256})"|([^\s"]{1,256}))/g,
    extract: (match) => match[1] ?? match[2],
    files: (path) => path !== undefined && NETRC.test(path),
  },
];

/** The credential-store rules for the file at `path` (none for most files). */
export function credentialStoreRulesFor(path: string): readonly SecretRule[] {
  return CREDENTIAL_STORE_RULES.filter((rule) => rule.files?.(path) === true);
}
