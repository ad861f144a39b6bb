/**
 * hadolint (../shared/testdata/supply-chain/dockerfile-lint): its rule cases (Dockerfile snippets
 * from its Hspec tests) mapped to Palisade rules. Palisade keeps its own kebab-case ids; the
 * hadolint id a rule answers to lives here, with a message pattern where one Palisade rule covers
 * several hadolint checks. A case agrees when the mapped findings match its expectation (at least
 * one, exactly none, or exactly one); a finding the file's own pragmas suppress is one hadolint
 * does not report.
 */
import { HADOLINT_CHECKS } from '../../lib/dockerfile/hadolint.js';
import type { RuleCheck } from '../types.js';

/** The table lives with the Dockerfile reader, which needs it to honour `# hadolint ignore=` pragmas. */
export const HADOLINT: Readonly<Record<string, RuleCheck>> = HADOLINT_CHECKS;

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
  DL1001: 'a style check against using the inline pragmas themselves; Palisade honours them (and shows what they suppress), so it does not discourage them',
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

/** Why a case disagrees, by its id. */
const DIFFERENCES: Readonly<Record<string, string>> = {
  'dockerfile-lint/hadolint-rule-cases#00380': 'a HEALTHCHECK in shell form runs under /bin/sh -c as a probe, not as PID 1: no signal is lost, so dockerfile-exec-form judges CMD and ENTRYPOINT only',
  'dockerfile-lint/hadolint-rule-cases#01003': 'the SHELL sets -o pipefail; hadolint reads the comment line "# \\" as a line continuation (its upstream test documents this as a known false positive), the builder does not',
  'dockerfile-lint/hadolint-rule-cases#00027': 'hadolint flags root as the last user of an intermediate stage; only the final stage chain decides the image\'s user, and this image runs as foo',
};

export function hadolintDifference(id: string): string | undefined {
  return DIFFERENCES[id];
}
