/**
 * Java packages in jar, war and ear archives and the jars nested in them. Each pom.properties
 * (groupId, artifactId, version) is a package: the archive's own and those of libraries shaded into
 * it. An archive without one is identified from its MANIFEST.MF (Implementation-* or Bundle-*
 * headers), and failing that from a `name-1.2.3.jar` file name. purl: pkg:maven/GROUP/ARTIFACT@VERSION.
 */
import { posix } from 'node:path';
import type { Analyzer, FoundPackage } from './analyzer.js';
import { type ArchiveMeta, condenseArchive, condensedError, condensedMeta, readArchive } from './java/archive.js';
import { coordinatesFromPath } from './java/repository-layout.js';
import { licensesFromBundleLicense } from './licenses.js';
import { readArchiveStream } from './java/stream.js';
import { purl } from './purl.js';

const ARCHIVE = /\.(?:jar|war|ear|sar|par|jpi|hpi|kar)$/i;

export const javaAnalyzer: Analyzer = {
  id: 'java',
  title: 'Java archives (pom.properties, MANIFEST.MF, nested jars)',
  matches: (path) => ARCHIVE.test(path),
  condense: (file) => condenseArchive(file.path, file.content),
  // Fat jars of a hundred megabytes are common (Spring Boot): read as they stream, never held.
  condenseStream: async (file, chunks) => {
    try {
      return condensedMeta(await readArchiveStream(file.path, chunks));
    } catch (error) {
      return condensedError(error);
    }
  },
  parse(file) {
    const packages: FoundPackage[] = [];
    const seen = new Set<string>();
    const visit = (meta: ArchiveMeta): void => {
      for (const found of identify(meta)) {
        if (seen.has(found.purl)) continue;
        seen.add(found.purl);
        packages.push(found);
      }
      meta.nested.forEach(visit);
    };
    visit(readArchive(file.path, file.content));
    return packages;
  },
};

function identify(meta: ArchiveMeta): FoundPackage[] {
  const headers = meta.manifest === undefined ? new Map<string, string>() : manifestHeaders(meta.manifest);
  // The manifest's licence is the archive's own: its pom's package has it, shaded ones do not.
  const bundleLicense = headers.get('Bundle-License');
  const licenses = bundleLicense === undefined ? [] : licensesFromBundleLicense(bundleLicense);
  const fromName = nameAndVersion(posix.basename(meta.path.slice(meta.path.lastIndexOf('!/') + 1)));
  const poms = meta.poms.map(properties);
  const fromPoms = poms.flatMap((props) => {
    const group = props.get('groupId');
    const artifact = props.get('artifactId');
    const version = props.get('version');
    const ownPom = poms.length === 1 || artifact === fromName?.name;
    return group !== undefined && artifact !== undefined && version !== undefined ? [maven(group, artifact, version, ownPom ? licenses : [])] : [];
  });
  if (fromPoms.length === 0) return fromArchive(meta, headers, fromName, licenses);
  // pom.properties of shaded libraries say nothing about the archive itself: a jar built without
  // Maven (Gradle, Ant) that shades one still is a package. A versioned file name no pom's
  // artifactId matches is that evidence (Syft reads it the same way); a bare "app.jar" is not.
  const own = fromName?.version !== undefined && !poms.some((props) => props.get('artifactId') === fromName.name);
  return own ? [...fromArchive(meta, headers, fromName, licenses), ...fromPoms] : fromPoms;
}

/**
 * The archive's own identity. Its place in a Maven or Gradle repository names it exactly. Otherwise
 * the version comes from the file name first, as Syft takes it: build tools name artifacts
 * ARTIFACT-VERSION.jar, while manifests carry build strings ("2.1.0-release-394" in Kotlin's,
 * "5.13.0 (b0)" in JNA's, an unexpanded Gradle property in json-path's).
 */
function fromArchive(meta: ArchiveMeta, headers: ReadonlyMap<string, string>, fromName: { name: string; version?: string } | undefined, licenses: string[]): FoundPackage[] {
  const layout = meta.path.includes('!/') ? undefined : coordinatesFromPath(meta.path);
  if (layout !== undefined) return [maven(layout.group, layout.artifact, layout.version, licenses)];
  const symbolic = headers.get('Bundle-SymbolicName')?.split(';')[0]?.trim();
  const title = headers.get('Implementation-Title') ?? headers.get('Bundle-Name') ?? headers.get('Specification-Title');
  const version = fromName?.version ?? manifestVersion(headers);
  const group = headers.get('Implementation-Vendor-Id') ?? (symbolic?.includes('.') === true ? symbolic.slice(0, symbolic.lastIndexOf('.')) : undefined);
  // The file name usually is the artifact id; a title is prose ("Apache Commons IO").
  const artifact = fromName?.name ?? (symbolic?.includes('.') === true ? symbolic.slice(symbolic.lastIndexOf('.') + 1) : symbolic) ?? title;
  if (artifact === undefined || version === undefined) return [];
  return [maven(group, artifact, version, licenses)];
}

/**
 * The first manifest version header that holds a version: Implementation-Version is the build's,
 * Bundle-Version the OSGi one (often with a qualifier), Specification-Version often the API's.
 * A date or build number after the version ("1.3 2244 October 5 2008") and quotes are dropped;
 * a value not starting with a digit is no version.
 */
function manifestVersion(headers: ReadonlyMap<string, string>): string | undefined {
  for (const header of ['Implementation-Version', 'Bundle-Version', 'Specification-Version']) {
    const value = headers.get(header)?.replace(/^["']|["']$/g, '').trim().split(/\s/)[0];
    if (value !== undefined && /^v?\d/.test(value)) return value;
  }
  return undefined;
}

function maven(group: string | undefined, artifact: string, version: string, licenses: string[]): FoundPackage {
  return {
    name: group === undefined ? artifact : `${group}:${artifact}`, version, ecosystem: 'maven', licenses,
    purl: purl({ type: 'maven', ...(group === undefined ? {} : { namespace: group }), name: artifact, version }),
  };
}

/** Java .properties as Maven writes them: key=value lines, # comments. */
function properties(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (match?.[1] !== undefined && match[2] !== undefined) map.set(match[1], match[2].trim());
  }
  return map;
}

/** The main section of a manifest: "Name: value" lines, continued by lines starting with a space. */
function manifestHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last !== undefined) {
      headers.set(last, `${headers.get(last) ?? ''}${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}

/** "commons-io-2.11.0.jar" -> commons-io 2.11.0: the version starts at the first "-DIGIT". */
function nameAndVersion(file: string): { name: string; version?: string } | undefined {
  const stem = file.replace(ARCHIVE, '');
  if (stem === '') return undefined;
  const match = /^(.+?)-(\d[\w.+-]*)$/.exec(stem);
  return match?.[1] === undefined || match[2] === undefined ? { name: stem } : { name: match[1], version: match[2] };
}
