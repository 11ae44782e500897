import { TM_SOURCE } from '../domain/live-note.js';
import type { TokenId } from '../domain/types.js';
import type { TokenView } from '../domain/view.js';
import type { TokenState } from '../engine/index.js';
import type { StreamStatus, StreamsStatus } from '../ops/status/sources.js';
import type { PeriodLease } from '../replicas/lease.js';
import type { StreamHolding } from './holding.js';
import type { PriceService } from './service.js';
import type { PriceShare } from './share.js';

/** What a replica knows of the live prices: its own streams while it holds them, else the holder's set. */
export interface LiveView {
  /** True for a token whose price is streamed (not polled), on this replica or on the holder. */
  streamed(tokenId: TokenId): boolean;
  /** /levels and /signal: the streamed price when it is the newer one, with its source and age. */
  decorate(view: TokenView, state: TokenState): TokenView;
  /** The status page's streams panel. */
  status(): Promise<StreamsStatus>;
}

export function liveView(d: {
  readonly service: PriceService;
  readonly holding: StreamHolding;
  readonly share: PriceShare | undefined;
  readonly lease: PeriodLease | undefined;
  readonly now: () => number;
}): LiveView {
  const { service, holding, share } = d;
  const originOf = (tokenId: TokenId) => {
    if (holding.active) return service.origin(tokenId);
    const p = share?.price(tokenId);
    return p && { label: p.label, price: p.price, at: p.at };
  };
  const streamed = (tokenId: TokenId) =>
    holding.active ? service.isLive(tokenId) : (share?.isLive(tokenId) ?? false);
  /** Why the token has no live stream (data, worded by each reply in its language): the holder's feed, or its shared set. */
  const noteOf = (tokenId: TokenId) => (holding.active ? service.note(tokenId) : share?.note(tokenId));
  return {
    streamed,
    decorate(view, state) {
      const now = d.now();
      const origin = originOf(view.tokenId);
      const live = streamed(view.tokenId);
      const note = live ? undefined : noteOf(view.tokenId);
      const noted = note ? { note } : {};
      if (origin && (live || origin.at >= (state.price?.at ?? 0))) {
        const priceSource = { label: origin.label, ageMs: now - origin.at, ...noted };
        return { ...view, price: origin.price, priceSource };
      }
      if (!state.price) return view;
      const label = state.price.source ?? TM_SOURCE;
      return { ...view, priceSource: { label, ageMs: now - state.price.at, ...noted } };
    },
    async status() {
      const holder = d.lease ? await d.lease.holder() : undefined;
      const lease = d.lease
        ? { lease: { held: holding.active, ...(holder === undefined ? {} : { holder }) } }
        : {};
      if (!holding.active) {
        await share?.refresh();
        const liveTokens = share?.liveCount ?? 0;
        return { exchanges: [], liveTokens, ambiguousTokens: share?.ambiguousCount ?? 0, ...lease };
      }
      const counts = service.mappingCounts();
      return {
        exchanges: exchangeRows(service, d.now()),
        liveTokens: counts.get('live') ?? 0,
        ambiguousTokens: counts.get('ambiguous') ?? 0,
        ...lease,
      };
    },
  };
}

function exchangeRows(service: PriceService, now: number): StreamStatus[] {
  return [...service.feed.stats()].map(([exchange, s]): StreamStatus => {
    const refused = s.unavailableUntil > now;
    return {
      exchange,
      connected: s.connected > 0,
      mappedTokens: s.mapped,
      framesPerSec: s.framesPerSec,
      reconnects: s.reconnects,
      ...(s.lastFrameAt > 0 ? { lastFrameAgeMs: now - s.lastFrameAt } : {}),
      ...(refused
        ? { unavailableUntil: s.unavailableUntil, detail: "refuses this server's address (HTTP 451/403)" }
        : s.connections === 0
          ? { idle: true }
          : {}),
    };
  });
}
