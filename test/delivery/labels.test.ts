import { describe, expect, it } from 'vitest';
import { alertCharts } from '#src/charts/attach.js';
import type { ChartService } from '#src/charts/service.js';
import { capitalize, kindLabel, OUTCOME_LABELS } from '#src/delivery/describe.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { OUTCOME_KINDS } from '#src/domain/outcome.js';
import type { AlertEventKind, LevelEvent } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';

describe('kindLabel: the one table of alert-kind words (table)', () => {
  it.each<[AlertEventKind, Parameters<typeof kindLabel>[1], 'short' | 'long', string]>([
    ['signal_flip', {}, 'long', 'signal flip'],
    ['signal_flip', { timeframe: 'daily' }, 'long', 'daily signal flip'],
    ['signal_flip', { timeframe: 'hourly' }, 'short', 'hourly flip'],
    ['level_approach', {}, 'long', 'approach'],
    ['level_touch', {}, 'short', 'touch'],
    ['level_breakout', {}, 'long', 'breakout'],
    ['metric_cross', {}, 'long', 'metric crossing'],
    ['metric_cross', { metric: 'SHARPE' }, 'long', 'Sharpe crossing'],
    ['metric_cross', { metric: 'SHARPE' }, 'short', 'Sharpe'],
    ['metric_cross', { metric: 'MAX_DRAWDOWN' }, 'short', 'max drawdown'],
    ['grade_change', {}, 'long', 'grade change'],
    ['grade_change', {}, 'short', 'grade'],
    ['price_alert', {}, 'long', 'price alert'],
  ])('%s %j %s → %s', (kind, detail, form, want) => {
    expect(kindLabel(kind, detail, form, translatorFor('en'))).toBe(want);
  });

  it('/stats row labels are the short kind labels, capitalized, one per outcome kind', () => {
    expect(OUTCOME_LABELS).toEqual({
      daily_flip: 'Daily flip',
      hourly_flip: 'Hourly flip',
      approach: 'Approach',
      touch: 'Touch',
      breakout: 'Breakout',
      sharpe: 'Sharpe',
      grade: 'Grade',
    });
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual([...OUTCOME_KINDS].sort());
    expect(capitalize('')).toBe('');
  });

  it("a level alert's chart caption names the kind from the table: `touch of resistance`", async () => {
    const asked: string[] = [];
    const service = {
      async levelChart(req: { caption: string }) {
        asked.push(req.caption);
        return { png: new Uint8Array([1]), filename: 'x.png', alt: 'chart' };
      },
    } as unknown as ChartService;
    const e: LevelEvent = {
      id: 'e1',
      tokenId: 1,
      symbol: 'SOL',
      name: 'Solana',
      at: 0,
      priority: 60,
      kind: 'level_touch',
      level: 150,
      side: 'resistance',
      direction: 'up',
      price: 149.8,
      distancePct: 0.13,
      strength: 80,
      proximityPct: 2,
    };
    const m: OutboundMessage = {
      id: 'm1',
      destination: { platform: 'console', kind: 'dm', id: 'a' },
      events: [e],
      createdAt: 0,
      origin: 'tick',
      chart: true,
    };
    const chart = await alertCharts(service)(m);
    expect(chart?.eventId).toBe('e1');
    expect(asked).toEqual(['touch of resistance']);
  });
});
