/** Licence declarations in package manifests, which come in several historical shapes. */

/** npm / composer style: "MIT", {"type": "MIT"}, or [{"type": ...}] / ["MIT", ...]. */
export function licensesFrom(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (Array.isArray(value)) return value.flatMap((v) => licensesFrom(v));
  if (typeof value === 'object' && value !== null && 'type' in value) return licensesFrom((value).type);
  return [];
}
