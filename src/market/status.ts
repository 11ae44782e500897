import type { DataKind } from '../domain/market.js';

/** What the app, /readyz and commands may ask any market source (live or replay) besides data. */
export interface MarketStatus {
  /** True for the bundled replay (TM_SOURCE=replay, `npm run demo`): every alert says "demo data". */
  readonly demo: boolean;
  /** Kinds of data the API plan refuses now (401/403 per endpoint); empty when all are available. */
  unavailableKinds(): DataKind[];
  /** Endpoints refused now, e.g. `/resistance-support`, for /readyz and logs. */
  unavailableEndpoints(): string[];
}

/** How users read each kind of data in replies. */
export const KIND_LABEL: Readonly<Record<DataKind, string>> = {
  price: 'prices',
  daily: 'daily trading signals',
  hourly: 'hourly trading signals',
  levels: 'support/resistance levels',
  quant: 'quant metrics (Sharpe)',
  grade: 'TM grades',
};

/** The reply when a command needs data the API plan refuses. */
export function unavailableText(kind: DataKind): string {
  return `${KIND_LABEL[kind].charAt(0).toUpperCase()}${KIND_LABEL[kind].slice(1)} are not available on this API plan.`;
}

/** The status of a source that is never degraded (the replay). */
export const REPLAY_STATUS: MarketStatus = {
  demo: true,
  unavailableKinds: () => [],
  unavailableEndpoints: () => [],
};
