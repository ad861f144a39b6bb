/**
 * Items grouped by a key, each group in the items' order. Appending to the group in place: the
 * `map.set(k, [...(map.get(k) ?? []), item])` it replaces copied the group on every item, which
 * is quadratic in the size of a group (thousands of pods on one node, findings of one advisory).
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
