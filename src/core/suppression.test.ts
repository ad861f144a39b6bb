import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { JsonObject, Resource } from '../model/resource.js';
import type { Position, PositionMap } from '../model/source.js';
import { refOf } from '../model/resource.js';
import { parentPointer } from '../lib/json-pointer.js';
import { applySuppressions, expiryEnd, isExpired, parseIgnoreAnnotation, type ExceptionInput } from './suppression.js';
import { locate } from './locate.js';

/** Positions for a handful of pointers; lookups fall back to the nearest ancestor, as loaders do. */
function positionMap(entries: Readonly<Record<string, Position>>): PositionMap {
  const get = (pointer: string): Position | undefined => entries[pointer];
  return {
    get,
    nearest(pointer) {
      for (let current: string | undefined = pointer; current !== undefined; current = parentPointer(current)) {
        const position = get(current);
        if (position !== undefined) return { pointer: current, position };
      }
      return undefined;
    },
  };
}

function resource(object: JsonObject, file = 'app.yaml', positions: Readonly<Record<string, Position>> = { '': { line: 1, column: 1 } }): Resource {
  const metadata = object.metadata as JsonObject;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  return {
    apiVersion: text(object.apiVersion),
    kind: text(object.kind),
    name: text(metadata.name),
    ...(namespace === undefined ? {} : { namespace }),
    object,
    source: { file, documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions: positionMap(positions) },
  };
}

function finding(of: Resource, ruleId: string, path = '/spec'): Finding {
  return {
    id: `${ruleId}-${of.name}`,
    ruleId,
    title: ruleId,
    severity: 'high',
    status: 'fail',
    message: `${ruleId} on ${of.name}`,
    threats: [],
    mitre: [],
    resource: refOf(of),
    location: locate(of, path),
    remediation: 'Fix it.',
    suppressed: false,
  };
}

const deployment = (name: string, namespace: string | undefined, annotations: JsonObject = {}, templateAnnotations: JsonObject = {}): Resource =>
  resource({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }), annotations },
    spec: { template: { metadata: { annotations: templateAnnotations }, spec: { containers: [{ name: 'app', image: 'app:1' }] } } },
  });

const NOW = new Date('2026-05-10T12:00:00Z');
const except = (input: Partial<ExceptionInput> & { rules: string[] }): ExceptionInput => ({ reason: 'accepted', ...input });

describe('parseIgnoreAnnotation', () => {
  it('reads one or more rule ids and a reason', () => {
    expect(parseIgnoreAnnotation('host-pid: needs the host PID namespace')).toEqual({ ok: true, rules: ['host-pid'], reason: 'needs the host PID namespace' });
    expect(parseIgnoreAnnotation(' host-pid , host-ipc :  legacy: see TICKET-1 ')).toEqual({ ok: true, rules: ['host-pid', 'host-ipc'], reason: 'legacy: see TICKET-1' });
  });

  it('refuses a value without a reason, without rule ids, or with junk ids', () => {
    for (const value of ['host-pid', 'host-pid:', 'host-pid:   ', ': reason', 'host-pid,,x: reason', 'host pid: reason', 42, null]) {
      expect(parseIgnoreAnnotation(value).ok, String(value)).toBe(false);
    }
  });
});

describe('expiry', () => {
  it('keeps a date-only exception active through the last second of its day, UTC', () => {
    expect(isExpired('2026-05-10', new Date('2026-05-10T23:59:59.999Z'))).toBe(false);
    expect(isExpired('2026-05-10', new Date('2026-05-11T00:00:00.000Z'))).toBe(true);
    expect(isExpired('2026-05-09', NOW)).toBe(true);
    expect(isExpired(undefined, NOW)).toBe(false);
  });

  it('expires a date-time exception just after its instant, honouring the offset', () => {
    expect(isExpired('2026-05-10T14:00:00+02:00', new Date('2026-05-10T12:00:00.000Z'))).toBe(false);
    expect(isExpired('2026-05-10T14:00:00+02:00', new Date('2026-05-10T12:00:00.001Z'))).toBe(true);
  });

  it('treats an unreadable date as expired, so nothing is hidden by mistake', () => {
    expect(expiryEnd('2026-02-30')).toBeUndefined();
    expect(expiryEnd('soon')).toBeUndefined();
    expect(isExpired('2026-02-30', NOW)).toBe(true);
  });
});

describe('applySuppressions', () => {
  it('suppresses by the annotation on the resource, and on a Deployment pod template', () => {
    const onObject = deployment('a', 'web', { 'palisade.dev/ignore': 'host-pid,host-ipc: debug agent' });
    const onTemplate = deployment('b', 'web', {}, { 'palisade.dev/ignore': 'host-pid: profiler' });
    const plain = deployment('c', 'web');
    const findings = [finding(onObject, 'host-pid'), finding(onObject, 'host-network'), finding(onTemplate, 'host-pid'), finding(plain, 'host-pid')];
    const result = applySuppressions(findings, [onObject, onTemplate, plain], [], NOW);
    expect(result.findings.map((f) => f.suppression ?? null)).toEqual([
      { kind: 'annotation', reason: 'debug agent' },
      null,
      { kind: 'annotation', reason: 'profiler' },
      null,
    ]);
    expect(result.findings.map((f) => f.suppressed)).toEqual([true, false, true, false]);
    expect(result.problems).toEqual([]);
  });

  it('warns about a rule id no rule has, with the closest one, and still honours the ids that exist', () => {
    const typo = resource(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'web', annotations: { 'palisade.dev/ignore': 'host-pdi, host-ipc: debug agent' } }, spec: {} },
      'pod.yaml',
      { '': { line: 1, column: 1 }, '/metadata/annotations/palisade.dev~1ignore': { line: 6, column: 7 } },
    );
    const result = applySuppressions([finding(typo, 'host-pid'), finding(typo, 'host-ipc')], [typo], [], NOW, { ruleIds: new Set(['host-pid', 'host-ipc']) });
    expect(result.findings.map((f) => f.suppressed)).toEqual([false, true]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'annotation-unknown-rule', level: 'warning', file: 'pod.yaml', line: 6, column: 7, message: expect.stringContaining('"host-pdi"') as string, hint: expect.stringContaining('Did you mean "host-pid"?') as string }),
    ]);
  });

  it('reports a malformed annotation at its line and suppresses nothing', () => {
    const bad = resource(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'web', annotations: { 'palisade.dev/ignore': 'host-pid' } }, spec: {} },
      'pod.yaml',
      { '': { line: 1, column: 1 }, '/metadata/annotations': { line: 5, column: 5 }, '/metadata/annotations/palisade.dev~1ignore': { line: 6, column: 7 } },
    );
    const result = applySuppressions([finding(bad, 'host-pid')], [bad], [], NOW);
    expect(result.findings[0]?.suppressed).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'annotation-invalid', level: 'warning', file: 'pod.yaml', line: 6, column: 7, message: expect.stringContaining('Pod/web/p') as string }),
    ]);
  });

  it('does not let an annotation on one object suppress a same-named object in another file', () => {
    const annotated = deployment('app', 'web', { 'palisade.dev/ignore': 'host-pid: fine here' });
    const elsewhere = resource({ ...deployment('app', 'web').object }, 'other.yaml');
    const result = applySuppressions([finding(elsewhere, 'host-pid')], [annotated, elsewhere], [], NOW);
    expect(result.findings[0]?.suppressed).toBe(false);
  });

  it('scopes exceptions by rule glob and namespace, kind and name globs', () => {
    const agent = resource({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'cilium-agent', namespace: 'kube-system' }, spec: {} });
    const web = deployment('web', 'shop');
    const noNamespace = deployment('legacy', undefined);
    const role = resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'admin' } });
    const findings = [finding(agent, 'host-network'), finding(agent, 'host-path-mount'), finding(web, 'host-network'), finding(noNamespace, 'run-as-root'), finding(role, 'wildcard-verbs')];
    const exceptions = [
      except({ rules: ['host-*'], namespace: 'kube-*', kind: 'daemonset', name: '{cilium,calico}-*', reason: 'CNI' }),
      except({ rules: ['run-as-root'], namespace: 'default', reason: 'namespace omitted means default' }),
      // Cluster-scoped objects have no namespace: a namespace scope never matches them, even "*".
      except({ rules: ['wildcard-verbs'], namespace: '*', reason: 'never matches' }),
    ];
    const result = applySuppressions(findings, [agent, web, noNamespace, role], exceptions, NOW);
    expect(result.findings.map((f) => f.suppressed)).toEqual([true, true, false, true, false]);
    expect(result.findings[0]?.suppression).toEqual({ kind: 'exception', reason: 'CNI', exceptionIndex: 0 });
    expect(result.exceptionStatus.map((s) => [s.state, s.matched])).toEqual([
      ['active', 2],
      ['active', 1],
      ['unused', 0],
    ]);
  });

  it('matches a Namespace object by its own name, as the namespace its findings are about', () => {
    // namespace-without-network-policy is reported on a workload when the input has no Namespace
    // object, and on the Namespace when it has one: one exception must accept both.
    const legacy = resource({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } });
    const shop = resource({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const web = deployment('web', 'legacy');
    const findings = [finding(legacy, 'namespace-without-network-policy'), finding(shop, 'namespace-without-network-policy'), finding(web, 'namespace-without-network-policy')];
    const result = applySuppressions(findings, [legacy, shop, web], [except({ rules: ['namespace-without-*'], namespace: 'legacy' })], NOW);
    expect(result.findings.map((f) => f.suppressed)).toEqual([true, false, true]);
  });

  it('takes a leading ! as a negation, as the namespaces setting does', () => {
    const system = deployment('agent', 'kube-system');
    const shop = deployment('web', 'shop');
    const result = applySuppressions([finding(system, 'r'), finding(shop, 'r')], [system, shop], [except({ rules: ['r'], namespace: '!kube-system' })], NOW);
    expect(result.findings.map((f) => f.suppressed)).toEqual([false, true]);
  });

  it('matches plain names literally and braces as alternatives', () => {
    const dotted = deployment('app.v1', 'a');
    const lookalike = deployment('appxv1', 'b');
    const exceptions = [except({ rules: ['r'], name: 'app.v1' }), except({ rules: ['s'], namespace: '{a,b}' })];
    const findings = [finding(dotted, 'r'), finding(lookalike, 'r'), finding(dotted, 's'), finding(lookalike, 's')];
    const result = applySuppressions(findings, [dotted, lookalike], exceptions, NOW);
    expect(result.findings.map((f) => f.suppressed)).toEqual([true, false, true, true]);
  });

  it('reports an unused exception where it was written', () => {
    const web = deployment('web', 'shop');
    const result = applySuppressions([finding(web, 'host-pid')], [web], [except({ rules: ['host-ipc'], owner: 'sec', reason: 'old' })], NOW, {
      locateException: (index) => ({ file: '.palisade.yaml', line: 10 + index, column: 5 }),
    });
    expect(result.exceptionStatus).toEqual([{ index: 0, rule: 'host-ipc', reason: 'old', owner: 'sec', state: 'unused', matched: 0 }]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'exception-unused', level: 'warning', file: '.palisade.yaml', line: 10, column: 5 })]);
  });

  it('stops suppressing after the expiry day and says so; the last day still suppresses', () => {
    const web = deployment('web', 'shop');
    const exceptions = [except({ rules: ['host-pid'], expires: '2026-05-10', reason: 'until the migration' })];
    const lastDay = applySuppressions([finding(web, 'host-pid')], [web], exceptions, new Date('2026-05-10T23:59:59Z'));
    expect(lastDay.findings[0]?.suppression).toEqual({ kind: 'exception', reason: 'until the migration', expires: '2026-05-10', exceptionIndex: 0 });
    expect(lastDay.exceptionStatus[0]?.state).toBe('active');
    expect(lastDay.problems).toEqual([]);

    const dayAfter = applySuppressions([finding(web, 'host-pid')], [web], exceptions, new Date('2026-05-11T00:00:00Z'));
    expect(dayAfter.findings[0]?.suppressed).toBe(false);
    expect(dayAfter.exceptionStatus[0]).toMatchObject({ state: 'expired', matched: 1 });
    expect(dayAfter.problems).toEqual([expect.objectContaining({ code: 'exception-expired', message: expect.stringContaining('expired on 2026-05-10') as string })]);
  });

  it('lets the first active exception suppress, counts overlaps for each, and keeps an existing suppression', () => {
    const web = deployment('web', 'shop');
    const vexed: Finding = { ...finding(web, 'cve-check'), suppressed: true, suppression: { kind: 'vex', reason: 'not affected', source: 'vex.json' } };
    const findings = [finding(web, 'host-pid'), vexed];
    const exceptions = [
      except({ rules: ['host-pid'], expires: '2026-01-01', reason: 'expired first' }),
      except({ rules: ['*'], reason: 'catch-all' }),
      except({ rules: ['host-pid'], reason: 'shadowed' }),
    ];
    const result = applySuppressions(findings, [web], exceptions, NOW);
    expect(result.findings[0]?.suppression).toMatchObject({ kind: 'exception', exceptionIndex: 1 });
    expect(result.findings[1]).toBe(vexed);
    expect(result.exceptionStatus.map((s) => [s.state, s.matched])).toEqual([
      ['expired', 1],
      ['active', 2],
      ['active', 1],
    ]);
  });

  it('leaves the input untouched and keeps the order', () => {
    const web = deployment('web', 'shop');
    const findings = [finding(web, 'a'), finding(web, 'b')];
    const before = structuredClone(findings);
    const result = applySuppressions(findings, [web], [except({ rules: ['b'] })], NOW);
    expect(findings).toEqual(before);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['a', 'b']);
  });
});
