/** How a check is declared: upstream's Check / VersionedCheck shape, in minor versions of v1. */
import { joinQuote, pluralize } from './go-format.js';
import type { PodView } from './pod-view.js';
import type { PssCheckId, Violation } from './types.js';

/** Returns the violation, or undefined when the pod passes. */
export type CheckFn = (pod: PodView) => Violation | undefined;

export interface VersionedCheck {
  /** The first policy version (v1.<minimumMinor>) this revision applies to. */
  readonly minimumMinor: number;
  readonly check: CheckFn;
  /** Baseline checks this restricted revision replaces when the level is restricted. */
  readonly overrides?: readonly PssCheckId[];
}

export interface CheckDefinition {
  readonly id: PssCheckId;
  readonly level: 'baseline' | 'restricted';
  /** The control's name in the Pod Security Standards document. */
  readonly control: string;
  /** Revisions in strictly increasing minimumMinor order. */
  readonly versions: readonly VersionedCheck[];
}

/** `container "a"` / `containers "a", "b"`: the subject phrase most details start with. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}
