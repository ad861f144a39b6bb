/**
 * Where the project lives on the web, for links that reports carry (SARIF informationUri and
 * helpUri, the JSON schema's $id). One place, so a move of the repository is a one-line change.
 */
export const PROJECT_HOME = 'https://github.com/palisade-security/palisade';

/** The documentation page of one rule (docs live next to each rule, see docs/STYLE.md). */
export function ruleDocUrl(ruleId: string): string {
  return `${PROJECT_HOME}/blob/main/src/rules/${encodeURIComponent(ruleId)}/doc.md`;
}
