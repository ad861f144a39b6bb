import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitWriter } from '../../src/writers/junit/junit.js';
import { escapeAttribute, escapeText, stripForbidden } from '../../src/writers/junit/xml.js';
import { expectGolden } from './golden.js';
import { HOSTILE_MESSAGE, HOSTILE_NAME, HOSTILE_REPORT } from './hostile-report.js';
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

  it('is well-formed XML with one suite per rule', () => {
    const all = suites(junitWriter.write(SAMPLE_REPORT, { color: false }));
    expect(all.map((s) => s['@name'])).toEqual(SAMPLE_REPORT.rules.map((r) => r.ruleId));
  });

  it('counts resources as tests and writes a case per finding plus one for the passes', () => {
    const privileged = suite('privileged-container');
    expect(privileged).toMatchObject({ '@tests': '6', '@failures': '1', '@errors': '1', '@skipped': '0' });
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
    expect(latest).toMatchObject({ '@tests': '5', '@failures': '1', '@skipped': '2' });
    const suppressed = (latest.testcase as Node[]).find((c) => c['@name'] === 'Pod/default/debug');
    expect(suppressed?.skipped).toMatchObject({ '@message': 'suppressed by annotation: Throw-away debug pod, deleted after the incident.' });
    const automount = suite('automount-service-account-token');
    expect(automount).toMatchObject({ '@tests': '5', '@failures': '0' });
    const warned = (automount.testcase as Node[])[0];
    expect(warned?.failure).toBeUndefined();
    expect(String(warned?.['system-out'])).toMatch(/^warning \(info\): The pod mounts/);
  });

  it('adds up the totals on <testsuites>', () => {
    const root = parse(junitWriter.write(SAMPLE_REPORT, { color: false })).testsuites as Node;
    const sum = (key: string): number => (root.testsuite as Node[]).reduce((n, s) => n + Number(s[key]), 0);
    expect(Number(root['@tests'])).toBe(sum('@tests'));
    expect(Number(root['@failures'])).toBe(8);
    expect(root).toMatchObject({ '@name': 'palisade', '@errors': '1', '@skipped': '4' });
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
