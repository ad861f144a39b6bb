/**
 * Test case names that are unique within their suite. GitLab keys a test case by classname and
 * name and keeps only the last case of a repeated pair, so two findings of one rule on one object
 * (two privileged containers of a Deployment, or the same Deployment in two overlays) showed as a
 * single failure; Jenkins and Azure DevOps merge the history of such cases.
 */

/** Extra words that tell one case from another with the same name ('' when there are none). */
export type Qualifier = (index: number) => string;

/**
 * `names` with each repeated name qualified by the first qualifier, names still repeated by the
 * next, and so on; any name repeated after that is numbered in order ("x", "x #2", "x #3"). A name
 * seen once keeps its short form.
 */
export function uniqueNames(names: readonly string[], qualifiers: readonly Qualifier[] = []): string[] {
  const qualified = qualifiers.reduce<readonly string[]>((current, qualifier) => qualifyRepeats(current, qualifier), names);
  const seen = new Map<string, number>();
  return qualified.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} #${String(count)}`;
  });
}

function qualifyRepeats(names: readonly string[], qualifier: Qualifier): readonly string[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return names.map((name, index) => {
    if ((counts.get(name) ?? 0) < 2) return name;
    const more = qualifier(index);
    return more === '' ? name : `${name} ${more}`;
  });
}
