/**
 * Gitleaks cases on which Palisade's rules knowingly disagree, by case id, with the reason (a
 * different semantics stated, not a bug left). Read by ../gitleaks.test.ts.
 */

/** gitleaks allowlists these well-formed Google API keys by value (published sample keys); Palisade does not keep a list of known-public keys. */
const GOOGLE = 'a well-formed key that gitleaks allowlists by value';
/** gitleaks applies some rules only to files of one kind; Palisade's text scan judges the text, wherever it is found. */
const PATH_ONLY = 'gitleaks restricts this rule to a file name (nuget.config, *.php); Palisade recognises the format in any file';
/** gitleaks allowlists these NuGet passwords by value (fixtures of NuGet\'s own test suite); Palisade keeps no list of known values. */
const NUGET_SAMPLE = 'a well-formed cleartext password that gitleaks allowlists by value';

export const EXPLAINED: Readonly<Record<string, string>> = {
  'secrets/gitleaks/rule-cases#00315': GOOGLE,
  'secrets/gitleaks/rule-cases#00316': GOOGLE,
  'secrets/gitleaks/rule-cases#00317': GOOGLE,
  'secrets/gitleaks/rule-cases#00318': GOOGLE,
  'secrets/gitleaks/rule-cases#00319': GOOGLE,
  'secrets/gitleaks/rule-cases#00320': GOOGLE,
  'secrets/gitleaks/rule-cases#00323': GOOGLE,
  'secrets/gitleaks/rule-cases#00324': GOOGLE,
  'secrets/gitleaks/rule-cases#00326': GOOGLE,
  'secrets/gitleaks/rule-cases#00330': GOOGLE,
  'secrets/gitleaks/rule-cases#00308': PATH_ONLY,
  'secrets/gitleaks/rule-cases#00679': PATH_ONLY,
  'secrets/gitleaks/rule-cases#00683': NUGET_SAMPLE,
  'secrets/gitleaks/rule-cases#00684': NUGET_SAMPLE,
};
