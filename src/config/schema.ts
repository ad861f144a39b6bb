/**
 * The one schema of `.palisade.yaml`. Everything else about configuration is derived from it: the
 * defaults, the JSON Schema editors use (json-schema.ts), the environment variables and CLI flags
 * (settings.ts) and the "did you mean" hints (issues.ts). Add a key here and it exists everywhere.
 *
 * Every object is strict: an unknown key is an error, because a misspelt key silently ignored is a
 * security gate silently loosened.
 */
import { z } from 'zod';
import { DEFAULT_LIMITS } from '../core/loader.js';
import { SEVERITIES } from '../model/severity.js';

/** `none` turns the gate off; `info` findings never fail a run. */
export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** Rule ids are kebab-case; vulnerability ids (CVE-2024-1234, GHSA-...) also appear as rule ids. */
const RULE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Globs are matched with picomatch; keep them short so a hostile file cannot build huge regexes. */
const glob = (what: string) =>
  z
    .string()
    .min(1, { error: `${what} glob must not be empty` })
    .max(253, { error: `${what} glob is too long (at most 253 characters)` });

const ruleId = z.string().regex(RULE_ID_PATTERN, { error: 'expected a rule id such as "privileged-container"' });
const ruleGlob = glob('rule id').meta({
  title: 'Rule id or glob',
  description: 'A rule id (privileged-container) or a glob over rule ids (host-*).',
});

/** YYYY-MM-DD (active through the end of that day, UTC) or an RFC 3339 date-time with offset. */
const expiryDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'expected a date YYYY-MM-DD or a date-time such as 2026-03-31T18:00:00Z',
  })
  .meta({
    title: 'Expires',
    description:
      'The exception stops suppressing after this date. A date (YYYY-MM-DD) is active through the end of that day, UTC; a date-time expires at that instant.',
    examples: ['2026-06-30'],
  });

const ruleSettings = z
  .strictObject({
    enabled: z.boolean().optional().meta({ title: 'Enabled', description: 'false turns the rule off; true turns an opt-in rule (such as pss-restricted) on.' }),
    severity: z.enum(SEVERITIES).optional().meta({ title: 'Severity', description: 'Replaces the severity of every finding of this rule.' }),
    options: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ title: 'Options', description: "The rule's own options; each rule documents them in its doc page." }),
  })
  .meta({ title: 'Rule settings', description: 'Settings for one rule, keyed by rule id.' });

const exceptionFields = z.strictObject({
  rule: ruleGlob.optional().meta({ title: 'Rule', description: 'One rule id or glob (use `rules` for several).' }),
  rules: z
    .array(ruleGlob)
    .min(1, { error: 'list at least one rule id or glob' })
    .optional()
    .meta({ title: 'Rules', description: 'Rule ids or globs this exception covers.' }),
  namespace: glob('namespace').optional().meta({ title: 'Namespace', description: 'Glob over the namespace of the resource (a leading ! negates). A Namespace object is matched by its own name; other cluster-scoped resources have no namespace and never match.' }),
  kind: glob('kind').optional().meta({ title: 'Kind', description: 'Glob over the resource kind, matched case-insensitively (Deployment, Role*).' }),
  name: glob('name').optional().meta({ title: 'Name', description: 'Glob over the resource name (for a container image: its reference, kind Image).' }),
  file: glob('file')
    .optional()
    .meta({
      title: 'File',
      description:
        'Glob over the file the finding points at, as the report shows it: a manifest or template by the path Palisade was given (k8s/legacy/*.yaml; **/legacy/*.yaml wherever Palisade runs), a file inside an image by its path there (/app/config/*.env). Findings with no file (the image configuration) never match.',
      examples: ['**/test/fixtures/**', '/app/.env'],
    }),
  package: glob('package')
    .optional()
    .meta({ title: 'Package', description: 'Glob over the name or purl of a vulnerable package; only vulnerability findings (whose rule is the vulnerability id or an alias) match it.' }),
  reason: z
    .string()
    .trim()
    .min(1, { error: 'an exception needs a reason: say why the risk is accepted' })
    .meta({ title: 'Reason', description: 'Why the risk is accepted. Mandatory; shown in reports next to every suppressed finding.' }),
  owner: z.string().min(1).optional().meta({ title: 'Owner', description: 'Who answers for this exception (a person or team).' }),
  expires: expiryDate.optional(),
});

type ExceptionFields = z.output<typeof exceptionFields>;

/** An exception names its rules with exactly one of `rule` or `rules`; after parsing it is always `rules`. */
const exception = exceptionFields
  .check((ctx) => {
    const { rule, rules } = ctx.value;
    if ((rule === undefined) === (rules === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['rule'],
        message: rule === undefined ? 'an exception needs `rule` (one id) or `rules` (a list)' : 'give either `rule` or `rules`, not both',
      });
    }
  })
  .meta({
    title: 'Exception',
    description: 'Accepts the findings of some rules on some resources, with a reason and an optional expiry.',
    oneOf: [{ required: ['rule'] }, { required: ['rules'] }],
  })
  .transform(({ rule, rules, ...scope }: ExceptionFields) => ({ rules: rules ?? (rule === undefined ? [] : [rule]), ...scope }));

const limits = z
  .strictObject({
    maxFileBytes: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_LIMITS.maxFileBytes)
      .meta({ title: 'Largest input file', description: 'Input files larger than this many bytes are refused (input-too-large).' }),
    maxAliasCount: z
      .number()
      .int()
      .nonnegative()
      .default(DEFAULT_LIMITS.maxAliasCount)
      .meta({ title: 'YAML alias budget', description: 'How many alias expansions one YAML document may make; guards against "billion laughs" bombs.' }),
    maxDocuments: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_LIMITS.maxDocuments)
      .meta({ title: 'Documents per file', description: 'How many YAML documents one input file may hold.' }),
    maxClusterObjects: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_LIMITS.maxClusterObjects)
      .meta({ title: 'Objects from a cluster', description: 'How many objects a live-cluster scan reads, all kinds together; past it the scan says which kinds were not fully read.' }),
  })
  .prefault({})
  .meta({ title: 'Limits', description: 'Bounds on hostile or runaway input.' });

const helm = z
  .strictObject({
    valuesFiles: z.array(z.string().min(1)).default([]).meta({ title: 'Values files', description: 'Extra values files for `helm template`, like -f.' }),
    set: z
      .array(z.string().regex(/^[^=]+=/, { error: 'expected key=value' }))
      .default([])
      .meta({ title: 'Set', description: 'Values for `helm template`, like --set key=value.' }),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, { error: 'expected a namespace name (RFC 1123 label)' })
      .optional()
      .meta({ title: 'Release namespace', description: 'The namespace charts are rendered for, like helm template --namespace: what {{ .Release.Namespace }} becomes (default: "default").' }),
    kubeVersion: z
      .string()
      .regex(/^v?\d+\.\d+(\.\d+)?$/, { error: 'expected a Kubernetes version such as 1.31 or v1.31.2' })
      .optional()
      .meta({ title: 'Kubernetes version', description: 'The Kubernetes version charts are rendered for, like helm template --kube-version: what .Capabilities.KubeVersion becomes (default: the version helm was built for).' }),
    apiVersions: z
      .array(z.string().min(1))
      .default([])
      .meta({ title: 'API versions', description: 'API versions .Capabilities.APIVersions also has, like helm template --api-versions (monitoring.coreos.com/v1, or monitoring.coreos.com/v1/ServiceMonitor).' }),
  })
  .meta({ title: 'Helm', description: 'How charts are rendered before scanning.' });

/**
 * The assets an attacker wants, beyond the defaults (cluster-admin, secrets, nodes): the attack-path
 * analysis aims at them and sensitive-workload-reachable-from-exposed guards them. Strict, so that
 * a misspelt key is an error rather than a selector that matches everything.
 */
const crownJewel = z
  .strictObject({
    kind: glob('kind').optional().meta({ title: 'Kind', description: 'Glob over the kind (Secret, ConfigMap).' }),
    namespace: glob('namespace').optional().meta({ title: 'Namespace', description: 'Glob over the namespace.' }),
    name: glob('name').optional().meta({ title: 'Name', description: 'Glob over the name.' }),
    labels: z.record(z.string(), z.string()).optional().meta({ title: 'Labels', description: 'Labels the object must carry.' }),
  })
  .meta({ title: 'Crown jewel selector', description: 'Selects objects an attacker would want.' });

/** The attack-path analysis that `palisade scan` runs: whether, from where, to what, and its gate. */
const attackPaths = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta({ title: 'Enabled', description: 'Run the attack-path analysis in palisade scan: the report lists the paths and every finding gets a context-aware risk.' }),
    failOnPath: z
      .boolean()
      .default(false)
      .meta({ title: 'Fail on path', description: 'Fail the run (exit 1) when any path leads from an entry point to a crown jewel; runs the analysis even when disabled.' }),
    entries: z
      .array(z.string().min(1).max(253))
      .min(1, { error: 'list at least one entry point, or leave entries out for the defaults' })
      .optional()
      .meta({ title: 'Entry points', description: 'Where attacks start: internet, workloads, namespace/NS, pod/NS/NAME, user:NAME, group:NAME (default: internet and every workload).' }),
    jewels: z
      .array(z.string().min(1).max(253))
      .min(1, { error: 'list at least one crown jewel, or leave jewels out for the defaults' })
      .optional()
      .meta({ title: 'Crown jewels', description: 'What attacks aim at: cluster-admin, secrets, nodes, configured (the crownJewels selectors and the palisade.dev/crown-jewel label), namespace/NS, selector KEY=VALUE[,KEY=VALUE] (default: cluster-admin, secrets, nodes, configured).' }),
  })
  .prefault({})
  .meta({ title: 'Attack paths', description: 'The attack-path analysis of palisade scan (docs/attack-paths.md).' });

export const configSchema = z
  .strictObject({
    failOn: z
      .enum(FAIL_ON_VALUES)
      .default('high')
      .meta({ title: 'Fail on', description: 'The lowest severity of an unsuppressed failing finding that makes the run fail; none never fails.' }),
    rules: z
      .record(ruleId, ruleSettings)
      .default({})
      .meta({ title: 'Rules', description: 'Per-rule settings, keyed by rule id.' }),
    disabledRules: z
      .array(ruleId)
      .optional()
      .meta({ title: 'Disabled rules', description: 'Rule ids to turn off; shorthand for rules.<id>.enabled: false.' }),
    exceptions: z
      .array(exception)
      .default([])
      .meta({ title: 'Exceptions', description: 'Accepted risks: findings they match are reported as suppressed and do not fail the run.' }),
    limits,
    helm: helm.optional(),
    crownJewels: z.array(crownJewel).optional().meta({ title: 'Crown jewels', description: 'Objects an attacker wants (the `configured` jewel group of attack paths; sensitive workloads for the network rules), besides cluster-admin, secrets and nodes and anything labelled palisade.dev/crown-jewel: "true".' }),
    namespaces: z
      .array(glob('namespace'))
      .min(1, { error: 'list at least one namespace, or leave namespaces out to scan them all' })
      .optional()
      .meta({ title: 'Namespaces', description: 'Only scan namespaced objects in these namespaces (globs). Cluster-scoped objects are always scanned.' }),
    attackPaths,
  })
  .meta({ title: 'Palisade configuration', description: 'The .palisade.yaml file of the Palisade security scanner.' });

/** The configuration after parsing: defaults filled in, exceptions normalised to `rules`. */
export type Config = z.output<typeof configSchema>;
/** The name the SDK uses for the parsed configuration. */
export type PalisadeConfig = Config;
/** What a user may write (in the file, or as flags): everything optional. */
export type ConfigInput = z.input<typeof configSchema>;
export type ConfigException = Config['exceptions'][number];
export type RuleSettings = z.output<typeof ruleSettings>;

/** The configuration when nothing is configured. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
