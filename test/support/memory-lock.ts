import type { TickLock } from '#src/store/ports.js';

/** The tick lock's contract in memory: first claim wins until its ttl ends; the owner may release it. */
export function memoryLock(): TickLock {
  const slots = new Map<string, { owner: string; until: number }>();
  return {
    async claimSlot(slot, owner, ttlMs, now) {
      const s = slots.get(slot);
      if (s && s.until > now) return false;
      slots.set(slot, { owner, until: now + ttlMs });
      return true;
    },
    async ownerOf(slot, now) {
      const s = slots.get(slot);
      return s && s.until > now ? s.owner : undefined;
    },
    async releaseSlot(slot, owner) {
      if (slots.get(slot)?.owner !== owner) return false;
      return slots.delete(slot);
    },
  };
}

/** What a crashed replica leaves behind: its claims stay until they expire (it can release nothing). */
export function crashed(lock: TickLock): TickLock {
  return { ...lock, releaseSlot: async () => false };
}
