/**
 * Typed failures of the version schemes. Callers (analyzers, the advisory matcher) turn them into
 * located problems; the message already names the ecosystem, the offending text and why.
 */

/** A version string that the ecosystem's own tooling would reject. */
export class InvalidVersionError extends Error {
  override readonly name = 'InvalidVersionError';
  readonly ecosystem: string;
  readonly input: string;
  readonly reason: string;
  constructor(ecosystem: string, input: string, reason: string) {
    super(`invalid ${ecosystem} version ${JSON.stringify(clip(input))}: ${reason}`);
    this.ecosystem = ecosystem;
    this.input = input;
    this.reason = reason;
  }
}

/** A range / requirement / specifier string that does not follow the ecosystem's range grammar. */
export class InvalidRangeError extends Error {
  override readonly name = 'InvalidRangeError';
  readonly ecosystem: string;
  readonly input: string;
  readonly reason: string;
  constructor(ecosystem: string, input: string, reason: string) {
    super(`invalid ${ecosystem} range ${JSON.stringify(clip(input))}: ${reason}`);
    this.ecosystem = ecosystem;
    this.input = input;
    this.reason = reason;
  }
}

/** An ecosystem name that no version scheme here implements. */
export class UnsupportedEcosystemError extends Error {
  override readonly name = 'UnsupportedEcosystemError';
  readonly ecosystem: string;
  constructor(ecosystem: string) {
    super(`no version scheme for ecosystem ${JSON.stringify(clip(ecosystem))}`);
    this.ecosystem = ecosystem;
  }
}

/** Hostile inputs can be megabytes long; messages quote at most a short prefix. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Upper bound on any version or range string we parse: far beyond real versions, bounds work. */
export const MAX_VERSION_LENGTH = 1024;

export function checkLength(ecosystem: string, input: string, what: 'version' | 'range'): void {
  if (input.length > MAX_VERSION_LENGTH) {
    const reason = `longer than ${MAX_VERSION_LENGTH} characters`;
    throw what === 'version' ? new InvalidVersionError(ecosystem, input, reason) : new InvalidRangeError(ecosystem, input, reason);
  }
}
