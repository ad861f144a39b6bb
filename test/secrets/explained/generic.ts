/**
 * Gitleaks cases on which Palisade's rules knowingly disagree, by case id, with the reason (a
 * different semantics stated, not a bug left). Read by ../gitleaks.test.ts.
 */
/** A token whose claims name documentation's people or domains is a sample, not a credential (src/lib/secrets/placeholders.ts). */
const DOCUMENTATION_JWT = 'a documentation token: its claims name an RFC 2606 example domain (admin@example.com, the dex example-app of MinIO\'s guide); Palisade drops tokens whose claims say they are samples, as it drops AKIA…EXAMPLE';

export const EXPLAINED: Readonly<Record<string, string>> = {
  'secrets/gitleaks/rule-cases#00546': DOCUMENTATION_JWT,
  'secrets/gitleaks/rule-cases#00544': "the token's header does not decode to a JSON object (its \"alg\" value is corrupted): Palisade decodes header and payload, as detect-secrets does, and reports only tokens that parse",
};
