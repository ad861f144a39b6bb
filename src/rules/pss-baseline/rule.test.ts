import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata: {name: tune}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          hostPID: true
          securityContext:
            sysctls:
              - {name: net.ipv4.tcp_keepalive_time, value: "60"}
          containers:
            - name: job
              image: registry.example.com/job:1.0
`;

describe('pss-baseline', () => {
  it('reports one finding per failed control, in upstream wording, at the field in the template', async () => {
    const scan = await scanYaml(rule, CRONJOB);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['host namespaces (hostPID=true)', '/spec/jobTemplate/spec/template/spec/hostPID'],
    ]);
    expect(scan.findings[0]?.location.line).toBe(11);
  });

  it('evaluates the policy version given as option', async () => {
    const scan = await scanYaml(rule, CRONJOB, { version: 'v1.28' });
    expect(scan.findings.map((f) => f.message)).toEqual(['host namespaces (hostPID=true)', 'forbidden sysctls (net.ipv4.tcp_keepalive_time)']);
  });

  it('rejects a version option that is not latest or v1.x', () => {
    expect(() => rule.options?.parse({ version: '1.28' })).toThrow(/latest/);
    expect(rule.options?.parse({})).toEqual({ version: 'latest' });
  });
});
