import type {
  AlertEvent,
  AlertType,
  Destination,
  GradeChangeEvent,
  LevelEvent,
  SignalFlipEvent,
  Subscription,
  ThresholdEvent,
  TokenId,
} from '#src/domain/types.js';

/** Builders for planner tests: small, explicit events with deterministic ids. */

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0); // a Thursday, 13:00 in Berlin

export const SOL = { tokenId: 11, symbol: 'SOL', name: 'Solana' } as const;
export const BTC = { tokenId: 3375, symbol: 'BTC', name: 'Bitcoin' } as const;

export const dm: Destination = { platform: 'telegram', kind: 'dm', id: '42' };
export const chan: Destination = { platform: 'discord', kind: 'channel', id: '900', parentId: '77' };
export const group: Destination = { platform: 'telegram', kind: 'group', id: '-100', parentId: '-100' };

type Tok = { tokenId: TokenId; symbol: string; name: string };

export function flip(tok: Tok, id: string, timeframe: 'daily' | 'hourly' = 'daily'): SignalFlipEvent {
  return {
    ...tok,
    id,
    kind: 'signal_flip',
    timeframe,
    from: -1,
    to: 1,
    at: T0,
    priority: timeframe === 'daily' ? 80 : 70,
  };
}

export function level(
  tok: Tok,
  id: string,
  kind: LevelEvent['kind'],
  opts: { level?: number; proximityPct?: number; strength?: number } = {},
): LevelEvent {
  return {
    ...tok,
    id,
    kind,
    level: opts.level ?? 100,
    side: 'resistance',
    direction: 'up',
    price: 99,
    distancePct: 1,
    strength: opts.strength ?? 80,
    proximityPct: opts.proximityPct ?? 2,
    at: T0,
    priority: kind === 'level_breakout' ? 90 : kind === 'level_touch' ? 60 : 30,
  };
}

export function cross(tok: Tok, id: string, threshold = 1): ThresholdEvent {
  return {
    ...tok,
    id,
    kind: 'metric_cross',
    metric: 'SHARPE',
    direction: 'up',
    value: threshold + 0.3,
    threshold,
    at: T0,
    priority: 50,
  };
}

export function grade(tok: Tok, id: string): GradeChangeEvent {
  return { ...tok, id, kind: 'grade_change', from: 'Neutral', to: 'Buy', at: T0, priority: 40 };
}

export function sub(
  destination: Destination,
  tok: Tok,
  types: readonly AlertType[] = ['signal', 'levels', 'risk', 'grade'],
): Subscription {
  return { destination, tokenId: tok.tokenId, symbol: tok.symbol, types, createdAt: T0 - 1000 };
}

export function subsByToken(subs: readonly Subscription[]): Map<TokenId, Subscription[]> {
  const m = new Map<TokenId, Subscription[]>();
  for (const s of subs) m.set(s.tokenId, [...(m.get(s.tokenId) ?? []), s]);
  return m;
}

export const ids = (events: readonly AlertEvent[]) => events.map((e) => e.id);
