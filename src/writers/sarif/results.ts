/** results[] and tool notifications: findings and problems mapped to SARIF. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Suppression } from '../../model/finding.js';
import type { Problem } from '../../model/problem.js';
import { resourceKey } from '../../model/resource.js';
import { isClusterSource } from '../../model/source.js';
import { isFileBacked, pathToUri, uriSegment } from '../common/artifact-path.js';
import { checkoutPath, type CheckoutBase } from '../common/checkout.js';
import { sarifLevel } from './rules.js';
import { imagePhysicalLocation, isImageResult, securitySeverityOf } from './vulnerabilities.js';
import type { SarifLevel, SarifLocation, SarifNotification, SarifPhysicalLocation, SarifResult, SarifSuppression } from './sarif-types.js';

export const SRCROOT = '%SRCROOT%';

/**
 * A file inside the checkout (../common/checkout.ts) becomes a %SRCROOT%-relative URI; one outside
 * it an absolute file: URI (a viewer can still open it locally); stdin and clusters get none.
 */
export function physicalLocation(file: string, line: number | undefined, column: number | undefined, base: CheckoutBase): SarifPhysicalLocation | undefined {
  if (!isFileBacked(file)) return undefined;
  const relative = checkoutPath(file, base);
  const artifactLocation =
    relative !== undefined ? { uri: pathToUri(relative), uriBaseId: SRCROOT } : { uri: pathToFileURL(resolve(base.cwd, file)).href };
  if (line === undefined || line < 1) return { artifactLocation };
  const region = column === undefined || column < 1 ? { startLine: line } : { startLine: line, startColumn: column };
  return { artifactLocation, region };
}

/**
 * No `status`: the committee-specification schema calls it `state`, the final standard `status`,
 * and an absent value means the suppression is in force under both.
 */
function suppressionOf(suppression: Suppression | undefined): SarifSuppression {
  if (suppression === undefined) return { kind: 'external' };
  switch (suppression.kind) {
    case 'annotation':
      return { kind: 'inSource', justification: suppression.reason };
    case 'exception': {
      const { exceptionIndex, owner, expires } = suppression;
      return {
        kind: 'external',
        justification: suppression.reason,
        properties: { source: 'exception', exceptionIndex, ...(owner === undefined ? {} : { owner }), ...(expires === undefined ? {} : { expires }) },
      };
    }
    case 'vex':
      return { kind: 'external', justification: suppression.reason, properties: { source: 'vex', vexDocument: suppression.source } };
  }
}

/**
 * GitHub code scanning rejects a whole upload when one result lacks a physical location
 * ("locationFromSarifResult: expected artifact location"), so an object with no file of its own
 * (read from stdin or a live cluster; an image finding with no file) is placed at an artifact
 * named after the object: `stdin/Kind/ns/name`, `cluster/<context>/Kind/ns/name`. Named by the
 * object rather than by a line of the stream, the place stays the same from run to run, which is
 * what keeps an alert tracked. No region: a line of stdin is no line of that artifact.
 */
function objectPhysicalLocation(finding: Finding): SarifPhysicalLocation {
  const { file } = finding.location;
  const { kind, namespace, name } = finding.resource;
  const [prefix, whence] =
    file === '-' ? [['stdin'], 'read from standard input'] : isClusterSource(file) ? [['cluster', file.slice('cluster:'.length)], `read from ${file}`] : [[], 'with no file of its own'];
  // Each name is one segment, whatever it holds: a hostile "../../README.md" cannot become a path
  // that points at another file of the repository.
  const segments = [...prefix, kind, ...(namespace === undefined ? [] : [namespace]), name].map((s) => (/^\.+$/.test(s) ? s.replace(/\./g, '%2E') : uriSegment(s)));
  const text = `${resourceKey(finding.resource)}, ${whence}: not a file of the repository.`;
  return { artifactLocation: { uri: segments.join('/'), description: { text } } };
}

function location(finding: Finding, base: CheckoutBase): SarifLocation {
  const { file, line, column, path } = finding.location;
  // A file inside an image is no file of the scanning machine: located under IMAGEROOT.
  const physical = (isImageResult(finding) ? imagePhysicalLocation(finding) : physicalLocation(file, line, column, base)) ?? objectPhysicalLocation(finding);
  const resource = { name: finding.resource.name, fullyQualifiedName: resourceKey(finding.resource), kind: 'resource' };
  return {
    physicalLocation: physical,
    logicalLocations: [resource],
    properties: { jsonPointer: path, apiVersion: finding.resource.apiVersion, source: file },
  };
}

/** The risk as result properties: score, level, context and why, plus the paths it lies on. */
function riskProperties(finding: Finding): Record<string, unknown> {
  const { risk } = finding;
  if (risk === undefined) return {};
  return {
    risk: risk.score,
    riskLevel: risk.level,
    riskContext: risk.context,
    riskReason: risk.reason,
    ...(risk.paths === 0 ? {} : { attackPaths: risk.paths, crownJewels: risk.jewels }),
  };
}

/**
 * SARIF reads `[text](destination)` in a plain-text message as an embedded link (§3.11.6), and
 * viewers make it clickable (VS Code's SARIF viewer opens any URL). Messages quote names from
 * manifests and images, so a message holding that pattern has its `\`, `[` and `]` escaped, which
 * the specification's grammar reads back as literal characters. Other messages, the usual case,
 * are left as they are, so that no viewer shows stray backslashes in them.
 */
export function plainText(text: string): string {
  return text.includes('](') ? text.replace(/[\\[\]]/g, (c) => `\\${c}`) : text;
}

export function result(finding: Finding, ruleIndex: number, base: CheckoutBase): SarifResult {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    kind: 'fail',
    message: { text: plainText(finding.message) },
    locations: [location(finding, base)],
    partialFingerprints: { 'palisadeFindingId/v1': finding.id },
    ...(finding.suppressed ? { suppressions: [suppressionOf(finding.suppression)] } : {}),
    // Rank is SARIF's own field for exactly this: how much a result matters, 0-100, in context.
    ...(finding.risk === undefined ? {} : { rank: finding.risk.score }),
    // The finding's own severity may differ from the rule's default (a worse hostPath, say).
    properties: { severity: finding.severity, 'security-severity': securitySeverityOf(finding), status: finding.status, ...riskProperties(finding) },
  };
}

const NOTIFICATION_LEVEL: Readonly<Record<Problem['level'], SarifLevel>> = { error: 'error', warning: 'warning', note: 'note' };

export function notification(problem: Problem, base: CheckoutBase): SarifNotification {
  const physical = problem.file === undefined ? undefined : physicalLocation(problem.file, problem.line, problem.column, base);
  const text = problem.hint === undefined ? problem.message : `${problem.message} (hint: ${problem.hint})`;
  return {
    level: NOTIFICATION_LEVEL[problem.level],
    message: { text: plainText(text) },
    descriptor: { id: problem.code },
    ...(physical === undefined ? {} : { locations: [{ physicalLocation: physical }] }),
  };
}
