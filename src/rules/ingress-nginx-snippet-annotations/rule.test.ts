import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('ingress-nginx-snippet-annotations', () => {
  it('names each snippet annotation', async () => {
    const scan = await scanFixtures(rule, ['fail/snippets.yaml']);
    expect(findingsFor(scan, 'fail-configuration-snippet').map((f) => [f.message, f.location.path])).toEqual([
      [
        'Ingress "web/fail-configuration-snippet" injects raw NGINX configuration through the annotation nginx.ingress.kubernetes.io/configuration-snippet, which can expose the controller\'s credentials and every Secret it reads (CVE-2021-25742)',
        '/metadata/annotations/nginx.ingress.kubernetes.io~1configuration-snippet',
      ],
    ]);
  });

  it('reports a controller ConfigMap that allows snippets', async () => {
    const scan = await scanFixtures(rule, ['fail/snippets.yaml']);
    expect(findingsFor(scan, 'fail-ingress-nginx-controller').map((f) => f.location.path)).toEqual(['/data/allow-snippet-annotations']);
  });

  it('follows a custom annotation prefix', async () => {
    const scan = await scanFixtures(rule, ['pass/dedicated-annotations.yaml'], { annotationPrefixes: ['custom.example.com'] });
    expect(findingsFor(scan, 'pass-other-prefix').length).toBe(1);
  });
});
