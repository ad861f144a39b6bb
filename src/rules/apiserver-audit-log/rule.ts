/**
 * Audit logging: the only record of who did what through the API. It needs a backend
 * (--audit-log-path), a policy (without --audit-policy-file nothing is logged at all), and
 * rotation settings that keep enough history for an investigation.
 */
import { z } from 'zod';
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { intFlag } from '../_shared/flag-values.js';

const options = controlPlaneOptions.extend({
  /** Fewest days of rotated audit logs to keep (--audit-log-maxage). */
  minMaxAgeDays: z.number().int().positive().default(30),
  /** Fewest rotated audit log files to keep (--audit-log-maxbackup). */
  minMaxBackup: z.number().int().positive().default(10),
  /** Smallest size in megabytes before a log file is rotated (--audit-log-maxsize). */
  minMaxSizeMB: z.number().int().positive().default(100),
});
type Options = z.infer<typeof options>;

interface Retention {
  readonly flag: string;
  readonly min: number;
  readonly unit: string;
  /** What 0 (the default) means for this flag. */
  readonly zero: 'unbounded' | 'default-100';
}

function* rotation(apiserver: ComponentInvocation, limits: readonly Retention[]): Generator<Violation> {
  const who = describeInvocation(apiserver);
  for (const { flag, min, unit, zero } of limits) {
    const reading = intFlag(apiserver, flag, 0);
    if (reading.state === 'invalid') {
      yield warn(`${who} sets --${flag}=${reading.raw}, which is not an integer: kube-apiserver refuses to start with it`, reading.path);
      continue;
    }
    // 0 means "no limit" for age and count (logs grow until the disk is full) and "100 MB" for size.
    const value = reading.value === 0 && zero === 'default-100' ? 100 : reading.value;
    if (value === 0) {
      const set = reading.state === 'set' ? `sets --${flag}=0` : `does not set --${flag}`;
      yield warn(`${who} ${set}: rotated audit logs are never removed, so they grow until the disk is full and the API server stops logging`, reading.path, 'low');
    } else if (value < min) {
      yield fail(`${who} sets --${flag}=${value}, below ${min} ${unit}: audit history is deleted before an investigation can use it`, reading.path, 'low');
    }
  }
}

function* judge(apiserver: ComponentInvocation, opts: Options): Generator<Violation> {
  const who = describeInvocation(apiserver);
  const path = apiserver.flags.last('audit-log-path');
  const policy = apiserver.flags.last('audit-policy-file');
  const hasPolicy = policy !== undefined && policy.value !== '';
  if (path === undefined || path.value === '') {
    const webhook = apiserver.flags.has('audit-webhook-config-file');
    const where = path === undefined ? apiserver.flagsPath : apiserver.argPath(path);
    if (!hasPolicy) {
      // Without a policy no backend receives anything: the webhook does not make up for it.
      yield fail(`${who} does not set --audit-log-path or --audit-policy-file: without a policy no request is audited, so nothing records who did what through the API`, where, 'medium');
    } else {
      const why = webhook ? 'audit events go only to the webhook backend, and are lost whenever it is unreachable' : 'no audit log is written, so nothing records who did what through the API';
      yield fail(`${who} does not set --audit-log-path: ${why}`, where, webhook ? 'low' : 'medium');
    }
    return;
  }
  if (!hasPolicy) {
    yield fail(`${who} sets --audit-log-path but no --audit-policy-file: without a policy no event is logged`, apiserver.argPath(path));
  }
  // "-" writes to standard output, where the container runtime rotates: the flags do not apply.
  if (path.value === '-') return;
  yield* rotation(apiserver, [
    { flag: 'audit-log-maxage', min: opts.minMaxAgeDays, unit: 'days', zero: 'unbounded' },
    { flag: 'audit-log-maxbackup', min: opts.minMaxBackup, unit: 'files', zero: 'unbounded' },
    { flag: 'audit-log-maxsize', min: opts.minMaxSizeMB, unit: 'MB', zero: 'default-100' },
  ]);
}

export const rule = defineRule({
  id: 'apiserver-audit-log',
  title: 'API server audit logging is missing or short-lived',
  severity: 'medium',
  threats: ['monitoring-logging', 'incident-response', 'api-server-kubelet'],
  mitre: ['T1562.008', 'T1070'],
  remediation: 'Start kube-apiserver with --audit-policy-file and --audit-log-path, and keep at least 30 days, 10 files and 100 MB per file of audit logs.',
  references: [
    'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
  ],
  options,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<Options>) {
    const opts = context.options;
    yield* judgeComponents(resource, context, ['kube-apiserver'], (apiserver) => judge(apiserver, opts));
  },
});
