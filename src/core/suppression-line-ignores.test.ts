/** Line-scoped ignores (`/ignores` of Palisade's own resources, written by the Dockerfile loader) in applySuppressions. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { JsonObject, Resource } from '../model/resource.js';
import { refOf } from '../model/resource.js';
import { applySuppressions, type LineIgnore } from './suppression.js';

function dockerfile(ignores: unknown, apiVersion = 'palisade.dev/v1'): Resource {
  const object: JsonObject = { apiVersion, kind: 'Dockerfile', metadata: { name: 'Dockerfile' }, ignores: ignores as JsonObject[] };
  const positions = { get: () => undefined, nearest: () => undefined };
  return { apiVersion, kind: 'Dockerfile', name: 'Dockerfile', object, source: { file: 'svc/Dockerfile', documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions } };
}

function finding(of: Resource, ruleId: string, line: number, message = `${ruleId} finding`): Finding {
  return {
    id: `${ruleId}-${line}`,
    ruleId,
    title: ruleId,
    severity: 'medium',
    status: 'fail',
    message,
    threats: [],
    mitre: [],
    resource: refOf(of),
    location: { file: of.source.file, line, column: 1, path: '' },
    remediation: 'Fix it.',
    suppressed: false,
  };
}

const ignore = (fromLine: number, toLine: number, naming: LineIgnore['naming'], ids: string[], reason: string): LineIgnore => ({ line: fromLine - 1, fromLine, toLine, naming, ids, reason });
const EPOCH = new Date(0);

describe('line-scoped ignores', () => {
  it('suppresses only on the covered lines, by rule id or by the hadolint check the finding answers to', () => {
    const resource = dockerfile([ignore(3, 4, 'palisade', ['dockerfile-sudo'], 'vendor script'), ignore(6, 6, 'hadolint', ['DL3008'], 'hadolint pragma on line 5')]);
    const findings = [
      finding(resource, 'dockerfile-sudo', 2),
      finding(resource, 'dockerfile-sudo', 4),
      finding(resource, 'dockerfile-unpinned-packages', 6, 'apt-get install of curl has no version'),
      finding(resource, 'dockerfile-unpinned-packages', 6, 'pip install of flask has no version'),
    ];
    const result = applySuppressions(findings, [resource], [], EPOCH);
    expect(result.findings.map((f) => [f.location.line, f.suppressed, f.suppression?.reason])).toEqual([
      [2, false, undefined],
      [4, true, 'vendor script'],
      [6, true, 'hadolint pragma on line 5'],
      [6, false, undefined],
    ]);
  });

  it('picks the ignore that starts first where several overlap, and finds each among many', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ignore(10 + i * 2, 10 + i * 2, 'palisade', ['dockerfile-sudo'], `line ${10 + i * 2}`));
    const resource = dockerfile([ignore(1, 100, 'palisade', ['dockerfile-sudo'], 'stage'), ...many, ignore(1, 20_000, 'palisade', ['dockerfile-sudo'], 'global')]);
    const result = applySuppressions([finding(resource, 'dockerfile-sudo', 50), finding(resource, 'dockerfile-sudo', 5000), finding(resource, 'dockerfile-sudo', 5001)], [resource], [], EPOCH);
    expect(result.findings.map((f) => f.suppression?.reason)).toEqual(['stage', 'global', 'global']);
  });

  it('still counts the findings an exception matches, so it is not reported unused', () => {
    const resource = dockerfile([ignore(2, 2, 'palisade', ['dockerfile-sudo'], 'vendor script')]);
    const result = applySuppressions([finding(resource, 'dockerfile-sudo', 2)], [resource], [{ rules: ['dockerfile-sudo'], reason: 'accepted' }], EPOCH);
    expect(result.findings[0]?.suppression).toEqual({ kind: 'annotation', reason: 'vendor script' });
    expect(result.exceptionStatus.map((s) => [s.state, s.matched])).toEqual([['active', 1]]);
  });

  it('reports unknown Palisade rule ids at the comment line, and skips malformed entries and other API groups', () => {
    const resource = dockerfile([ignore(3, 3, 'palisade', ['dockerfile-sudoo'], 'x'), { line: 'one', fromLine: 1, toLine: 9, naming: 'palisade', ids: ['dockerfile-sudo'], reason: 'bad' }, null, 'text']);
    const result = applySuppressions([finding(resource, 'dockerfile-sudo', 3)], [resource], [], EPOCH, { ruleIds: new Set(['dockerfile-sudo']) });
    expect(result.findings[0]?.suppressed).toBe(false);
    expect(result.problems.map((p) => [p.code, p.file, p.line, p.hint])).toEqual([['annotation-unknown-rule', 'svc/Dockerfile', 2, expect.stringContaining('Did you mean "dockerfile-sudo"?')]]);
    const foreign = dockerfile([ignore(3, 3, 'palisade', ['dockerfile-sudo'], 'x')], 'apps/v1');
    expect(applySuppressions([finding(foreign, 'dockerfile-sudo', 3)], [foreign], [], EPOCH).findings[0]?.suppressed).toBe(false);
  });
});
