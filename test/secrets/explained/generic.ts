/**
 * Gitleaks cases on which Palisade's rules knowingly disagree, by case id, with the reason (a
 * different semantics stated, not a bug left). Read by ../gitleaks.test.ts.
 */
export const EXPLAINED: Readonly<Record<string, string>> = {
};
