/** `every` alerts wait out the destination's cooldown after each firing; `once` alerts never fire again. */
export function cooledDown(lastFiredAt: number | undefined, cooldownMs: number, at: number): boolean {
  return lastFiredAt === undefined || at - lastFiredAt >= cooldownMs;
}
