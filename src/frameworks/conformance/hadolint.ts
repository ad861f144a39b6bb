/**
 * hadolint (../shared/testdata/supply-chain/dockerfile-lint): its rule cases (Dockerfile snippets
 * from its Hspec tests) mapped to Palisade rules. Palisade keeps its own kebab-case ids; the
 * hadolint id a rule answers to lives here, with a message pattern where one Palisade rule covers
 * several hadolint checks. A case agrees when the mapped findings match its expectation (at least
 * one, exactly none, or exactly one).
 */
import type { RuleCheck } from '../types.js';

export const HADOLINT: Readonly<Record<string, RuleCheck>> = {
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

/** Rule options that stand for a hadolint configuration (`def { allowedRegistries = [...] }`). */
export function hadolintOptions(config: string): Readonly<Record<string, unknown>> {
  const registries = /allowedRegistries = \[([^\]]*)\]/.exec(config)?.[1];
  if (registries === undefined) return {};
  const list = [...registries.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
  return { 'dockerfile-untrusted-registry': { registries: list } };
}

const LABELS = 'label schema checks (hadolint labelSchema configuration): metadata conventions, not a security property';
const STYLE = 'a style or build-hygiene check with no security or reliability effect on the image';

/** hadolint checks with no Palisade counterpart, and why. */
export const HADOLINT_UNMAPPED: Readonly<Record<string, string>> = {
  DL1001: 'about hadolint\'s own inline pragmas; Palisade\'s ignore comment is file-wide and needs a reason',
  DL3001: STYLE,
  DL3010: STYLE,
  DL3021: 'a build error the builder itself reports (COPY with several sources to a non-directory)',
  DL3029: 'FROM --platform is a legitimate cross-build tool; not a security property',
  DL3044: STYLE,
  DL3045: STYLE,
  DL3046: 'image size hygiene (useradd without -l and a high UID); image-too-large measures the size itself',
  DL3047: STYLE,
  DL3048: LABELS,
  DL3049: LABELS,
  DL3050: LABELS,
  DL3051: LABELS,
  DL3052: LABELS,
  DL3053: LABELS,
  DL3054: LABELS,
  DL3055: LABELS,
  DL3056: LABELS,
  DL3058: LABELS,
  DL3059: STYLE,
  DL3061: 'an instruction other than ARG before FROM is refused by the builder, so Palisade reports it as a dockerfile-syntax problem (with its line) rather than a rule finding; both suite cases expect none and get none',
  DL3063: STYLE,
  DL4001: STYLE,
  DL4005: STYLE,
};

/** Why a case disagrees, by its id, or by what it exercises. */
const DIFFERENCES: Readonly<Record<string, string>> = {
  'dockerfile-lint/hadolint-rule-cases#00380': 'a HEALTHCHECK in shell form runs under /bin/sh -c as a probe, not as PID 1: no signal is lost, so dockerfile-exec-form judges CMD and ENTRYPOINT only',
  'dockerfile-lint/hadolint-rule-cases#01003': 'the SHELL sets -o pipefail; hadolint reads the comment line "# \\" as a line continuation (its upstream test documents this as a known false positive), the builder does not',
  'dockerfile-lint/hadolint-rule-cases#00027': 'hadolint flags root as the last user of an intermediate stage; only the final stage chain decides the image\'s user, and this image runs as foo',
};

export function hadolintDifference(id: string, dockerfile: string, expected: number): string | undefined {
  const byId = DIFFERENCES[id];
  if (byId !== undefined) return byId;
  if (expected === 0 && /^#\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=/m.test(dockerfile)) {
    return 'hadolint\'s inline ignore pragmas are not honoured: Palisade suppresses with its own file-wide ignore comment (with a reason) or configured exceptions';
  }
  return undefined;
}
