import type { AlertEvent, SignalValue } from '../domain/types.js';
import type { NoticeMessage, OutboundMessage } from './ports.js';

/**
 * Platform-neutral plain-text rendering of alerts: what the console prints, and the fallback text other
 * platforms may use (they must escape it for their markup; nothing here is escaped).
 */

/** USD with precision that suits the magnitude: $64,210 · $142.35 · $0.4213 · $0.00001234. */
export function formatPrice(p: number): string {
  if (!Number.isFinite(p)) return '?';
  const abs = Math.abs(p);
  const digits = abs >= 1000 ? 0 : abs >= 1 ? 2 : abs >= 0.01 ? 4 : 8;
  return `$${p.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

export function formatPct(p: number, signed = false): string {
  const s = `${Math.abs(p) >= 10 ? p.toFixed(1) : p.toFixed(2)}%`;
  return signed && p > 0 ? `+${s}` : s;
}

export function signalName(s: SignalValue): string {
  return s === 1 ? 'BULLISH' : s === -1 ? 'BEARISH' : 'NEUTRAL';
}

/** A short icon per event kind, so a digest can be scanned. */
export function eventIcon(e: AlertEvent): string {
  switch (e.kind) {
    case 'signal_flip':
      return e.to === 1 ? '🟢' : e.to === -1 ? '🔴' : '⚪';
    case 'level_breakout':
      return e.direction === 'up' ? '🚀' : '📉';
    case 'level_touch':
      return '🎯';
    case 'level_approach':
      return '👀';
    case 'metric_cross':
      return e.direction === 'up' ? '📈' : '⚠️';
    case 'grade_change':
      return '🏷️';
  }
}

/** One line describing the event (without icon). */
export function describeEvent(e: AlertEvent): string {
  const sym = e.symbol;
  switch (e.kind) {
    case 'signal_flip': {
      const tf = e.timeframe === 'daily' ? 'Daily' : 'Hourly';
      const price = e.price !== undefined ? ` at ${formatPrice(e.price)}` : '';
      return `${sym}: ${tf} signal flipped ${signalName(e.from)} → ${signalName(e.to)}${price}`;
    }
    case 'level_approach':
      return `${sym}: approaching ${e.side} ${formatPrice(e.level)} (${formatPct(e.distancePct)} away, strength ${Math.round(e.strength)}) · price ${formatPrice(e.price)}`;
    case 'level_touch':
      return `${sym}: touching ${e.side} ${formatPrice(e.level)} (strength ${Math.round(e.strength)}) · price ${formatPrice(e.price)}`;
    case 'level_breakout': {
      const what = e.direction === 'up' ? 'broke above resistance' : 'broke below support';
      return `${sym}: ${what} ${formatPrice(e.level)} (strength ${Math.round(e.strength)}) · price ${formatPrice(e.price)}`;
    }
    case 'metric_cross': {
      const name = e.metric === 'SHARPE' ? 'Sharpe ratio' : e.metric;
      const dir = e.direction === 'up' ? 'rose above' : 'fell below';
      return `${sym}: ${name} ${dir} ${e.threshold} (now ${e.value.toFixed(2)})`;
    }
    case 'grade_change': {
      const grade = e.grade !== undefined ? ` (TM grade ${e.grade.toFixed(1)})` : '';
      return `${sym}: TM grade signal ${e.from} → ${e.to}${grade}`;
    }
  }
}

export function renderEvent(e: AlertEvent): string {
  return `${eventIcon(e)} ${describeEvent(e)}`;
}

/** Title line of a digest: the token when there is one, else the count. */
export function messageTitle(m: OutboundMessage): string {
  const symbols = [...new Set(m.events.map((e) => e.symbol))];
  const what =
    symbols.length === 1 && m.events[0]
      ? `${m.events[0].symbol} (${m.events[0].name})`
      : `${m.events.length} alerts · ${symbols.join(', ')}`;
  return m.origin === 'held' ? `tokenwatch · held while quiet · ${what}` : `tokenwatch · ${what}`;
}

/** The whole message as plain text: a title, then one line per event, highest priority first. */
export function renderMessage(m: OutboundMessage): string {
  return [messageTitle(m), ...m.events.map((e) => `  ${renderEvent(e)}`)].join('\n');
}

export function renderNotice(n: NoticeMessage): string {
  return `tokenwatch notice · ${n.text}`;
}
