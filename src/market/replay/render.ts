import type { DataKind } from '../../domain/market.js';
import type { Scenario, ScenarioToken } from './scenario.js';

type Row = Record<string, unknown>;

/** Raw API rows of one scenario step, per endpoint, exactly as the API would send them in `data`. */
export type StepRows = Record<DataKind | 'tokens', Row[]>;

const HOUR = 3_600_000;
const DAY = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoMidnight = (ms: number) => `${isoDay(ms)}T00:00:00.000Z`;

/** Default anchor: the current hour (UTC). The last step of a scenario is stamped at the anchor. */
export function defaultAnchor(now = Date.now()): number {
  return Math.floor(now / HOUR) * HOUR;
}

function id(t: ScenarioToken, spelling: 'TOKEN_' | '' = 'TOKEN_'): Row {
  return spelling === ''
    ? { TOKEN_ID: t.id, NAME: t.name, SYMBOL: t.symbol }
    : { TOKEN_ID: t.id, TOKEN_NAME: t.name, TOKEN_SYMBOL: t.symbol };
}

function num(t: ScenarioToken, n: number): number | string {
  return t.stringNumbers ? String(n) : n;
}

function at<T>(values: readonly T[], step: number): T {
  const v = values[Math.min(step, values.length - 1)];
  if (v === undefined) throw new Error('scenario series is empty');
  return v;
}

function hourlyAt(t: ScenarioToken, step: number) {
  const f = t.hourly.flip;
  if (!f || step < f.step) return t.hourly.before;
  return step === f.step ? f.at : f.after;
}

/** The `/tokens` rows of a scenario (listing order). */
export function tokenRows(scenario: Scenario): Row[] {
  return scenario.tokens.map((t) => ({
    ...id(t),
    EXCHANGE_LIST: t.exchanges.map((e) => ({ exchange_id: e, exchange_name: e })),
    CATEGORY_LIST: [],
    TM_LINK: `https://app.tokenmetrics.com/en/${t.slug}`,
  }));
}

/**
 * Render step `step` of `scenario` into raw rows. Dates are relative to `anchorMs` (hour-aligned): hourly
 * rows are stamped so the last step lands on the anchor; daily rows are dated the anchor's day from
 * `dailyRollStep` on (the day before until then); level dates are `daysAgo` before the anchor's day.
 * Dated endpoints also carry the previous row (yesterday / the previous hour, or `hourlyHistory` hours),
 * newest first, like the API.
 */
export function renderStep(scenario: Scenario, step: number, anchorMs: number, hourlyHistory = 2): StepRows {
  const s = Math.max(0, Math.min(step, scenario.steps - 1));
  const anchorDay = Math.floor(anchorMs / DAY) * DAY;
  const hourOf = (k: number) => anchorMs - (scenario.steps - 1 - k) * scenario.stepMs;
  const rolled = s >= scenario.dailyRollStep;
  const out: StepRows = {
    tokens: tokenRows(scenario),
    price: [],
    daily: [],
    hourly: [],
    levels: [],
    quant: [],
    grade: [],
  };
  const link = (t: ScenarioToken) => `https://app.tokenmetrics.com/en/${t.slug}`;

  for (const t of scenario.tokens) {
    const price = at(t.price, s);
    out.price.push({ ...id(t), CURRENT_PRICE: num(t, price) });

    const daily = rolled ? (t.daily.after ?? t.daily.before) : t.daily.before;
    const dailyDate = rolled ? anchorDay : anchorDay - DAY;
    const dailyRow = (v: typeof daily, date: number): Row => ({
      ...id(t),
      DATE: isoMidnight(date),
      TRADING_SIGNAL: v.signal,
      TOKEN_TREND: v.trend,
      TRADING_SIGNALS_RETURNS: 1.25,
      HOLDING_RETURNS: 0.84,
      TM_TRADER_GRADE: 50,
      TM_INVESTOR_GRADE: 60,
      TM_LINK: link(t),
    });
    out.daily.push(dailyRow(daily, dailyDate), dailyRow(t.daily.before, dailyDate - DAY));

    const hourlyRow = (k: number, ts: number): Row => {
      const v = hourlyAt(t, k);
      return {
        TIMESTAMP: new Date(ts).toISOString(),
        ...id(t),
        CLOSE: at(t.price, k),
        SIGNAL: String(v.signal),
        POSITION: String(v.position),
      };
    };
    for (let h = 0; h < Math.max(1, hourlyHistory); h++) {
      out.hourly.push(hourlyRow(Math.max(0, s - h), hourOf(s) - h * HOUR));
    }

    out.levels.push({
      ...id(t),
      DATE: isoMidnight(anchorDay),
      HISTORICAL_RESISTANCE_SUPPORT_LEVELS: t.levels.map((l) => ({
        date: isoDay(anchorDay - l.daysAgo * DAY),
        level: l.level,
      })),
    });

    if (t.sharpe) {
      out.quant.push({
        ...id(t, t.stringNumbers ? '' : 'TOKEN_'),
        DATE: isoMidnight(anchorDay),
        SHARPE: num(t, at(t.sharpe, s)),
        SORTINO: num(t, 1.5),
        VOLATILITY: num(t, 0.62),
        MAX_DRAWDOWN: num(t, -0.71),
        CAGR: num(t, 0.45),
      });
    }

    if (t.grade) {
      const g = t.grade.change && s >= t.grade.change.step ? t.grade.change.after : t.grade.before;
      out.grade.push({
        ...id(t),
        TM_GRADE: String(g.grade),
        TM_GRADE_SIGNAL: g.signal,
        MOMENTUM: g.momentum,
        FUNDAMENTAL_GRADE: '70',
        TM_GRADE_24h_PCT_CHANGE: '0.5',
      });
    }
  }

  for (const bad of scenario.badRows) {
    if (bad.step !== s) continue;
    const rows = out[bad.kind];
    const i = rows.findIndex((r) => r.TOKEN_ID === bad.tokenId);
    const row = rows[i];
    if (row) rows[i] = bad.mutate(row);
  }
  return out;
}
