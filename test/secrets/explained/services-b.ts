/**
 * Gitleaks cases on which Palisade's rules knowingly disagree, by case id, with the reason (a
 * different semantics stated, not a bug left). Read by ../gitleaks.test.ts.
 */
/** gitleaks' age fixture is a run of one character, which every Palisade rule treats as a placeholder (the same policy gitleaks applies to "ghp_xxxx…"). */
const AGE = 'the fixture is one repeated character: a placeholder to Palisade';
/** gitleaks' long-lived Bedrock fixture is AWS's documentation sample, its secret spelled "EXAMPLE…": a placeholder to Palisade. */
const BEDROCK = 'the fixture is an EXAMPLE-filled documentation sample: a placeholder to Palisade';

export const EXPLAINED: Readonly<Record<string, string>> = {
  'secrets/gitleaks/rule-cases#00010': AGE,
  'secrets/gitleaks/rule-cases#00012': AGE,
  'secrets/gitleaks/rule-cases#00013': AGE,
  'secrets/gitleaks/rule-cases#00014': AGE,
  'secrets/gitleaks/rule-cases#00017': AGE,
  'secrets/gitleaks/rule-cases#00018': AGE,
  'secrets/gitleaks/rule-cases#00019': AGE,
  'secrets/gitleaks/rule-cases#00021': AGE,
  'secrets/gitleaks/rule-cases#00024': AGE,
  'secrets/gitleaks/rule-cases#00025': AGE,
  'secrets/gitleaks/rule-cases#00026': AGE,
  'secrets/gitleaks/rule-cases#00027': AGE,
  'secrets/gitleaks/rule-cases#00029': AGE,
  'secrets/gitleaks/rule-cases#00031': AGE,
  'secrets/gitleaks/rule-cases#00032': AGE,
  'secrets/gitleaks/rule-cases#00033': AGE,
  'secrets/gitleaks/rule-cases#00102': BEDROCK,
};
