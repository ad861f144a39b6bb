/**
 * The registry of built-in rules: an explicit list sorted by id (no registration by import side
 * effect). The meta-test checks the order and that every rule folder is listed here.
 */
import type { AnyRule } from '../core/rule.js';
import { rule as capabilitiesNotDropped } from './capabilities-not-dropped/rule.js';
import { rule as dangerousCapabilities } from './dangerous-capabilities/rule.js';
import { rule as defaultServiceAccount } from './default-service-account/rule.js';
import { rule as hostNamespaces } from './host-namespaces/rule.js';
import { rule as hostPort } from './host-port/rule.js';
import { rule as imageNotPinnedByDigest } from './image-not-pinned-by-digest/rule.js';
import { rule as imagePullPolicy } from './image-pull-policy/rule.js';
import { rule as imageTagLatest } from './image-tag-latest/rule.js';
import { rule as privilegeEscalationAllowed } from './privilege-escalation-allowed/rule.js';
import { rule as privilegedContainer } from './privileged-container/rule.js';
import { rule as probesMissing } from './probes-missing/rule.js';
import { rule as resourceLimits } from './resource-limits/rule.js';
import { rule as resourceRequests } from './resource-requests/rule.js';
import { rule as runAsRoot } from './run-as-root/rule.js';
import { rule as runAsUidZero } from './run-as-uid-zero/rule.js';
import { rule as seccompUnconfined } from './seccomp-unconfined/rule.js';
import { rule as secretInEnvLiteral } from './secret-in-env-literal/rule.js';
import { rule as sensitiveHostPath } from './sensitive-host-path/rule.js';
import { rule as serviceAccountTokenAutomount } from './service-account-token-automount/rule.js';
import { rule as shareProcessNamespace } from './share-process-namespace/rule.js';
import { rule as untrustedRegistry } from './untrusted-registry/rule.js';
import { rule as writableRootFilesystem } from './writable-root-filesystem/rule.js';

export const RULES: readonly AnyRule[] = [
  capabilitiesNotDropped,
  dangerousCapabilities,
  defaultServiceAccount,
  hostNamespaces,
  hostPort,
  imageNotPinnedByDigest,
  imagePullPolicy,
  imageTagLatest,
  privilegeEscalationAllowed,
  privilegedContainer,
  probesMissing,
  resourceLimits,
  resourceRequests,
  runAsRoot,
  runAsUidZero,
  seccompUnconfined,
  secretInEnvLiteral,
  sensitiveHostPath,
  serviceAccountTokenAutomount,
  shareProcessNamespace,
  untrustedRegistry,
  writableRootFilesystem,
];
