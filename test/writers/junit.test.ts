import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import { junitWriter } from '../../src/writers/junit/junit.js';
import { escapeAttribute, escapeText, stripForbidden } from '../../src/writers/junit/xml.js';
import { expectGolden } from './golden.js';
import { HOSTILE_MESSAGE, HOSTILE_NAME, HOSTILE_REPORT } from './hostile-report.js';
import { ATTACK_REPORT } from './attack-sample.js';
import { HOSTILE_REASON, riskyHostileReport } from './risk-sample.js';
import { SAMPLE_REPORT } from './sample-report.js';

// Characters XML 1.0 cannot carry in any form.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

interface Node {
  [key: string]: unknown;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', trimValues: false, htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

function parse(xml: string): Node {
  // Deprecated in favour of a separate package, but still shipped and maintained in 5.x: one
  // dev dependency is enough for a well-formedness check.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid.err)}`);
  return parser.parse(xml) as Node;
}

function suites(xml: string): Node[] {
  return (parse(xml).testsuites as Node).testsuite as Node[];
}

function suite(name: string): Node {
  const found = suites(junitWriter.write(SAMPLE_REPORT, { color: false })).find((s) => s['@name'] === name);
  if (found === undefined) throw new Error(`no suite ${name}`);
  return found;
}

describe('junit writer', () => {
  it('matches the golden file', () => {
    expectGolden('junit.xml', junitWriter.write(SAMPLE_REPORT, { color: false }));
  });

  it('is well-formed XML with a suite for input problems, then one per rule', () => {
    const all = suites(junitWriter.write(SAMPLE_REPORT, { color: false }));
    expect(all.map((s) => s['@name'])).toEqual(['palisade-inputs', ...SAMPLE_REPORT.rules.map((r) => r.ruleId)]);
  });

  it('reports lost input as errors and warnings as passing cases with their text', () => {
    const inputs = suite('palisade-inputs');
    expect(inputs).toMatchObject({ '@tests': '3', '@failures': '0', '@errors': '1', '@skipped': '0' });
    const cases = inputs.testcase as Node[];
    expect(cases.map((c) => c['@name'])).toEqual(['yaml-syntax deploy/broken.yaml:7:3', 'rule-error deploy/odd.yaml:1:1', 'exception-unused .palisade.yaml:14:5']);
    expect(cases[0]?.error).toMatchObject({ '@type': 'yaml-syntax', '@message': 'bad indentation of a mapping entry' });
    expect(String(cases[1]?.['system-out'])).toMatch(/^warning: rule privileged-container failed/);
    const clean = suites(junitWriter.write({ ...SAMPLE_REPORT, errors: [] }, { color: false }));
    expect(clean.map((s) => s['@name'])).not.toContain('palisade-inputs');
  });

  it('writes a case per finding plus one for the passes, and counts the elements written', () => {
    const privileged = suite('privileged-container');
    expect(privileged).toMatchObject({ '@tests': '3', '@failures': '1', '@errors': '1', '@skipped': '0' });
    const cases = privileged.testcase as Node[];
    expect(cases.map((c) => [c['@classname'], c['@name']])).toEqual([
      ['privileged-container', 'Deployment/shop/web'],
      ['privileged-container', '4 resources passed'],
      ['privileged-container', '1 resource errored'],
    ]);
    expect(cases[0]?.failure).toMatchObject({ '@type': 'critical', '@message': 'Container "app" runs privileged: it has every capability and all host devices.' });
    expect(String((cases[0]?.failure as Node)['#text'])).toContain('Remediation: Remove securityContext.privileged');
    expect(cases[2]?.error).toMatchObject({ '@type': 'rule-error' });
  });

  it('skips suppressed findings and lets warn findings pass', () => {
    const latest = suite('image-latest-tag');
    expect(latest).toMatchObject({ '@tests': String((latest.testcase as Node[]).length), '@failures': '1', '@skipped': '2' });
    const suppressed = (latest.testcase as Node[]).find((c) => c['@name'] === 'Pod/default/debug');
    expect(suppressed?.skipped).toMatchObject({ '@message': 'suppressed by annotation: Throw-away debug pod, deleted after the incident.' });
    const automount = suite('automount-service-account-token');
    expect(automount).toMatchObject({ '@tests': String((automount.testcase as Node[]).length), '@failures': '0' });
    const warned = (automount.testcase as Node[])[0];
    expect(warned?.failure).toBeUndefined();
    expect(String(warned?.['system-out'])).toMatch(/^warning \(info\): The pod mounts/);
  });

  it('counts exactly the elements it writes, per suite and in total', () => {
    const root = parse(junitWriter.write(SAMPLE_REPORT, { color: false })).testsuites as Node;
    const all = root.testsuite as Node[];
    const cases = (s: Node): Node[] => s.testcase as Node[];
    const having = (s: Node, child: string): number => cases(s).filter((c) => c[child] !== undefined).length;
    for (const s of all) {
      expect(Number(s['@tests']), String(s['@name'])).toBe(cases(s).length);
      expect(Number(s['@failures']), String(s['@name'])).toBe(having(s, 'failure'));
      expect(Number(s['@errors']), String(s['@name'])).toBe(having(s, 'error'));
      expect(Number(s['@skipped']), String(s['@name'])).toBe(having(s, 'skipped'));
    }
    const sum = (key: string): number => all.reduce((n, s) => n + Number(s[key]), 0);
    for (const key of ['@tests', '@failures', '@errors', '@skipped']) expect(Number(root[key])).toBe(sum(key));
    expect(Number(root['@failures'])).toBe(8);
  });

  // GitLab keeps only the last test case of a repeated classname and name: a second finding of one
  // rule on one object (another container, the same Deployment in another overlay) was lost.
  it('names the cases of a suite uniquely: the pointer, then the file, then a number when one object has several', () => {
    const first = SAMPLE_REPORT.findings.find((f) => f.id === '3f9a1c0d2b7e4a51') as Finding;
    const at = (file: string, path: string, id: string): Finding => ({ ...first, id, location: { ...first.location, file, path } });
    const findings = [
      at('deploy/web.yaml', '/spec/template/spec/containers/0/securityContext/privileged', 'a'),
      at('deploy/web.yaml', '/spec/template/spec/containers/1/securityContext/privileged', 'b'),
      at('overlays/prod/web.yaml', '/spec/template/spec/containers/1/securityContext/privileged', 'c'),
      at('overlays/prod/web.yaml', '/spec/template/spec/containers/1/securityContext/privileged', 'd'),
    ];
    const problem = { code: 'yaml-syntax', level: 'error' as const, message: 'bad', file: 'deploy/broken.yaml' };
    const report: Report = { ...SAMPLE_REPORT, findings, errors: [problem, { ...problem, message: 'worse' }] };
    const all = suites(junitWriter.write(report, { color: false }));
    const names = (name: string): unknown[] => ((all.find((s) => s['@name'] === name)?.testcase ?? []) as Node[]).map((c) => c['@name']);
    expect(names('privileged-container').slice(0, 4)).toEqual([
      'Deployment/shop/web /spec/template/spec/containers/0/securityContext/privileged',
      'Deployment/shop/web /spec/template/spec/containers/1/securityContext/privileged in deploy/web.yaml',
      'Deployment/shop/web /spec/template/spec/containers/1/securityContext/privileged in overlays/prod/web.yaml',
      'Deployment/shop/web /spec/template/spec/containers/1/securityContext/privileged in overlays/prod/web.yaml #2',
    ]);
    expect(names('palisade-inputs')).toEqual(['yaml-syntax deploy/broken.yaml', 'yaml-syntax deploy/broken.yaml #2']);
  });

  it('escapes markup and strips characters XML cannot carry', () => {
    const xml = junitWriter.write(HOSTILE_REPORT, { color: false });
    expect(xml).not.toMatch(FORBIDDEN);
    expect(xml).not.toContain(HOSTILE_NAME);
    const privileged = suites(xml).find((s) => s['@name'] === 'privileged-container');
    const hostileCase = (privileged?.testcase as Node[])[0];
    expect(hostileCase?.['@name']).toBe(`Deployment/"><svg onload=alert(2)>/${HOSTILE_NAME}`);
    expect((hostileCase?.failure as Node)['@message']).toBe(stripForbidden(HOSTILE_MESSAGE).replace('\ud800', ''));
  });

  it('escapes text and attributes', () => {
    expect(escapeText('a < b && c > d ]]>')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt;');
    expect(escapeAttribute('say "hi"\n\tnow')).toBe('say &quot;hi&quot;&#10;&#9;now');
    expect(stripForbidden('ok\u0000\u0008\u000b\u001f\ufffe\ud83d\ude00\udc00\ud800x')).toBe('ok\ud83d\ude00x');
  });
});

describe('risk in the junit writer', () => {
  const xml = junitWriter.write(ATTACK_REPORT, { color: false });
  const caseOf = (ruleId: string, name: string, text = xml): Node | undefined => (suites(text).find((s) => s['@name'] === ruleId)?.testcase as Node[] | undefined)?.find((c) => c['@name'] === name);
  const propertiesOf = (c: Node | undefined): Record<string, string> =>
    Object.fromEntries((((c?.properties as Node | undefined)?.property ?? []) as Node[]).map((p) => [String(p['@name']), String(p['@value'])]));

  it('matches the golden file', () => {
    expectGolden('attack-report.xml', xml);
  });

  it('puts the score, level, context and reason in the failure text, right after the message', () => {
    const binding = ATTACK_REPORT.findings.find((f) => f.ruleId === 'cluster-admin-binding');
    const failure = caseOf('cluster-admin-binding', 'ClusterRoleBinding/ops-admin')?.failure as Node;
    expect(failure['@message']).toBe(binding?.message);
    expect(String(failure['#text']).split('\n').slice(0, 2)).toEqual([binding?.message, `Risk: 100 critical (on an attack path). ${binding?.risk?.reason ?? ''}`]);
    const limits = caseOf('missing-resource-limits', 'Deployment/shop/web')?.failure as Node;
    expect(String(limits['#text'])).toContain('\nRisk: 40 medium (reachable). An entry point reaches it');
  });

  it('gives every finding case its risk as properties, warn and suppressed cases too', () => {
    expect(propertiesOf(caseOf('cluster-admin-binding', 'ClusterRoleBinding/ops-admin'))).toEqual({
      risk: '100',
      'risk-level': 'critical',
      'risk-context': 'on-path',
      'risk-reason': 'A step of 2 attack paths to cluster-admin, secrets of every namespace (most likely 1.00): raised from high.',
      'attack-paths': '2',
      'crown-jewels': 'cluster-admin,secrets:*',
    });
    const warned = caseOf('automount-service-account-token', 'CronJob/shop/nightly-report');
    expect(propertiesOf(warned)).toMatchObject({ risk: '100', 'risk-context': 'on-path' });
    expect(String(warned?.['system-out'])).toMatch(/^warning \(info\): The pod mounts .*\nRisk: 100 critical \(on an attack path\)\./);
    const skipped = caseOf('host-path-mount', 'DaemonSet/kube-system/node-agent');
    expect(skipped?.skipped).toBeDefined();
    expect(propertiesOf(skipped)).toMatchObject({ risk: '99', 'risk-level': 'critical' });
    expect(propertiesOf(caseOf('missing-resource-limits', 'Deployment/shop/web'))).not.toHaveProperty('attack-paths');
    // Summary cases stand for resources that passed: no finding, so no risk.
    expect(caseOf('privileged-container', '4 resources passed')?.properties).toBeUndefined();
  });

  it('counts the same elements as without a risk', () => {
    const attrs = (text: string): unknown[] => suites(text).map((s) => [s['@name'], s['@tests'], s['@failures'], s['@errors'], s['@skipped']]);
    expect(attrs(xml)).toEqual(attrs(junitWriter.write(SAMPLE_REPORT, { color: false })));
  });

  it('writes no property or risk line for a finding without a risk', () => {
    const plain = junitWriter.write(SAMPLE_REPORT, { color: false });
    expect(plain).not.toContain('Risk:');
    expect(plain).not.toContain('name="risk');
  });

  it('keeps a hostile reason well-formed in text and attributes', () => {
    const hostile = junitWriter.write(riskyHostileReport(), { color: false });
    expect(hostile).not.toMatch(FORBIDDEN);
    const first = riskyHostileReport().findings[0];
    const c = caseOf(first?.ruleId ?? '', `Deployment/"><svg onload=alert(2)>/${HOSTILE_NAME}`, hostile);
    const reason = stripForbidden(HOSTILE_REASON).replace('\ud800', '');
    expect(propertiesOf(c)['risk-reason']).toBe(reason);
    expect(String((c?.failure as Node)['#text'])).toContain(`Risk: 30 low (unreachable). ${reason.split('\n')[0] ?? ''}`);
  });
});

