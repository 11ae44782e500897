import { ageParts, formatNumber, formatPct, formatPrice } from '../domain/format.js';
import type { Translate } from '../i18n/catalog.js';
import type { Cell, Missing, WatchlistRow } from './rows.js';

/**
 * The watchlist as aligned plain-text lines (Telegram shows them in `<pre>`, Discord in an embed's code
 * block, the console as is) and one footnote that says why any cell shows `—`. Plain text: every
 * platform escapes it for its markup. Words come from the catalog (`watchlist-*` ids); the columns are
 * padded by character count, which stays aligned in a monospaced `<pre>` in every shipped language (their
 * letters, Cyrillic and accented Latin included, are one UTF-16 unit and one cell wide each).
 */
export const DASH = '—';

const COLUMN_IDS = [
  'watchlist-col-token',
  'watchlist-col-price',
  'watchlist-col-source',
  'watchlist-col-24h',
  'watchlist-col-signal',
  'watchlist-col-grade',
  'watchlist-col-support',
  'watchlist-col-resistance',
  'watchlist-col-sharpe',
] as const;

/** `4s` · `12m` · `3h` · `2d` (English; `4с` · `12мин` in Russian). */
export function shortAge(ms: number, t: Translate): string {
  const { unit, n } = ageParts(ms);
  return t(`watchlist-age-${unit}`, { n });
}

const show = <T>(c: Cell<T>, f: (v: T) => string): string => ('value' in c ? f(c.value) : DASH);
const signalWord = (v: number, t: Translate) =>
  t(v === 1 ? 'watchlist-signal-bull' : v === -1 ? 'watchlist-signal-bear' : 'watchlist-signal-flat');
/** `Binance SOL/USDT` → `Binance`; Token Metrics → `TM`. */
const sourceShort = (label: string) =>
  label === 'Token Metrics' ? 'TM' : (label.split(/\s+/)[0] ?? label).slice(0, 8);

function cells(r: WatchlistRow, t: Translate): string[] {
  const level = (c: WatchlistRow['support']) =>
    show(c, (l) => `${formatPrice(l.level)} ${formatPct(l.distancePct, true)}`);
  return [
    r.symbol.slice(0, 10),
    show(r.price, (p) => formatPrice(p.usd)),
    'value' in r.price && r.price.value.source !== undefined
      ? `${sourceShort(r.price.value.source)} ${shortAge(r.price.value.ageMs ?? 0, t)}`
      : DASH,
    show(r.change24h, (c) => formatPct(c, true)),
    show(r.signal, (s) => `${signalWord(s.value, t)} ${s.date}`),
    show(r.grade, (g) => formatNumber(g, 0)),
    level(r.support),
    level(r.resistance),
    show(r.sharpe, (v) => formatNumber(v, 2)),
  ];
}

/** Aligned rows under a header; numbers right-aligned, text left-aligned. */
export function tableLines(rows: readonly WatchlistRow[], t: Translate): string[] {
  const columns = COLUMN_IDS.map((id) => t(id));
  const body = rows.map((r) => cells(r, t));
  const all = [columns, ...body];
  const widths = columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const right = new Set([1, 3, 5, 8]);
  return all.map((r) =>
    r
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

const FIELD_NAMES: ReadonlyArray<[keyof WatchlistRow, string]> = [
  ['price', 'watchlist-field-price'],
  ['change24h', 'watchlist-field-24h'],
  ['signal', 'watchlist-field-signal'],
  ['grade', 'watchlist-field-grade'],
  ['support', 'watchlist-field-support'],
  ['resistance', 'watchlist-field-resistance'],
  ['sharpe', 'watchlist-field-sharpe'],
];

/**
 * One footnote for every `—`: `— not on this API plan: grade, Sharpe; no data yet: DOGE (all), ETH
 * 24h change; stale: SOL price 3 h old.` Undefined when every cell has a value.
 */
export function footnote(rows: readonly WatchlistRow[], t: Translate): string | undefined {
  const plan = new Set<string>();
  const noData: string[] = [];
  const stale: string[] = [];
  for (const r of rows) {
    const empty: string[] = [];
    for (const [key, id] of FIELD_NAMES) {
      const name = t(id);
      const c = r[key] as Cell<unknown>;
      if ('value' in c) continue;
      const m: Missing = c.missing;
      if (m === 'plan') plan.add(name);
      else if (m === 'stale')
        stale.push(
          t('watchlist-note-stale-item', { symbol: r.symbol, field: name, age: shortAge(c.ageMs ?? 0, t) }),
        );
      else empty.push(name);
    }
    if (empty.length === FIELD_NAMES.length) noData.push(t('watchlist-note-all', { symbol: r.symbol }));
    else if (empty.length > 0) noData.push(`${r.symbol} ${empty.join(', ')}`);
  }
  const parts = [
    plan.size > 0 ? t('watchlist-note-plan', { fields: [...plan].join(', ') }) : undefined,
    noData.length > 0 ? t('watchlist-note-no-data', { items: noData.join('; ') }) : undefined,
    stale.length > 0 ? t('watchlist-note-stale', { items: stale.join('; ') }) : undefined,
  ].filter((x): x is string => x !== undefined);
  return parts.length > 0 ? `${DASH} ${parts.join(' · ')}.` : undefined;
}
