/**
 * Maven coordinates from where an archive sits in a repository of artifacts. A jar without its own
 * pom.properties (built by Gradle, Bazel or Ant) names no group anywhere inside, but in a Maven
 * local repository (~/.m2/repository, a CI cache, Debian's /usr/share/maven-repo) its path is
 * GROUP/PATH/ARTIFACT/VERSION/ARTIFACT-VERSION[-CLASSIFIER].jar (the maven-resolver default layout),
 * and in Gradle's cache GROUP.ID/ARTIFACT/VERSION/SHA1/ARTIFACT-VERSION[-CLASSIFIER].jar
 * (modules-2/files-2.1). The file name must agree with the directories, so a stray directory
 * called "repository" does not invent coordinates.
 */
export interface Coordinates {
  readonly group: string;
  readonly artifact: string;
  readonly version: string;
}

const MAVEN_ROOTS = new Set(['repository', 'maven-repo']);
const GRADLE_ROOT = 'files-2.1';

export function coordinatesFromPath(path: string): Coordinates | undefined {
  const segments = path.split('/');
  const file = segments.at(-1) ?? '';
  const gradle = segments.lastIndexOf(GRADLE_ROOT);
  if (gradle !== -1 && segments.length - gradle === 6) {
    const [group = '', artifact = '', version = '', sha1 = ''] = segments.slice(gradle + 1, -1);
    return /^[0-9a-f]{40}$/.test(sha1) && namesArtifact(file, artifact, version) ? { group, artifact, version } : undefined;
  }
  const root = segments.findLastIndex((s, i) => MAVEN_ROOTS.has(s) && i < segments.length - 4);
  if (root === -1) return undefined;
  const artifact = segments.at(-3) ?? '';
  const version = segments.at(-2) ?? '';
  const groupPath = segments.slice(root + 1, -3);
  // Dots of the group id are directory separators in this layout: a segment holding one is not a group's.
  if (groupPath.some((s) => s === '' || s.includes('.')) || !namesArtifact(file, artifact, version)) return undefined;
  return { group: groupPath.join('.'), artifact, version };
}

/** ARTIFACT-VERSION.ext or ARTIFACT-VERSION-CLASSIFIER.ext, as both layouts name the file. */
function namesArtifact(file: string, artifact: string, version: string): boolean {
  const stem = `${artifact}-${version}`;
  return artifact !== '' && version !== '' && file.startsWith(stem) && /^(?:-[^/]+)?\.[a-z]+$/i.test(file.slice(stem.length));
}
