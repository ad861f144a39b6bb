import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/writers/markdown/escape.js';
import { ciLinkBase, fileHref } from '../../src/writers/markdown/links.js';
import { MAX_COMMENT_CHARS, markdownReport, markdownWriter } from '../../src/writers/markdown/markdown.js';
import { expectGolden } from './golden.js';
import { HOSTILE_REPORT } from './hostile-report.js';
import { ATTACK_REPORT } from './attack-sample.js';
import { riskyHostileReport } from './risk-sample.js';
import { CLEAN_REPORT, SAMPLE_REPORT } from './sample-report.js';

const md = (): string => markdownReport(SAMPLE_REPORT, '/work/repo');

/** The text between a <details> summary and its closing tag. */
function detailsBlock(text: string, summary: string): string {
  const start = text.indexOf(`<summary>${summary}`);
  expect(start).toBeGreaterThan(-1);
  return text.slice(start, text.indexOf('</details>', start));
}

describe('markdown writer', () => {
  it('matches the golden file', () => {
    // Through the writer, outside CI: links relative to the working directory.
    expect(markdownWriter.write(SAMPLE_REPORT, { color: false })).toBe(markdownReport(SAMPLE_REPORT, ciLinkBase({}, process.cwd())));
    expectGolden('report.md', md());
  });

  // A relative link in a pull-request comment resolves against the comment's page
  // (github.com/o/r/pull/12/deploy/web.yaml), a 404: in CI links go to the scanned commit.
  it('links into the scanned commit on GitHub Actions and GitLab CI, from a subdirectory too', () => {
    const github = ciLinkBase({ GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'abc123', GITHUB_WORKSPACE: '/work' }, '/work/repo');
    const text = markdownReport(SAMPLE_REPORT, github);
    expect(text).toContain('[deploy/web.yaml:24](https://github.com/acme/shop/blob/abc123/repo/deploy/web.yaml#L24)');
    expect(text).not.toContain('](deploy/');
    const gitlab = ciLinkBase({ GITLAB_CI: 'true', CI_PROJECT_URL: 'https://gitlab.example/acme/shop', CI_COMMIT_SHA: 'def456', CI_PROJECT_DIR: '/work/repo' }, '/work/repo');
    expect(markdownReport(SAMPLE_REPORT, gitlab)).toContain('[deploy/web.yaml:24](https://gitlab.example/acme/shop/-/blob/def456/deploy/web.yaml#L24)');
    // Incomplete CI variables: relative links, as outside CI.
    expect(ciLinkBase({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/shop' }, '/work/repo')).toEqual({ cwd: '/work/repo', root: '/work/repo' });
    // A file outside the checkout gets no link at all.
    expect(fileHref('/etc/kubernetes/manifests/kube-apiserver.yaml', 3, github)).toBeUndefined();
  });

  it('opens with the verdict and a table of counts by severity', () => {
    const text = md();
    expect(text.startsWith('## Palisade: FAILED at --fail-on high\n\n9 resources, 9 findings (1 critical, 2 high, 4 medium, 1 low, 1 info), 3 suppressed')).toBe(true);
    expect(text).toContain('| Severity | Findings |\n| --- | ---: |\n| critical | 1 |\n| high | 2 |\n| medium | 4 |\n| low | 1 |\n| info | 1 |\n| suppressed | 3 |');
  });

  it('groups findings by resource with links to file and line', () => {
    const text = md();
    expect(text).toContain('#### Deployment/shop/web ([deploy/web.yaml:19](deploy/web.yaml#L19))');
    expect(text).toContain('| critical | privileged-container | Container "app" runs privileged: it has every capability and all host devices. | [deploy/web.yaml:24](deploy/web.yaml#L24) /spec/template/spec/containers/0/securityContext/privileged |');
    expect(text).toContain('[jobs/nightly report.yaml:16](jobs/nightly%20report.yaml#L16)');
    // A cluster object has no file to link to.
    expect(text).toContain('#### ClusterRoleBinding/ops-admin (cluster:prod-eu)');
  });

  it('folds low/info findings and suppressed findings into <details>', () => {
    const text = md();
    const minor = detailsBlock(text, 'Low and info findings (2)');
    expect(minor).toContain('uses image \\`nginx\\` with no tag');
    expect(minor).toContain('The pod mounts a service account token but never calls the API. _(warning only)_');
    expect(text.slice(0, text.indexOf('<details>'))).not.toContain('image-latest-tag');
    const suppressed = detailsBlock(text, 'Suppressed findings (3)');
    expect(suppressed).toContain('| host-path-mount | DaemonSet/kube-system/node-agent | exception #0: The node agent inspects containers through the runtime socket. (owner platform-team, expires 2027-03-31) |');
    expect(suppressed).toContain('| image-latest-tag | Pod/default/debug | annotation: Throw-away debug pod, deleted after the incident. |');
  });

  it('lists problems and the compliance section', () => {
    const text = md();
    expect(text).toContain('### Errors and warnings (3)\n\n- error yaml-syntax deploy/broken.yaml:7:3: bad indentation');
    expect(text).toContain('### Compliance: CIS Kubernetes Benchmark 1.9.0, score 33.3% (1 of 3 judged controls pass, 1 manual not scored)');
    expect(text).toContain('| 5.7.1 | manual | - | Create administrative boundaries between resources using namespaces _(Whether namespaces match trust boundaries depends on the organisation.)_ |');
  });

  it('escapes pipes, backticks and markup so a message cannot break the table', () => {
    expect(escapeMarkdown('a | b `c` <img> *d* [e](f) 1 & 2 $x$\nnext')).toBe('a \\| b \\`c\\` \\<img\\> \\*d\\* \\[e\\](f) 1 \\& 2 \\$x\\$ next');
    const text = markdownReport(HOSTILE_REPORT, '/work/repo');
    // Every < from the input is backslash-escaped: the only raw tags are the writer's own.
    expect(text).not.toMatch(/(?<!\\)<(?!\/?(details|summary)>)/);
    expect(text).not.toContain('\u001b');
    const row = text.split('\n').find((l) => l.startsWith('| critical | privileged-container |'));
    // Four cells: five unescaped pipes, though the message holds one.
    expect(row).toContain('\\|');
    expect(row?.match(/(?<!\\)\|/g)).toHaveLength(5);
    expect(text).toContain('[deploy/\\<b\\>evil\\</b\\> "quoted" \\& (paren).yaml:18](deploy/%3Cb%3Eevil%3C/b%3E%20%22quoted%22%20%26%20%28paren%29.yaml#L18)');
  });

  it('says so when there is nothing to report', () => {
    const text = markdownReport(CLEAN_REPORT, '/work/repo');
    expect(text).toContain('No findings.');
    expect(text).not.toMatch(/<details>|### /);
  });
});

describe('markdown writer on a large report', () => {
  // 4,000 findings: far more than a pull-request comment can hold.
  const many = Array.from({ length: 4000 }, (_, i) =>
    SAMPLE_REPORT.findings.map((f) => ({ ...f, id: `${f.id}-${i}`, resource: { ...f.resource, name: `${f.resource.name}-${i}` } })),
  ).flat();
  const text = markdownReport({ ...SAMPLE_REPORT, findings: many }, '/work/repo');

  it('stays under GitHub comment size and says what it cut', () => {
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(text).toMatch(/_\d+ more lines were cut to fit a pull-request comment; run `palisade scan --format html` or `--format json` for the whole report\._\n$/);
  });

  it('leaves no <details> block open', () => {
    expect(text.split('\n').filter((l) => l.startsWith('<details>')).length).toBe(text.split('\n').filter((l) => l.startsWith('</details>')).length);
  });

  it('leaves reports that fit unchanged', () => {
    expect(md()).not.toContain('more lines were cut');
  });
});

describe('risk in the markdown writer', () => {
  const text = markdownReport(ATTACK_REPORT, '/work/repo');
  const headings = (body: string): string[] => body.split('\n').filter((l) => l.startsWith('#### ')).map((l) => l.slice(5, l.indexOf(' (')));

  it('matches the golden file', () => {
    expectGolden('attack-report.md', markdownReport(ATTACK_REPORT, '/work/repo'));
  });

  it('counts findings by risk level beside the counts by severity', () => {
    expect(text).toContain('| Level | Findings by severity | Findings by risk |\n| --- | ---: | ---: |\n| critical | 1 | 4 |\n| high | 2 | 0 |\n| medium | 4 | 4 |\n| low | 1 | 1 |\n| info | 1 | 0 |\n| suppressed | 3 | |');
  });

  it('gives every finding table a Risk column, with the reason where the graph moved the score', () => {
    expect(text.match(/^\| Severity \| Rule \|/gm)).toBeNull();
    expect(text).toContain('| high | 100 critical ↑ | cluster-admin-binding | ClusterRoleBinding grants cluster-admin to Group "ops" (every verb on every resource). _(A step of 2 attack paths to cluster-admin, secrets of every namespace (most likely 1.00): raised from high.)_ | cluster:prod-eu /roleRef/name |');
    // Where the risk is the severity, the row says only the score.
    expect(text).toContain('| medium | 40 medium | missing-resource-limits | Container "app" has no memory limit. | [deploy/web.yaml:19]');
  });

  it('puts the riskiest resources and findings first and never folds a raised finding away', () => {
    const findings = text.slice(text.indexOf('### Findings'), text.indexOf('<details>'));
    expect(headings(findings)).toEqual(['ClusterRoleBinding/ops-admin', 'CronJob/shop/nightly-report', 'Deployment/shop/web', 'DaemonSet/kube-system/node-agent']);
    // The info finding on a path to cluster-admin is in the open part, above its resource's mediums.
    const cronJob = findings.slice(findings.indexOf('#### CronJob'), findings.indexOf('#### Deployment'));
    expect(cronJob.split('\n').filter((l) => l.startsWith('| info') || l.startsWith('| medium')).map((l) => l.split(' | ')[2])).toEqual(['automount-service-account-token', 'missing-resource-limits', 'run-as-root']);
    const minor = detailsBlock(text, 'Low and info findings (1)');
    expect(minor).toContain('| low | 20 low | image-latest-tag |');
    expect(minor).not.toContain('automount-service-account-token');
  });

  it('keeps a hostile reason inside its cell', () => {
    const hostile = markdownReport(riskyHostileReport(), '/work/repo');
    expect(hostile).not.toMatch(/(?<!\\)<(?!\/?(details|summary)>)/);
    const rows = hostile.split('\n').filter((l) => /^\| (critical|high|medium|low|info) \| \d+ (critical|high|medium|low|info)/.test(l));
    expect(rows).toHaveLength(SAMPLE_REPORT.findings.filter((f) => !f.suppressed).length);
    // Five cells: six unescaped pipes, whatever the message and the reason hold.
    for (const row of rows) expect(row.match(/(?<!\\)\|/g), row).toHaveLength(6);
    expect(hostile).toContain('| critical | 30 low ↓ | privileged-container |');
  });

  it('stays under the comment cap with a risk on every finding', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ATTACK_REPORT.findings.map((f) => ({ ...f, id: `${f.id}-${i}`, resource: { ...f.resource, name: `${f.resource.name}-${i}` } }))).flat();
    const big = markdownReport({ ...ATTACK_REPORT, findings: many }, '/work/repo');
    expect(big.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(big).toContain('more lines were cut');
    // What survives the cut is the riskiest: the first rows are all critical risks.
    const first = big.split('\n').find((l) => /^\| \w+ \| \d+ \w+/.test(l));
    expect(first).toMatch(/^\| \w+ \| 100 critical ↑ \|/);
  });

  it('writes reports without a risk exactly as before', () => {
    expect(md()).not.toMatch(/Risk|risk \|/);
  });
});

