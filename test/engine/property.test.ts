import { describe, expect, it } from 'vitest';
import type { AlertEvent, LevelEvent, ThresholdEvent } from '#src/domain/types.js';
import { type DetectOptions, detect, type TokenState } from '#src/engine/index.js';
import { MIN, obs, strong, T0 } from './helpers.js';

/** mulberry32: a tiny seeded PRNG so the walk is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTS: Omit<DetectOptions, 'now'> = { proximityPcts: [0.5, 1, 2, 5], sharpeThresholds: [1, 1.2] };
const TOUCH = 0.25;
const BREAKOUT = 0.5;

describe.each([1, 7, 42, 2025])('seeded random walk (seed %i)', (seed) => {
  it('keeps the machine invariants', () => {
    const rand = rng(seed);
    let price = 100;
    let sharpe = 1;
    let state: TokenState | undefined;
    const ids = new Set<string>();
    /** Per level/profile: last event kind and whether the machine was re-armed (far) since. */
    const last = new Map<string, { kind: string; rearmed: boolean }>();
    const lastCross = new Map<number, 'up' | 'down'>();
    let levelEvents = 0;
    for (let tick = 0; tick < 2000; tick++) {
      // Mostly small steps, sometimes a jump; pulled back toward 100 so the levels stay in play.
      const jump = rand() < 0.03 ? (rand() - 0.5) * 12 : (rand() - 0.5) * 1.6;
      price = Math.max(80, Math.min(120, price * (1 + jump / 100) + (100 - price) * 0.01));
      sharpe += (rand() - 0.5) * 0.15 + (1 - sharpe) * 0.02;
      const o = obs({
        price: { price },
        quant: { metrics: { SHARPE: sharpe } },
        ...(tick % 500 === 0
          ? { levels: { levels: [...strong(100), ...strong(97), ...strong(104.5)] } }
          : {}),
      });
      const now = T0 + tick * MIN;
      const r = detect(state, o, { ...OPTS, now });
      // Determinism: the same tick retried later gives the same ids.
      const again = detect(state, o, { ...OPTS, now: now + 999_999 });
      expect(again.events.map((e) => e.id)).toEqual(r.events.map((e) => e.id));

      const byLevelThisTick = new Map<string, AlertEvent[]>();
      for (const e of r.events) {
        expect(ids.has(e.id)).toBe(false);
        ids.add(e.id);
        if (e.kind === 'metric_cross') {
          const m = e as ThresholdEvent;
          // Crossings of one threshold alternate and always leave the band.
          expect(lastCross.get(m.threshold)).not.toBe(m.direction);
          lastCross.set(m.threshold, m.direction);
          if (m.direction === 'up') expect(m.value).toBeGreaterThanOrEqual(m.threshold + 0.1 - 1e-9);
          else expect(m.value).toBeLessThanOrEqual(m.threshold - 0.1 + 1e-9);
          continue;
        }
        if (e.kind === 'signal_flip' || e.kind === 'grade_change') continue;
        const l = e as LevelEvent;
        levelEvents++;
        const key = `${Math.round(l.level * 100)}@${l.proximityPct}`;
        byLevelThisTick.set(key, [...(byLevelThisTick.get(key) ?? []), l]);
        const prev = last.get(key);
        // No repeat of the same kind, and nothing after a breakout, without a re-arm in between.
        if (prev && !prev.rearmed) {
          expect(l.kind).not.toBe(prev.kind);
          expect(prev.kind).not.toBe('level_breakout');
        }
        last.set(key, { kind: l.kind, rearmed: false });
        if (l.kind === 'level_approach') expect(l.distancePct).toBeLessThanOrEqual(l.proximityPct + 1e-9);
        if (l.kind === 'level_touch') expect(l.distancePct).toBeLessThanOrEqual(TOUCH + 1e-9);
        if (l.kind === 'level_breakout') {
          expect(l.distancePct).toBeGreaterThanOrEqual(BREAKOUT - 1e-9);
          expect(l.direction === 'up' ? l.price > l.level : l.price < l.level).toBe(true);
        }
      }
      // One event per level/profile per tick (a breakout suppresses approach/touch).
      for (const es of byLevelThisTick.values()) expect(es).toHaveLength(1);
      state = r.state;
      for (const item of state.levels?.items ?? []) {
        for (const [pk, ph] of Object.entries(item.phases)) {
          const k = `${Math.round(item.level * 100)}@${pk}`;
          const entry = last.get(k);
          if (entry && ph.p === 'far') entry.rearmed = true;
        }
      }
    }
    // The walk really exercised the machine.
    expect(levelEvents).toBeGreaterThan(50);
    expect(lastCross.size).toBe(2);
  });
});
