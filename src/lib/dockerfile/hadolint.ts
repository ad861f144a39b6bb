/**
 * hadolint's check ids and the Palisade findings that answer to them. Dockerfiles in the wild carry
 * `# hadolint ignore=DL3008` pragmas, so reading a Dockerfile faithfully needs this table: a pragma
 * naming DL3008 hides the unpinned-apt-get findings of `dockerfile-unpinned-packages`, not its
 * unpinned-pip ones (DL3013). One Palisade rule may cover several hadolint checks; the message
 * pattern tells them apart. The conformance mapping (src/frameworks/conformance/hadolint.ts) is
 * this same table, so the suite measures exactly what the pragmas honour.
 */

export interface HadolintCheck {
  /** The Palisade rule id. */
  readonly rule: string;
  /** Only the rule's findings whose message matches answer to the hadolint id. */
  readonly message?: RegExp;
}

export const HADOLINT_CHECKS: Readonly<Record<string, HadolintCheck>> = {
  DL3000: { rule: 'dockerfile-relative-workdir' },
  DL3002: { rule: 'image-runs-as-root', message: /switches to USER/ },
  DL3003: { rule: 'dockerfile-cd-instead-of-workdir' },
  DL3004: { rule: 'dockerfile-sudo' },
  DL3006: { rule: 'dockerfile-base-image-latest', message: /has no tag/ },
  DL3007: { rule: 'dockerfile-base-image-latest', message: /"latest" tag/ },
  DL3008: { rule: 'dockerfile-unpinned-packages', message: /^apt-get / },
  DL3009: { rule: 'image-package-cache', message: /the apt cache/ },
  DL3011: { rule: 'dockerfile-invalid-port' },
  DL3012: { rule: 'dockerfile-duplicate-instruction', message: /^HEALTHCHECK/ },
  DL3013: { rule: 'dockerfile-unpinned-packages', message: /^pip/ },
  DL3014: { rule: 'dockerfile-package-install-flags', message: /^apt-get .*has no -y/ },
  DL3015: { rule: 'dockerfile-package-install-flags', message: /recommended packages/ },
  DL3016: { rule: 'dockerfile-unpinned-packages', message: /^npm / },
  DL3018: { rule: 'dockerfile-unpinned-packages', message: /^apk / },
  DL3019: { rule: 'image-package-cache', message: /the apk cache/ },
  DL3020: { rule: 'dockerfile-add-instead-of-copy' },
  DL3022: { rule: 'dockerfile-copy-from-unknown-stage', message: /names no earlier stage/ },
  DL3023: { rule: 'dockerfile-copy-from-unknown-stage', message: /names its own stage/ },
  DL3024: { rule: 'dockerfile-duplicate-stage-name' },
  DL3025: { rule: 'dockerfile-exec-form' },
  DL3026: { rule: 'dockerfile-untrusted-registry' },
  DL3027: { rule: 'dockerfile-package-install-flags', message: /uses apt, the interactive/ },
  DL3028: { rule: 'dockerfile-unpinned-packages', message: /^gem / },
  DL3030: { rule: 'dockerfile-package-install-flags', message: /^yum .*has no -y/ },
  DL3032: { rule: 'image-package-cache', message: /the yum cache/ },
  DL3033: { rule: 'dockerfile-unpinned-packages', message: /^yum / },
  DL3034: { rule: 'dockerfile-package-install-flags', message: /^zypper .*has no -n/ },
  DL3035: { rule: 'dockerfile-package-install-flags', message: /whole distribution/ },
  DL3036: { rule: 'image-package-cache', message: /the zypper cache/ },
  DL3037: { rule: 'dockerfile-unpinned-packages', message: /^zypper / },
  DL3038: { rule: 'dockerfile-package-install-flags', message: /^(dnf|microdnf) .*has no -y/ },
  DL3040: { rule: 'image-package-cache', message: /the dnf cache/ },
  DL3041: { rule: 'dockerfile-unpinned-packages', message: /^(dnf|microdnf) / },
  DL3042: { rule: 'image-package-cache', message: /the pip cache/ },
  DL3043: { rule: 'dockerfile-onbuild-chaining' },
  DL3057: { rule: 'image-healthcheck-missing' },
  DL3060: { rule: 'image-package-cache', message: /the yarn cache/ },
  DL3062: { rule: 'dockerfile-unpinned-packages', message: /^go / },
  DL3064: { rule: 'image-secret-in-config' },
  DL4000: { rule: 'dockerfile-maintainer-deprecated' },
  DL4003: { rule: 'dockerfile-duplicate-instruction', message: /^CMD/ },
  DL4004: { rule: 'dockerfile-duplicate-instruction', message: /^ENTRYPOINT/ },
  DL4006: { rule: 'dockerfile-pipefail' },
};

/**
 * Whether hadolint has (or had) a check of this id: its own DL1001, DL3000-DL3077 and
 * DL4000-DL4007, and ShellCheck's SCnnnn codes, which it passes through. Palisade has no
 * counterpart for many of them; a pragma naming one simply hides nothing. Any other id is a typo.
 */
export function isHadolintId(id: string): boolean {
  if (/^SC\d{4}$/.test(id)) return true;
  const dl = /^DL(\d{4})$/.exec(id)?.[1];
  if (dl === undefined) return false;
  const n = Number(dl);
  return n === 1001 || (n >= 3000 && n <= 3077) || (n >= 4000 && n <= 4007);
}

/** The table turned round: per Palisade rule, the hadolint checks it answers to (built once; a scan asks per finding). */
const BY_RULE: ReadonlyMap<string, readonly (readonly [string, HadolintCheck])[]> = (() => {
  const byRule = new Map<string, [string, HadolintCheck][]>();
  for (const [id, check] of Object.entries(HADOLINT_CHECKS)) {
    const list = byRule.get(check.rule) ?? [];
    list.push([id, check]);
    byRule.set(check.rule, list);
  }
  return byRule;
})();

/** The hadolint ids a Palisade finding answers to (usually none or one). */
export function hadolintIdsOf(ruleId: string, message: string): string[] {
  const ids: string[] = [];
  for (const [id, check] of BY_RULE.get(ruleId) ?? []) {
    if (check.message === undefined || check.message.test(message)) ids.push(id);
  }
  return ids;
}
