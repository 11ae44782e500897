import type { ExchangeId } from './types.js';

/** Where a streamed price came from, for `/levels` and alerts ("Binance SOL/USDT, 1 s ago"). */
export interface StreamSource {
  readonly exchange: ExchangeId;
  readonly label: string;
  readonly pair: string;
  /** Exchange time of the price, epoch ms. */
  readonly time: number;
  /** The pair's quote currency (`USDT`), when known: lets `sourceLabel` write SOLUSDT as SOL/USDT. */
  readonly quote?: string;
}

/** Pair names read better with a slash: SOLUSDT → SOL/USDT, SOL-USD → SOL/USD. */
function pairLabel(pair: string, quote: string | undefined): string {
  if (pair.includes('/')) return pair;
  if (pair.includes('-')) return pair.replace('-', '/');
  return quote && pair.endsWith(quote) && pair.length > quote.length
    ? `${pair.slice(0, -quote.length)}/${quote}`
    : pair;
}

/** A streamed price's origin for people: `Binance SOL/USDT`. */
export function sourceLabel(s: Pick<StreamSource, 'label' | 'pair' | 'quote'>): string {
  return `${s.label} ${pairLabel(s.pair, s.quote)}`;
}
