/**
 * Java archives without a pom.properties of their own (built by Gradle, Bazel or Ant): the
 * version the file name carries against the manifest's build strings, and exact coordinates from a
 * Maven or Gradle repository layout. Manifests are those of the real jars (Kotlin's standard
 * library, JNA, json-path as published on Maven Central), zipped here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZERS, type Analyzer } from '../../src/analyzers/index.js';
import { inventoryImage } from '../../src/sdk/image.js';
import { requireTool } from './support/podman.js';

const java = ANALYZERS.find((a) => a.id === 'java') as Analyzer;
let work: string;

const KOTLIN_STDLIB = 'Manifest-Version: 1.0\r\nImplementation-Vendor: JetBrains\r\nImplementation-Title: kotlin-stdlib\r\nImplementation-Version: 2.1.0-release-394\r\nKotlin-Runtime-Component: Main\r\nKotlin-Version: 2.1\r\nMulti-Release: true\r\n\r\n';
const JNA = 'Manifest-Version: 1.0\r\nImplementation-Title: com.sun.jna\r\nImplementation-Vendor: JNA Development Team\r\nImplementation-Version: 5.13.0 (b0)\r\nSpecification-Version: 5\r\nBundle-Name: jna\r\nBundle-SymbolicName: com.sun.jna\r\nBundle-Version: 5.13.0\r\n\r\n';
const JSON_PATH = 'Manifest-Version: 1.0\r\nBundle-Name: json-path\r\nBundle-SymbolicName: json-path\r\nBundle-Version: 2.10.0\r\nImplementation-Title: json-path\r\nImplementation-Version: task \':json-path:jar\' property \'archiveVersion\r\n \'\r\n\r\n';
const PROTOBUF = 'Manifest-Version: 1.0\r\nBundle-SymbolicName: com.google.protobuf\r\nBundle-Version: 4.28.2\r\n\r\n';

function jar(path: string, manifest: string): Buffer {
  const tree = mkdtempSync(join(work, 'tree-'));
  mkdirSync(join(tree, 'META-INF'));
  writeFileSync(join(tree, 'META-INF/MANIFEST.MF'), manifest);
  const archive = join(tree, 'out.jar');
  execFileSync('zip', ['-q', archive, 'META-INF/MANIFEST.MF'], { cwd: tree });
  const content = readFileSync(archive);
  mkdirSync(dirname(join(work, 'root', path)), { recursive: true });
  writeFileSync(join(work, 'root', path), content);
  return content;
}

function purls(path: string, manifest: string): string[] {
  return java.parse({ path, content: jar(path, manifest) }, { exists: () => false }).map((p) => p.purl);
}

beforeAll(() => {
  requireTool('zip');
  work = mkdtempSync(join(tmpdir(), 'palisade-java-identity-'));
});

describe('java archives identified without their own pom.properties', () => {
  it('takes the version the file name carries over manifest build strings, as Syft does', () => {
    expect(purls('/app/lib/kotlin-stdlib-2.1.0.jar', KOTLIN_STDLIB)).toEqual(['pkg:maven/kotlin-stdlib@2.1.0']);
    expect(purls('/app/lib/jna-5.13.0.jar', JNA)).toEqual(['pkg:maven/com.sun/jna@5.13.0']);
    expect(purls('/app/lib/json-path-2.10.0.jar', JSON_PATH)).toEqual(['pkg:maven/json-path@2.10.0']);
  });

  it('reads a version from the manifest only where one is, when the file name has none', () => {
    // "5.13.0 (b0)": a build number after the version.
    expect(purls('/app/jna.jar', JNA)).toEqual(['pkg:maven/com.sun/jna@5.13.0']);
    // An unexpanded Gradle property is no version: Bundle-Version is.
    expect(purls('/app/json-path.jar', JSON_PATH)).toEqual(['pkg:maven/json-path@2.10.0']);
    expect(purls('/app/old.jar', 'Manifest-Version: 1.0\nImplementation-Title: old\nImplementation-Version: "1.6"\n\n')).toEqual(['pkg:maven/old@1.6']);
    expect(purls('/app/none.jar', 'Manifest-Version: 1.0\nImplementation-Title: none\nImplementation-Version: unknown\n\n')).toEqual([]);
  });

  it('takes exact coordinates from a Maven repository or the Gradle cache', () => {
    expect(purls('/root/.m2/repository/com/google/protobuf/protobuf-java/4.28.2/protobuf-java-4.28.2.jar', PROTOBUF))
      .toEqual(['pkg:maven/com.google.protobuf/protobuf-java@4.28.2']);
    expect(purls('/usr/share/maven-repo/net/java/dev/jna/jna/5.13.0/jna-5.13.0.jar', JNA)).toEqual(['pkg:maven/net.java.dev.jna/jna@5.13.0']);
    // A classifier follows the version in the file name; the directories say where the version ends.
    expect(purls('/cache/repository/org/sonatype/sisu/sisu-guice/3.1.0/sisu-guice-3.1.0-no_aop.jar', 'Manifest-Version: 1.0\n\n'))
      .toEqual(['pkg:maven/org.sonatype.sisu/sisu-guice@3.1.0']);
    expect(purls(`/home/gradle/.gradle/caches/modules-2/files-2.1/org.jetbrains.kotlin/kotlin-stdlib/2.1.0/${'a1'.repeat(20)}/kotlin-stdlib-2.1.0.jar`, KOTLIN_STDLIB))
      .toEqual(['pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@2.1.0']);
    // Directories that disagree with the file name are no repository layout.
    expect(purls('/srv/repository/com/example/tool/9.9/jna-5.13.0.jar', JNA)).toEqual(['pkg:maven/com.sun/jna@5.13.0']);
    expect(purls('/srv/repository/jna/5.13.0/jna-5.13.0.jar', JNA)).toEqual(['pkg:maven/com.sun/jna@5.13.0']);
  });

  it('gives the same through an image inventory, where jars are condensed as they stream', async () => {
    const result = await inventoryImage(`dir:${join(work, 'root')}`);
    const found = result.inventory.packages.filter((p) => p.file.startsWith('/root/.m2/')).map((p) => `${p.purl} ${p.file}`);
    expect(found).toEqual(['pkg:maven/com.google.protobuf/protobuf-java@4.28.2 /root/.m2/repository/com/google/protobuf/protobuf-java/4.28.2/protobuf-java-4.28.2.jar']);
    expect(result.inventory.packages.find((p) => p.file === '/app/lib/kotlin-stdlib-2.1.0.jar')?.version).toBe('2.1.0');
  });
});
