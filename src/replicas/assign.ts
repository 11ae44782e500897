/**
 * Which live replica should hold each numbered duty (Discord shard), given who holds them now.
 *
 * Every replica computes this from the same inputs (the sorted member list and the duties' current
 * holders, both read from the shared store), so they agree without talking. The share stays balanced
 * (each member floor or ceil of count / members) and sticky: a member keeps what it holds up to its
 * share, so a replica that dies moves only its own duties and a replica that joins takes only the
 * surplus. A plain `i % members` target would reshuffle the survivors too, and every extra move is a
 * few seconds in which a shard's interactions reach nobody.
 *
 * @param count duties 0..count-1
 * @param members live replicas, sorted (the order breaks ties)
 * @param holders holder of duty i now (undefined: free; a holder not in `members` counts as free)
 * @returns target owner of each duty (index i), or an empty list when there are no members
 */
export function assignDuties(
  count: number,
  members: readonly string[],
  holders: readonly (string | undefined)[],
): string[] {
  if (members.length === 0) return [];
  const held = new Map<string, number[]>(members.map((m) => [m, []]));
  for (let i = 0; i < count; i++) {
    const h = holders[i];
    if (h !== undefined) held.get(h)?.push(i);
  }
  const quota = quotas(count, members, held);
  const target: (string | undefined)[] = Array.from({ length: count }, () => undefined);
  const taken = new Map<string, number>(members.map((m) => [m, 0]));
  for (const m of members) {
    const keep = (held.get(m) ?? []).slice(0, quota.get(m));
    for (const i of keep) target[i] = m;
    taken.set(m, keep.length);
  }
  let next = 0;
  for (const m of members) {
    while ((taken.get(m) ?? 0) < (quota.get(m) ?? 0)) {
      while (target[next] !== undefined) next++;
      target[next] = m;
      taken.set(m, (taken.get(m) ?? 0) + 1);
    }
  }
  return target as string[];
}

/**
 * Each member's share: floor(count / n), and one more for `count % n` of them: those holding the most
 * now (fewest moves), ties by member order.
 */
function quotas(
  count: number,
  members: readonly string[],
  held: ReadonlyMap<string, readonly number[]>,
): Map<string, number> {
  const base = Math.floor(count / members.length);
  const extra = count % members.length;
  const order = members
    .map((m, k) => ({ m, k, n: held.get(m)?.length ?? 0 }))
    .sort((a, b) => b.n - a.n || a.k - b.k);
  return new Map(order.map(({ m }, rank) => [m, base + (rank < extra ? 1 : 0)]));
}
