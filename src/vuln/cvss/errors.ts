/** A CVSS vector string that does not follow its version's specification. */
export class InvalidCvssVectorError extends Error {
  override readonly name = 'InvalidCvssVectorError';
  readonly vector: string;
  readonly reason: string;
  constructor(vector: string, reason: string) {
    const shown = vector.length > 120 ? `${vector.slice(0, 117)}...` : vector;
    super(`invalid CVSS vector ${JSON.stringify(shown)}: ${reason}`);
    this.vector = vector;
    this.reason = reason;
  }
}
