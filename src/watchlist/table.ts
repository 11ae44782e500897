import { formatNumber, formatPct, formatPrice } from '../domain/format.js';
import type { Cell, Missing, WatchlistRow } from './rows.js';

/**
 * The watchlist as aligned plain-text lines (Telegram shows them in `<pre>`, Discord in an embed's code
 * block, the console as is) and one footnote that says why any cell shows `—`. Plain text: every
 * platform escapes it for its markup.
 */
export const DASH = '—';

const COLUMNS = [
  'Token',
  'Price',
  'Source',
  '24h',
  'Daily signal',
  'Grade',
  'Support',
  'Resistance',
  'Sharpe',
];

/** `4s` · `12m` · `3h` · `2d`. */
export function shortAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

const show = <T>(c: Cell<T>, f: (v: T) => string): string => ('value' in c ? f(c.value) : DASH);
const signalWord = (v: number) => (v === 1 ? 'bull' : v === -1 ? 'bear' : 'flat');
/** `Binance SOL/USDT` → `Binance`; Token Metrics → `TM`. */
const sourceShort = (label: string) =>
  label === 'Token Metrics' ? 'TM' : (label.split(/\s+/)[0] ?? label).slice(0, 8);

function cells(r: WatchlistRow): string[] {
  const level = (c: WatchlistRow['support']) =>
    show(c, (l) => `${formatPrice(l.level)} ${formatPct(l.distancePct, true)}`);
  return [
    r.symbol.slice(0, 10),
    show(r.price, (p) => formatPrice(p.usd)),
    'value' in r.price && r.price.value.source !== undefined
      ? `${sourceShort(r.price.value.source)} ${shortAge(r.price.value.ageMs ?? 0)}`
      : DASH,
    show(r.change24h, (c) => formatPct(c, true)),
    show(r.signal, (s) => `${signalWord(s.value)} ${s.date}`),
    show(r.grade, (g) => formatNumber(g, 0)),
    level(r.support),
    level(r.resistance),
    show(r.sharpe, (v) => formatNumber(v, 2)),
  ];
}

/** Aligned rows under a header; numbers right-aligned, text left-aligned. */
export function tableLines(rows: readonly WatchlistRow[]): string[] {
  const body = rows.map(cells);
  const all = [COLUMNS, ...body];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const right = new Set([1, 3, 5, 8]);
  return all.map((r) =>
    r
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

const FIELD_NAMES: ReadonlyArray<[keyof WatchlistRow, string]> = [
  ['price', 'price'],
  ['change24h', '24h change'],
  ['signal', 'daily signal'],
  ['grade', 'grade'],
  ['support', 'support'],
  ['resistance', 'resistance'],
  ['sharpe', 'Sharpe'],
];

/**
 * One footnote for every `—`: `— not on this API plan: grade, Sharpe; no data yet: DOGE (all), ETH
 * 24h change; stale: SOL price 3 h old.` Undefined when every cell has a value.
 */
export function footnote(rows: readonly WatchlistRow[]): string | undefined {
  const plan = new Set<string>();
  const noData: string[] = [];
  const stale: string[] = [];
  for (const r of rows) {
    const empty: string[] = [];
    for (const [key, name] of FIELD_NAMES) {
      const c = r[key] as Cell<unknown>;
      if ('value' in c) continue;
      const m: Missing = c.missing;
      if (m === 'plan') plan.add(name);
      else if (m === 'stale') stale.push(`${r.symbol} ${name} ${shortAge(c.ageMs ?? 0)} old`);
      else empty.push(name);
    }
    if (empty.length === FIELD_NAMES.length) noData.push(`${r.symbol} (all)`);
    else if (empty.length > 0) noData.push(`${r.symbol} ${empty.join(', ')}`);
  }
  const parts = [
    plan.size > 0 ? `not on this API plan: ${[...plan].join(', ')}` : undefined,
    noData.length > 0 ? `no data yet: ${noData.join('; ')}` : undefined,
    stale.length > 0 ? `stale: ${stale.join('; ')}` : undefined,
  ].filter((x): x is string => x !== undefined);
  return parts.length > 0 ? `${DASH} ${parts.join(' · ')}.` : undefined;
}
