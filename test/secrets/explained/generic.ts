/**
 * Gitleaks cases on which Palisade's rules knowingly disagree, by case id, with the reason (a
 * different semantics stated, not a bug left). Read by ../gitleaks.test.ts.
 */
export const EXPLAINED: Readonly<Record<string, string>> = {
  'secrets/gitleaks/rule-cases#00544': "the token's header does not decode to a JSON object (its \"alg\" value is corrupted): Palisade decodes header and payload, as detect-secrets does, and reports only tokens that parse",
};
