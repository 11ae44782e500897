import { binance } from './binance.js';
import { coinbase } from './coinbase.js';
import { kraken } from './kraken.js';
import { okx } from './okx.js';
import type { ExchangeId, StreamAdapter } from './types.js';

/** Every built adapter by exchange id. */
export const ADAPTERS: Readonly<Record<ExchangeId, StreamAdapter>> = { binance, coinbase, okx, kraken };
