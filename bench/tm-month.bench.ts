/**
 * A simulated calendar month of Token Metrics fetching at 100 and 500 watched tokens with the default
 * budget (TM_MONTHLY_CALLS 10,000), against the loopback fake with an injected clock (1-minute ticks).
 * Targets: calls the fake counted ÷ budget ≤ 1.0; ledger ÷ fake count = 1.000; the plan's projection at
 * the end of day 1 ÷ the month's actual within 2 %. Baseline in the same run: the old assumption (one
 * call per endpoint and 100-token batch at the first plan's cadences) ÷ actual.
 */
import { planFetch } from '#src/market/index.js';
import { simulateMonth } from '../test/support/tm-month.js';
import { createVerdicts } from './verdict.js';

const BUDGET = 10_000;
const WISH = { price: 60_000, hourly: 3_600_000, daily: 21_600_000 };
const start = Date.UTC(2026, 11, 1);
const rows: string[][] = [];
const v = createVerdicts('tm-month');

for (const tokens of [100, 500]) {
  const r = await simulateMonth({ tokens, budget: BUDGET, start, wish: WISH });
  const naive = planFetch({
    now: start,
    watchedCount: tokens,
    lastFetched: {},
    wish: WISH,
    monthlyCalls: BUDGET,
  });
  // The old plan spread a 30-day month; scale it to this month's 31 days for a fair ratio.
  const naiveMonth = (naive.projectedMonthlyCalls * 31) / 30;
  const usage = r.fakeCalls / BUDGET;
  const ledger = r.ledger / r.fakeCalls;
  const proj = r.projectedDay1 / r.fakeCalls;
  rows.push([
    String(tokens),
    String(BUDGET),
    String(r.fakeCalls),
    v.cell(`${tokens} tokens: calls ÷ budget`, usage, { atMost: 1 }, (x) => x.toFixed(3)),
    v.cell(`${tokens} tokens: ledger ÷ fake`, ledger, { equals: 1 }, (x) => x.toFixed(3)),
    String(r.projectedDay1),
    v.cell(`${tokens} tokens: projected ÷ actual`, proj, { between: [0.98, 1.02] }, (x) => x.toFixed(3)),
    (naiveMonth / r.fakeCalls).toFixed(3),
    `${r.refreshes.price}/${r.refreshes.hourly}/${r.refreshes.daily}`,
    (r.wallMs / 1000).toFixed(1),
  ]);
}

const head = [
  'tokens',
  'budget',
  'fake calls',
  'calls÷budget (≤1)',
  'ledger÷fake (=1)',
  'projected@day1',
  'projected÷actual (0.98–1.02)',
  'assumed÷actual',
  'refreshes p/h/d',
  'wall s',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
process.stdout.write(`Token Metrics month (Dec 2026, 1-minute ticks, default budget)\n${line(head)}\n`);
for (const r of rows) process.stdout.write(`${line(r)}\n`);
v.finish();
