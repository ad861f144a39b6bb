/** `palisade rbac ...`: who-can, can-i, permissions, pods, paths and graph, over the SDK. */
import { Command, Option } from 'commander';
import {
  PalisadeError,
  RBAC_PATH_TARGETS,
  canI,
  escalationGraphText,
  escalationPaths,
  loadRbac,
  permissions,
  rbacQueryProblems,
  rbacPods,
  suggestFromAuditLog,
  suggestionManifests,
  whoCan,
  type EscalationPath,
  type RbacModel,
  type RbacPathTarget,
  type ScopePermissions,
  type WhoCanAnswer,
} from '../sdk/index.js';
import { formatProblem, problem } from '../sdk/index.js';
import { CLUSTER_NOT_READ_CODES, collect, collectList, EXIT, printProblems, refuseOptions } from './io.js';
import { visibleControls, visibleControlsButLayout, visibleControlsFor } from '../lib/visible-controls.js';

interface InputFlags {
  kubeconfig?: string;
  context?: string;
  format: string;
  quiet?: boolean;
}

function withInputs(command: Command, formats: readonly string[] = ['table', 'json']): Command {
  return command
    .option('--kubeconfig <file>', 'read RBAC from the live cluster of this kubeconfig')
    .option('--context <name>', 'kubeconfig context (implies a live cluster)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...formats]).default(formats[0]))
    .option('-q, --quiet', 'print no notes on stderr');
}

/**
 * Loads the inputs; prints problems; undefined (exit 2) when nothing could be read, or when the
 * query (subjects, request, audit log) is malformed: that is said before the inputs are read.
 */
async function load(paths: readonly string[], flags: InputFlags, query: Parameters<typeof rbacQueryProblems>[0] = {}): Promise<RbacModel | undefined> {
  if (refuseOptions(rbacQueryProblems(query), flags.quiet === true)) return undefined;
  const live = flags.kubeconfig !== undefined || flags.context !== undefined;
  const model = await loadRbac({
    paths,
    ...(live ? { cluster: { ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }), ...(flags.context === undefined ? {} : { context: flags.context }) } } : {}),
  });
  printProblems(model.problems, flags.quiet === true);
  // Nothing read is a no-input problem of the SDK's, printed above; so is a cluster asked for and not read.
  if (model.inputs.length === 0 || model.problems.some((p) => CLUSTER_NOT_READ_CODES.has(p.code))) {
    process.exitCode = EXIT.usage;
    return undefined;
  }
  return model;
}

/** Bad subjects and requests are usage errors: one line, no stack. */
async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    process.stderr.write(`${formatProblem(error.problem)}\n`);
    process.exitCode = EXIT.usage;
  }
}

/** One line of text output; names in it come from the inputs, so no control character reaches the terminal raw. */
function say(line: string): void {
  process.stdout.write(`${visibleControls(line)}\n`);
}

function sayNote(note: string): void {
  process.stderr.write(`note: ${visibleControls(note)}\n`);
}

function json(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function scopeText(scope: string): string {
  return scope === '' ? 'cluster-wide' : `namespace ${scope}`;
}

function printWhoCan(answer: WhoCanAnswer): void {
  for (const note of answer.notes) sayNote(note);
  say(`Who can ${answer.request}:`);
  if (answer.subjects.length === 0) say('  nobody (through RBAC)');
  for (const s of answer.subjects) {
    say(`  ${s.subject}${s.system ? '  [system]' : ''}`);
    for (const g of s.grants) {
      const origin = g.ruleOf === undefined ? '' : ` (aggregated from ${g.ruleOf})`;
      say(`      ${g.binding} -> ${g.role}${origin} -> ${g.rule}   ${g.file}:${g.line}`);
    }
  }
  say(`${answer.subjects.length} subject${answer.subjects.length === 1 ? '' : 's'}`);
}

function printPermissions(subject: string, groups: readonly string[], scopes: readonly ScopePermissions[], indent = ''): void {
  say(`${indent}${subject} (groups: ${groups.join(', ') || 'none'})`);
  if (scopes.length === 0) say(`${indent}  no RBAC permissions`);
  for (const scope of scopes) {
    say(`${indent}  ${scopeText(scope.scope)}:`);
    for (const rule of scope.rules) {
      const via = [...new Set(rule.sources.map((s) => `${s.binding} -> ${s.role}`))].join('; ');
      say(`${indent}    ${describe(rule.rule)}   via ${via}`);
    }
  }
}

function describe(rule: ScopePermissions['rules'][number]['rule']): string {
  if (rule.type === 'nonResource') return `${rule.verbs.join(',')} ${rule.nonResourceURLs.join(',')}`;
  const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(',');
  return `${rule.verbs.join(',')} ${rule.resources.join(',')} (${groups})${rule.resourceNames.length === 0 ? '' : ` [names: ${rule.resourceNames.join(',')}]`}`;
}

function printPaths(paths: readonly EscalationPath[]): void {
  if (paths.length === 0) say('No escalation paths found.');
  for (const path of paths) {
    say(`${path.from} => ${path.to}  (${path.steps.length} step${path.steps.length === 1 ? '' : 's'}${path.system ? ', system identity' : ''})`);
    path.steps.forEach((step, i) => {
      say(`  ${i + 1}. [${step.kind}] ${step.from} -> ${step.to}: ${step.explanation}`);
      for (const e of step.evidence) {
        const chain = [e.binding, e.role, e.ruleOf === undefined ? undefined : `from ${e.ruleOf}`].filter((x) => x !== undefined).join(' -> ');
        say(`       ${e.verb} ${e.resource}${chain === '' ? '' : ` via ${chain}`}${e.file === undefined ? '' : `   ${e.file}:${e.line ?? 0}`}`);
      }
    });
  }
}

const SUBJECT_HELP = `
Subjects (kubectl syntax):
  system:serviceaccount:NS:NAME   a ServiceAccount (also sa:NS:NAME)
  user:NAME                       a user (a bare NAME is a user too)
  group:NAME                      a member of a group
Implicit groups are added as the API server does: system:authenticated for everyone
authenticated, system:serviceaccounts and system:serviceaccounts:NS for ServiceAccounts.`;

export function rbacCommand(): Command {
  const rbac = new Command('rbac').description('RBAC: who can do what, effective permissions, escalation paths');
  withInputs(
    rbac
      .command('who-can')
      .description('list the subjects allowed to make a request, with the binding -> role -> rule chain')
      .argument('<verb>', 'verb: get, list, create, impersonate, bind, ...')
      .argument('<resource>', 'RESOURCE[.GROUP][/SUBRESOURCE] or a non-resource URL (/metrics)')
      .argument('[paths...]', 'manifests, directories, charts, overlays, or - for stdin')
      .option('-n, --namespace <ns>', 'the request namespace (omit for a cluster-wide request)')
      .option('--name <name>', 'the object name (matters for rules with resourceNames)'),
  )
    .addHelpText('after', '\nExamples:\n  palisade rbac who-can get secrets -n prod cluster/\n  palisade rbac who-can create pods/exec -n dev cluster/\n  palisade rbac who-can get /metrics --kubeconfig ~/.kube/config')
    .action((verb: string, resource: string, paths: string[], flags: InputFlags & { namespace?: string; name?: string }) =>
      run(async () => {
        const model = await load(paths, flags, { request: { verb, resource } });
        if (model === undefined) return;
        const answer = whoCan(model, { verb, resource, ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }), ...(flags.name === undefined ? {} : { name: flags.name }) });
        if (flags.format === 'json') json(answer);
        else printWhoCan(answer);
      }),
    );
  withInputs(
    rbac
      .command('can-i')
      .description('whether a subject may make a request (exit 0 yes, 1 no), and why')
      .argument('<verb>', 'verb')
      .argument('<resource>', 'RESOURCE[.GROUP][/SUBRESOURCE] or a non-resource URL')
      .argument('[paths...]', 'inputs')
      .requiredOption('--as <subject>', 'the subject (see below)')
      .option('--as-group <group>', 'an extra group of the subject (repeatable)', collect)
      .option('-n, --namespace <ns>', 'the request namespace')
      .option('--name <name>', 'the object name'),
  )
    .addHelpText('after', `${SUBJECT_HELP}\n\nExample:\n  palisade rbac can-i create pods --as system:serviceaccount:dev:builder -n dev cluster/`)
    .action((verb: string, resource: string, paths: string[], flags: InputFlags & { as: string; asGroup?: string[]; namespace?: string; name?: string }) =>
      run(async () => {
        const model = await load(paths, flags, { request: { verb, resource }, subjects: [flags.as] });
        if (model === undefined) return;
        const answer = canI(model, { verb, resource, as: flags.as, ...(flags.asGroup === undefined ? {} : { groups: flags.asGroup }), ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }), ...(flags.name === undefined ? {} : { name: flags.name }) });
        if (flags.format === 'json') json(answer);
        else {
          for (const note of answer.notes) sayNote(note);
          say(`${answer.allowed ? 'yes' : 'no'}: ${answer.subject} ${answer.allowed ? 'may' : 'may not'} ${answer.request} (${answer.reason})`);
          for (const g of answer.grants) say(`  ${g.binding} -> ${g.role}${g.ruleOf === undefined ? '' : ` (aggregated from ${g.ruleOf})`} -> ${g.rule}   ${g.file}:${g.line}`);
        }
        process.exitCode = answer.allowed ? EXIT.ok : EXIT.findings;
      }),
    );
  withInputs(
    rbac
      .command('permissions')
      .description("a subject's effective permissions, merged per scope, with where each comes from")
      .argument('<subject>', 'the subject (see below)')
      .argument('[paths...]', 'inputs')
      .option('--as-group <group>', 'an extra group of the subject (repeatable)', collect),
  )
    .addHelpText('after', `${SUBJECT_HELP}\n\nExample:\n  palisade rbac permissions user:alice cluster/`)
    .action((subject: string, paths: string[], flags: InputFlags & { asGroup?: string[] }) =>
      run(async () => {
        const model = await load(paths, flags, { subjects: [subject] });
        if (model === undefined) return;
        const answer = permissions(model, subject, flags.asGroup ?? []);
        if (flags.format === 'json') json(answer);
        else printPermissions(answer.subject, answer.groups, answer.scopes);
      }),
    );
  withInputs(rbac.command('pods').description("each pod's ServiceAccount, its permissions and what it reaches (the blast radius)").argument('[paths...]', 'inputs'))
    .addHelpText('after', '\nExample:\n  palisade rbac pods cluster/ --format json')
    .action((paths: string[], flags: InputFlags) =>
      run(async () => {
        const model = await load(paths, flags);
        if (model === undefined) return;
        const pods = rbacPods(model);
        if (flags.format === 'json') {
          json(pods);
          return;
        }
        for (const pod of pods) {
          const reach = [...new Set(pod.paths.map((p) => p.target))].join(', ');
          say(`${pod.kind} ${pod.namespace}/${pod.name}  sa=${pod.serviceAccount}${pod.automountToken ? '' : ' (token not mounted)'}  rules=${pod.permissions.reduce((n, s) => n + s.rules.length, 0)}  can=${pod.capabilities.join(',') || '-'}  reaches=${reach || '-'}`);
        }
        say(`${pods.length} pod${pods.length === 1 ? '' : 's'} and workloads`);
      }),
    );
  withInputs(
    rbac
      .command('paths')
      .description('shortest privilege-escalation chains, every step explained')
      .argument('[paths...]', 'inputs')
      .option('--from <subject>', 'start from this subject (default: every non-system identity)')
      .addOption(new Option('--to <target>', 'cluster-admin, secrets or nodes (repeatable; default all)').argParser((value: string, previous: string[] | undefined) => collectList(value, previous)))
      .option('--include-system', 'also list chains from cluster components and bootstrap defaults'),
  )
    .addHelpText('after', `${SUBJECT_HELP}\n\nExamples:\n  palisade rbac paths cluster/ --to cluster-admin\n  palisade rbac paths cluster/ --from system:serviceaccount:dev:ci --format json`)
    .action((paths: string[], flags: InputFlags & { from?: string; to?: string[]; includeSystem?: boolean }) =>
      run(async () => {
        const bad = (flags.to ?? []).filter((t) => !(RBAC_PATH_TARGETS as readonly string[]).includes(t));
        if (bad.length > 0) {
          process.stderr.write(`${formatProblem(problem('rbac-bad-target', `unknown target ${bad.join(', ')}`))}\n`);
          process.exitCode = EXIT.usage;
          return;
        }
        const model = await load(paths, flags, { subjects: flags.from === undefined ? [] : [flags.from] });
        if (model === undefined) return;
        const found = escalationPaths(model, { ...(flags.from === undefined ? {} : { from: flags.from }), ...(flags.to === undefined ? {} : { to: flags.to as RbacPathTarget[] }), includeSystem: flags.includeSystem === true });
        if (flags.format === 'json') json(found);
        else printPaths(found);
      }),
    );
  withInputs(rbac.command('graph').description('export the escalation graph (nodes, edges with kind and evidence)').argument('[paths...]', 'inputs'), ['json', 'dot'])
    .addHelpText('after', '\nExample:\n  palisade rbac graph cluster/ --format dot | dot -Tsvg > rbac.svg')
    .action((paths: string[], flags: InputFlags) =>
      run(async () => {
        const model = await load(paths, flags);
        if (model === undefined) return;
        const format = flags.format === 'dot' ? 'dot' : 'json';
        process.stdout.write(visibleControlsFor(format)(escalationGraphText(model, format)));
      }),
    );
  withInputs(
    rbac
      .command('suggest')
      .description('least privilege from an audit log: the smallest roles covering what each identity did, and its unused grants')
      .argument('[paths...]', 'RBAC inputs to compare against')
      .requiredOption('--audit-log <file>', 'JSON lines of audit.k8s.io/v1 Event'),
    ['yaml', 'table', 'json'],
  )
    .addHelpText('after', '\nExamples:\n  palisade rbac suggest --audit-log audit.log cluster/ > least-privilege.yaml\n  palisade rbac suggest --audit-log audit.log cluster/ -f table')
    .action((paths: string[], flags: InputFlags & { auditLog: string }) =>
      run(async () => {
        const model = await load(paths, flags, { auditLog: flags.auditLog });
        if (model === undefined) return;
        const answer = suggestFromAuditLog(model, flags.auditLog);
        printProblems(answer.problems, flags.quiet === true);
        if (flags.format === 'json') json(answer);
        else if (flags.format === 'yaml') process.stdout.write(visibleControlsButLayout(suggestionManifests(answer.suggestions)));
        else {
          for (const s of answer.suggestions) {
            say(`${s.user}: ${s.requests} request${s.requests === 1 ? '' : 's'}, ${s.roles.reduce((n, r) => n + r.rules.length, 0)} rules needed, ${s.unused.length} unused grant${s.unused.length === 1 ? '' : 's'}`);
            for (const u of s.unused) say(`  unused ${scopeText(u.scope)}: ${describe(u.rule.rule)}   via ${[...new Set(u.rule.sources.map((x) => `${x.binding} -> ${x.role}`))].join('; ')}`);
          }
          say(`${answer.events} audit events, ${answer.suggestions.length} identities`);
        }
      }),
    );
  return rbac;
}
