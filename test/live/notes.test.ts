import { describe, expect, it } from 'vitest';
import { type LiveNote, liveNoteText, type PriceDisagreement, readLiveNote } from '#src/domain/live-note.js';
import { translatorFor } from '#src/i18n/catalog.js';
import type { PairChoice, TokenRef } from '#src/market/streams/mapping.js';
import { choiceLabel, type UnassignedFacts, unassignedNote } from '#src/market/streams/notes.js';

const T = 1_767_225_600_000; // 2026-01-01 00:00 UTC
const offLive: PriceDisagreement = {
  pair: 'Coinbase SOL/USD',
  price: 158.3,
  at: T,
  reference: { price: 180, at: T - 4_000, source: 'Binance SOL/USDT' },
  pct: 12.06,
  tolerancePct: 3,
};
const offTm: PriceDisagreement = {
  pair: 'Binance SOL/USDT',
  price: 150,
  at: T,
  reference: { price: 0.012, at: T - 120_000, source: 'Token Metrics' },
  pct: 1_249_900,
  tolerancePct: 3,
};
const heldOld: PriceDisagreement = {
  pair: 'Coinbase SOL/USD',
  price: 201.8,
  at: T,
  reference: { price: 180, at: T - 3 * 3_600_000, source: 'Token Metrics' },
  pct: 12.11,
  tolerancePct: 3,
};

describe('liveNoteText: the real reason, with the numbers', () => {
  it.each<[string, LiveNote, string]>([
    ['forbidden', { kind: 'forbidden' }, 'No live stream: turned off for this token by the operator.'],
    [
      'no pair on the listed exchanges',
      { kind: 'none', symbol: 'XYZ', exchanges: ['Binance', 'Coinbase'] },
      'No live stream: no XYZ pair quoted in USD, USDT or USDC on Binance, Coinbase.',
    ],
    [
      "an exchange's pair list not loaded yet: no pair is not known",
      { kind: 'none', symbol: 'XYZ', exchanges: ['Binance', 'Coinbase'], unloaded: ['Coinbase'] },
      'No live stream yet: the pair lists of Coinbase could not be loaded; retrying.',
    ],
    [
      'listed on none of ours',
      { kind: 'none', symbol: 'XYZ', exchanges: [] },
      'No live stream: Token Metrics lists XYZ on none of the exchanges the bot streams from.',
    ],
    [
      'prices disagree against the last live price, and the first exchange refuses this server',
      {
        kind: 'unavailable',
        disagree: [offLive],
        refused: [{ exchange: 'Binance', status: 451, until: T + 3_600_000 }],
      },
      'No live stream: Coinbase SOL/USD was $158.30, 12.06% off the last live price $180.00 (Binance SOL/USDT, 4s before; 3% allowed); Binance refuses this server (HTTP 451), tried again 2026-01-01 01:00 UTC.',
    ],
    [
      'another token priced at a cent: a factor, not a percentage',
      { kind: 'ambiguous', disagree: [offTm], refused: [] },
      "No live stream: Binance SOL/USDT was $150.00, off by a factor of 12500 from Token Metrics' $0.012 (2m before; 3% allowed).",
    ],
    [
      'held: the only reference is too old to reject on',
      { kind: 'pending', pair: 'Coinbase SOL/USD', held: heldOld },
      "Live stream not verified yet: Coinbase SOL/USD was $201.80, 12.11% off Token Metrics' $180.00 (3h before; 3% allowed); that price is too old to judge by, waiting for a fresher one.",
    ],
    [
      'waiting for a first price',
      { kind: 'pending', pair: 'Coinbase SOL/USD' },
      'Live stream starting: waiting for the first price from Coinbase SOL/USD to check it.',
    ],
    [
      'a bare kind from an older replica',
      { kind: 'unavailable', disagree: [], refused: [] },
      'No live stream right now: its exchanges refuse this server; back within the hour.',
    ],
  ])('%s', (_n, note, want) => {
    expect(liveNoteText(note, translatorFor('en'))).toBe(want);
  });
});

describe('readLiveNote: what another replica published', () => {
  it.each<[string, unknown, LiveNote | undefined]>([
    ['an older replica\'s bare "ambiguous"', 'ambiguous', { kind: 'ambiguous', disagree: [], refused: [] }],
    ['bare "forbidden"', 'forbidden', { kind: 'forbidden' }],
    [
      'a whole note',
      { kind: 'unavailable', disagree: [offLive], refused: [] },
      {
        kind: 'unavailable',
        disagree: [offLive],
        refused: [],
      },
    ],
    [
      'a malformed part is left out, the rest kept',
      {
        kind: 'unavailable',
        disagree: [offLive, { pair: 'x', price: 'NaN' }],
        refused: [{ exchange: 'OKX', until: T }, 7],
      },
      { kind: 'unavailable', disagree: [offLive], refused: [{ exchange: 'OKX', until: T }] },
    ],
    [
      'pending with a held price',
      { kind: 'pending', pair: 'P', held: heldOld },
      {
        kind: 'pending',
        pair: 'P',
        held: heldOld,
      },
    ],
    ['an unknown kind', { kind: 'surprise' }, undefined],
    ['not a note', 42, undefined],
    ['null', null, undefined],
  ])('%s', (_n, raw, want) => {
    expect(readLiveNote(raw)).toEqual(want);
  });
});

describe('unassignedNote: each candidate out for its own reason', () => {
  const SOL: TokenRef = { tokenId: 3988, symbol: 'SOL', exchanges: ['binance', 'coinbase'] };
  const bn: PairChoice = { exchange: 'binance', pair: 'SOLUSDT', scale: 1, quote: 'USDT' };
  const cb: PairChoice = { exchange: 'coinbase', pair: 'SOL-USD', scale: 1, quote: 'USD' };
  const facts = (o: Partial<UnassignedFacts>): UnassignedFacts => ({
    token: SOL,
    forbidden: false,
    candidates: [bn, cb],
    rejected: () => undefined,
    refusal: () => undefined,
    exchanges: ['binance', 'coinbase', 'okx', 'kraken'],
    loaded: () => true,
    ...o,
  });
  const refusedBinance = (x: string) => (x === 'binance' ? { status: 451, until: T + 1 } : undefined);

  it.each<[string, Partial<UnassignedFacts>, ReturnType<typeof unassignedNote>]>([
    ['forbidden by the operator', { forbidden: true }, { state: 'forbidden', note: { kind: 'forbidden' } }],
    [
      'no pair: the listed exchanges we stream from are named',
      { candidates: [] },
      { state: 'none', note: { kind: 'none', symbol: 'SOL', exchanges: ['Binance', 'Coinbase'] } },
    ],
    [
      'no pair found while Binance\'s list is not loaded: that is said, not "no pair"',
      { candidates: [], loaded: (x) => x !== 'binance' },
      {
        state: 'none',
        note: { kind: 'none', symbol: 'SOL', exchanges: ['Binance', 'Coinbase'], unloaded: ['Binance'] },
      },
    ],
    [
      'every candidate disagreed: ambiguous',
      { rejected: (c) => ({ ...offTm, pair: choiceLabel(c) }) },
      {
        state: 'ambiguous',
        note: {
          kind: 'ambiguous',
          disagree: [
            { ...offTm, pair: 'Binance SOL/USDT' },
            { ...offTm, pair: 'Coinbase SOL/USD' },
          ],
          refused: [],
        },
      },
    ],
    [
      'Binance refuses us, Coinbase disagreed: unavailable, both reasons',
      { refusal: refusedBinance, rejected: (c) => (c.exchange === 'coinbase' ? offLive : undefined) },
      {
        state: 'unavailable',
        note: {
          kind: 'unavailable',
          disagree: [offLive],
          refused: [{ exchange: 'Binance', status: 451, until: T + 1 }],
        },
      },
    ],
  ])('%s', (_n, o, want) => {
    expect(unassignedNote(facts(o))).toEqual(want);
  });
});
