import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { tableWriter } from '../../src/writers/table/table.js';
import { expectGolden } from './golden.js';
import { HOSTILE_NAME, HOSTILE_REPORT } from './hostile-report.js';
import { CLEAN_REPORT, SAMPLE_REPORT } from './sample-report.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('table writer', () => {
  it('matches the golden file without colour', () => {
    const text = tableWriter.write(SAMPLE_REPORT, { color: false });
    expect(text).not.toMatch(ANSI);
    expectGolden('table.txt', text);
  });

  it('matches the golden file with colour', () => {
    const text = tableWriter.write(SAMPLE_REPORT, { color: true });
    expect(text).toMatch(ANSI);
    expectGolden('table.color.txt', text);
  });

  it('groups findings under their resource, worst resource first', () => {
    const text = tableWriter.write(SAMPLE_REPORT, { color: false });
    const web = text.indexOf('Deployment/shop/web  deploy/web.yaml:19');
    const agent = text.indexOf('DaemonSet/kube-system/node-agent  deploy/agent.yaml:18');
    expect(web).toBeGreaterThanOrEqual(0);
    expect(agent).toBeGreaterThan(web);
    expect(text).toContain('ClusterRoleBinding/ops-admin  cluster:prod-eu\n');
    expect(text).toMatch(/ {2}critical {2}privileged-container +Container "app" runs privileged.* line 24 \/spec\/template\/spec\/containers\/0\/securityContext\/privileged/);
  });

  it('lists suppressed findings apart, with their reason', () => {
    const text = tableWriter.write(SAMPLE_REPORT, { color: false });
    const suppressed = text.slice(text.indexOf('Suppressed (3)'));
    expect(suppressed).toContain('host-path-mount     DaemonSet/kube-system/node-agent  exception #0: The node agent inspects containers through the runtime socket. (owner platform-team, expires 2027-03-31)');
    expect(suppressed).toContain('image-latest-tag    Pod/default/debug                 annotation: Throw-away debug pod');
    expect(suppressed).toContain('vulnerable-package  Deployment/shop/web               VEX vex/web.openvex.json: vulnerable_code_not_in_execute_path');
    // Suppressed findings are not repeated among the active ones.
    expect(text.slice(0, text.indexOf('Suppressed (3)'))).not.toContain('docker-sock');
  });

  it('ends with the summary line and the verdict', () => {
    const lines = tableWriter.write(SAMPLE_REPORT, { color: false }).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      '9 resources, 9 findings (1 critical, 2 high, 4 medium, 1 low, 1 info), 3 suppressed, 1 error, 2 warnings — FAILED at --fail-on high',
    );
  });

  it('says passed, or no gate, when the gate did not fail', () => {
    const passed: Report = { ...SAMPLE_REPORT, summary: { ...SAMPLE_REPORT.summary, failOn: 'critical', failed: false } };
    expect(tableWriter.write(passed, { color: false }).trimEnd().split('\n').at(-1)).toMatch(/— passed at --fail-on critical$/);
    const none: Report = { ...SAMPLE_REPORT, summary: { ...SAMPLE_REPORT.summary, failOn: 'none', failed: false } };
    expect(tableWriter.write(none, { color: false })).toMatch(/— no gate \(--fail-on none\)\n$/);
  });

  it('prints a compliance section only when the report has one', () => {
    expect(tableWriter.write(SAMPLE_REPORT, { color: false })).toMatch(/Compliance: CIS Kubernetes Benchmark 1\.9\.0 \(cis-kubernetes\), score 33\.3% \(1 of 3 judged controls pass, 1 manual not scored\)\n.*\n {2}5\.1\.1 +fail +1 {2}Ensure that the cluster-admin role/);
    const withoutCompliance: Report = { ...SAMPLE_REPORT };
    delete (withoutCompliance as { compliance?: unknown }).compliance;
    expect(tableWriter.write(withoutCompliance, { color: false })).not.toContain('Compliance');
  });

  it('never lets control characters from the input reach the terminal', () => {
    const text = tableWriter.write(HOSTILE_REPORT, { color: false });
    expect(text).not.toMatch(ANSI);
    expect(text).not.toContain('\u0000');
    expect(text).toContain('\\x1b[31mred');
    expect(text).toContain(HOSTILE_NAME);
  });

  it('caps the notes list', () => {
    const notes = Array.from({ length: 25 }, (_, i) => ({ code: 'not-a-manifest', level: 'note' as const, message: `file ${i} skipped`, file: `docs/${i}.md` }));
    const text = tableWriter.write({ ...SAMPLE_REPORT, notes }, { color: false });
    expect(text).toContain('Notes (25)');
    expect(text).toContain('file 9 skipped');
    expect(text).not.toContain('file 10 skipped');
    expect(text).toContain('... and 15 more (see --format json)');
  });

  it('says so when there is nothing to report', () => {
    expect(tableWriter.write(CLEAN_REPORT, { color: false })).toBe('No findings.\n\n4 resources, 0 findings, 0 suppressed, 0 errors — no gate (--fail-on none)\n');
  });
});
