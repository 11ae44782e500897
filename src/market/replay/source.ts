import type { DataKind, MarketSource, TokenDirectory, TokenObservation } from '../../domain/market.js';
import type { TokenId } from '../../domain/types.js';
import type { Logger } from '../../obs/logger.js';
import { silentLogger } from '../../obs/logger.js';
import { createMetrics } from '../../obs/metrics.js';
import { withCloses } from '../closes.js';
import { createTokenDirectory } from '../directory.js';
import type { MarketMetrics } from '../http.js';
import {
  assemble,
  ENDPOINT_OF,
  type InvalidRowSink,
  newestPerToken,
  type ParsedRow,
  parseRows,
} from '../parse.js';
import { type MarketStatus, REPLAY_STATUS } from '../status.js';
import { defaultAnchor, renderStep, tokenRows } from './render.js';
import { DEFAULT_SCENARIO, type Scenario } from './scenario.js';

export interface ReplayOptions {
  /** Hour-aligned epoch ms the scenario's dates are relative to. Default: the current hour. */
  readonly anchorMs?: number;
  /** First step. Default 0 (the baseline). */
  readonly startStep?: number;
  readonly logger?: Logger;
  readonly metrics?: MarketMetrics;
}

export type ReplaySource = MarketSource &
  TokenDirectory &
  MarketStatus & {
    /** Current step, 0-based. */
    readonly step: number;
    /** Number of steps in the scenario. */
    readonly steps: number;
    /** The anchor the dates are rendered against (epoch ms). */
    readonly anchorMs: number;
    /** Jump to a step (clamped to the scenario). */
    setStep(n: number): void;
    /** Move one step on; false (and no move) at the last step. */
    advance(): boolean;
  };

/**
 * A market source that serves a bundled scenario instead of the API: used by the demo and by tests, and
 * when no TM_API_KEY is set. Rows go through the same validation as live data (bad rows are dropped,
 * logged and counted), so the replay exercises the real parsing path.
 */
export function createReplaySource(
  scenario: Scenario = DEFAULT_SCENARIO,
  opts: ReplayOptions = {},
): ReplaySource {
  const logger = opts.logger ?? silentLogger();
  const metrics = opts.metrics ?? createMetrics();
  const anchorMs = defaultAnchor(opts.anchorMs ?? Date.now());
  const clamp = (n: number) => Math.max(0, Math.min(Math.trunc(n), scenario.steps - 1));
  let step = clamp(opts.startStep ?? 0);
  const tokens = tokenRows(scenario);

  const onInvalid: InvalidRowSink = (kind, reason, tokenId) => {
    const endpoint = ENDPOINT_OF[kind];
    metrics.invalidRows.inc({ endpoint });
    logger.warn({ endpoint, tokenId, reason, source: 'replay' }, 'Token Metrics row dropped by validation');
  };

  const directory = createTokenDirectory({
    lister: {
      listPage: async (page, limit) => tokens.slice((page - 1) * limit, page * limit),
      bySymbol: async (symbol) =>
        tokens.filter((t) => String(t.TOKEN_SYMBOL).toUpperCase() === symbol.toUpperCase()),
      byId: async (tokenId) => tokens.filter((t) => t.TOKEN_ID === tokenId),
    },
  });

  return {
    ...REPLAY_STATUS,
    async fetch(req): Promise<Map<TokenId, TokenObservation>> {
      const rows = renderStep(scenario, step, anchorMs);
      const wanted = new Set(req.tokenIds);
      const byKind: Partial<Record<DataKind, Map<TokenId, ParsedRow>>> = {};
      for (const kind of new Set(req.kinds)) {
        // Only the requested tokens' rows are "fetched" (and so validated and counted), like a batched call.
        const mine = rows[kind].filter((r) => typeof r.TOKEN_ID !== 'number' || wanted.has(r.TOKEN_ID));
        const parsed = parseRows(kind, mine, onInvalid);
        const newest = newestPerToken(parsed, wanted);
        // Like the HTTP client: the newest hourly row carries the CLOSE history.
        if (kind === 'hourly') {
          withCloses(newest as Map<TokenId, ParsedRow<'hourly'>>, parsed as ParsedRow<'hourly'>[]);
        }
        byKind[kind] = newest;
      }
      return assemble(byKind as Parameters<typeof assemble>[0], (id) => directory.peek(id));
    },
    resolve: (symbol) => directory.resolve(symbol),
    search: (prefix, limit) => directory.search(prefix, limit),
    byId: (tokenId) => directory.byId(tokenId),
    exchangesOf: (tokenId) => directory.exchangesOf(tokenId),
    get step() {
      return step;
    },
    steps: scenario.steps,
    anchorMs,
    setStep(n) {
      step = clamp(n);
    },
    advance() {
      if (step >= scenario.steps - 1) return false;
      step++;
      return true;
    },
  };
}
