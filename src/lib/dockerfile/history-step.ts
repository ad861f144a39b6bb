/**
 * Image history steps as builders write them: docker's classic builder and buildah record an
 * instruction that runs nothing as `/bin/sh -c #(nop)  ENV K=v`, BuildKit as `ENV K=v`.
 */

/**
 * Whether a history step records an ENV instruction. Its values are also in the config's Env
 * (unless a later step replaced them): a secret there is one leak, reported at the Env entry.
 */
export function isEnvStep(createdBy: string): boolean {
  return /^(?:\/bin\/sh -c #\(nop\)\s+)?ENV\s/.test(createdBy);
}
