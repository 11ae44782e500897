import { html } from 'hono/html';
import { ledgerChart } from './chart.js';
import type { StatusSnapshot } from './collect.js';
import type { EndpointState, PanelKey } from './sources.js';

/**
 * One function per panel. Every value goes through hono's `html` template, which escapes it (text and
 * attributes alike); nothing here builds markup by string concatenation.
 */
export type Markup = ReturnType<typeof html>;

export interface PanelContext {
  readonly snap: StatusSnapshot;
  /** The session's form token (the retry buttons). */
  readonly csrf: string;
}

/** `2026-01-15 08:00:00` (UTC). */
export const utc = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);

/** 42 s, 7 min, 3 h, 2 d. */
export function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

const badge = (cls: 'ok' | 'warn' | 'bad' | 'muted', text: string) =>
  html`<span class="badge ${cls}">${text}</span>`;

const ENDPOINT_CLASS: Record<EndpointState, 'ok' | 'warn' | 'bad'> = {
  up: 'ok',
  degraded: 'warn',
  backing_off: 'warn',
  disabled: 'bad',
};

function panel(key: PanelKey, title: string, ctx: PanelContext, body: () => Markup, wide = false): Markup {
  const error = ctx.snap.errors[key];
  return html`<section id="${key}"${wide ? html` class="wide"` : ''}><h2>${title}</h2>${
    error !== undefined ? html`<p class="bad">Could not read: ${error}</p>` : body()
  }</section>`;
}

const table = (head: Markup, rows: Markup[], empty: string) =>
  rows.length === 0
    ? html`<p class="muted">${empty}</p>`
    : html`<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;

function health(ctx: PanelContext): Markup {
  const h = ctx.snap.health;
  if (!h) return html``;
  const state =
    !h.live || !h.ready
      ? badge('bad', 'not ready')
      : h.degraded
        ? badge('warn', 'degraded')
        : badge('ok', 'ready');
  const checks = Object.entries(h.checks).map(
    ([k, ok]) => html`<span>${k}: ${ok ? badge('ok', 'ok') : badge('bad', 'failing')}</span>`,
  );
  return html`<p>${state}</p><div class="figures">${checks}</div>${
    h.reasons.length > 0 ? html`<ul class="reasons">${h.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''
  }`;
}

function ticks(ctx: PanelContext): Markup {
  const rows = (ctx.snap.ticks ?? []).map(
    (t) =>
      html`<tr><td>${utc(t.at)}</td><td class="num">${t.durationMs} ms</td><td>${
        t.outcome === 'ran' || t.outcome === 'idle' ? t.outcome : html`<span class="bad">${t.outcome}</span>`
      }${t.error ? html` <span class="muted">${t.error}</span>` : ''}</td><td class="num">${t.events}</td><td class="num">${t.messages}</td></tr>`,
  );
  return table(
    html`<th>time</th><th class="num">took</th><th>outcome</th><th class="num">events</th><th class="num">messages</th>`,
    rows,
    'No tick yet since this process started.',
  );
}

function endpoints(ctx: PanelContext): Markup {
  const rows = (ctx.snap.endpoints ?? []).map(
    (e) =>
      html`<tr><td>${e.endpoint}</td><td>${badge(ENDPOINT_CLASS[e.state] ?? 'muted', e.state.replace('_', ' '))}</td><td class="err">${e.detail ?? ''}</td><td>${e.until !== undefined ? utc(e.until).slice(5, 16) : ''}</td></tr>`,
  );
  return table(
    html`<th>endpoint</th><th>state</th><th>why</th><th>until</th>`,
    rows,
    'No endpoint is refused or backing off.',
  );
}

function ledger(ctx: PanelContext): Markup {
  const l = ctx.snap.ledger;
  if (!l) return html`<p class="muted">No credit counted this month yet.</p>`;
  const pct = (n: number) => (l.budget > 0 ? `${Math.round((n / l.budget) * 100)}%` : '');
  return html`<div class="figures"><span>month <b>${l.month}</b></span><span>used <b>${l.used}</b> (${pct(l.used)})</span><span>projected <b class="${
    l.projected > l.budget ? 'bad' : ''
  }">${l.projected}</b> (${pct(l.projected)})</span><span>budget <b>${l.budget}</b></span></div>${ledgerChart(l)}`;
}

function paidBroadcast(ctx: PanelContext): Markup {
  const p = ctx.snap.paidBroadcast;
  if (!p) return html`<p class="muted">Nothing spent yet.</p>`;
  const pct = p.budget > 0 ? `${Math.round((p.stars / p.budget) * 100)}%` : '';
  return html`<div class="figures"><span>day <b>${p.day}</b> (UTC)</span><span>spent <b>${p.stars.toFixed(1)}</b> Stars (${pct})</span><span>budget <b>${p.budget}</b> Stars</span>${
    p.refused ? html`<span>${badge('bad', 'refused: not enough Stars, off until tomorrow')}</span>` : ''
  }</div>`;
}

function streamState(s: NonNullable<StatusSnapshot['streams']>['exchanges'][number], now: number): Markup {
  if (s.unavailableUntil !== undefined && s.unavailableUntil > now) return badge('bad', 'unavailable');
  if (s.connected) return badge('ok', 'connected');
  return s.idle ? badge('muted', 'idle') : badge('bad', 'down');
}

function leaseLine(lease: NonNullable<StatusSnapshot['streams']>['lease']): Markup | string {
  if (!lease) return '';
  if (lease.held) return html`<span>lease <b>held by this replica</b></span>`;
  return lease.holder !== undefined
    ? html`<span>lease held by <b>${lease.holder}</b></span>`
    : html`<span>lease <b class="bad">free</b> (no replica holds the streams)</span>`;
}

function streams(ctx: PanelContext): Markup {
  const st = ctx.snap.streams;
  if (!st) return html``;
  const now = ctx.snap.generatedAt;
  const rows = st.exchanges.map(
    (s) =>
      html`<tr><td>${s.exchange}</td><td>${streamState(s, now)}</td><td class="num">${
        s.framesPerSec !== undefined ? s.framesPerSec.toFixed(1) : '–'
      }</td><td class="num">${s.lastFrameAgeMs !== undefined ? age(s.lastFrameAgeMs) : '–'}</td><td class="num">${
        s.reconnects ?? '–'
      }</td><td class="num">${s.mappedTokens}</td><td class="err">${
        s.unavailableUntil !== undefined && s.unavailableUntil > now
          ? `until ${utc(s.unavailableUntil).slice(11, 16)} UTC`
          : ''
      }${s.detail ? ` ${s.detail}` : ''}</td></tr>`,
  );
  const empty =
    st.lease && !st.lease.held
      ? 'The streams run on the replica holding the lease.'
      : 'No stream configured.';
  return html`<div class="figures"><span>live tokens <b>${st.liveTokens}</b></span><span>ambiguous <b class="${
    st.ambiguousTokens > 0 ? 'warn' : ''
  }">${st.ambiguousTokens}</b></span>${leaseLine(st.lease)}</div>${table(
    html`<th>exchange</th><th>state</th><th class="num">frames/s</th><th class="num">last frame</th><th class="num">reconnects</th><th class="num">tokens</th><th>note</th>`,
    rows,
    empty,
  )}`;
}

function watched(ctx: PanelContext): Markup {
  const rows = (ctx.snap.watched ?? []).map(
    (w) =>
      html`<tr><td>${w.symbol}</td><td class="num muted">${w.tokenId}</td><td class="num">${w.subscribers}</td></tr>`,
  );
  return table(
    html`<th>token</th><th class="num">id</th><th class="num">subscribers</th>`,
    rows,
    'Nobody follows a token yet.',
  );
}

function subscriptions(ctx: PanelContext): Markup {
  const rows = (ctx.snap.subscriptions ?? []).map(
    (s) =>
      html`<tr><td>${s.platform}</td><td>${s.kind}</td><td class="num">${s.destinations}</td><td class="num">${s.subscriptions}</td></tr>`,
  );
  return table(
    html`<th>platform</th><th>kind</th><th class="num">destinations</th><th class="num">subscriptions</th>`,
    rows,
    'No active subscription.',
  );
}

function outbox(ctx: PanelContext): Markup {
  const rows = (ctx.snap.outbox ?? []).map(
    (o) =>
      html`<tr><td>${o.platform}</td><td class="num">${o.waiting}</td><td class="num">${o.active}</td><td class="num">${o.delayed}</td><td class="num${
        o.dead > 0 ? ' bad' : ''
      }">${o.dead}</td></tr>`,
  );
  return table(
    html`<th>platform</th><th class="num">waiting</th><th class="num">active</th><th class="num">delayed</th><th class="num">dead</th>`,
    rows,
    'Empty.',
  );
}

function alerts(ctx: PanelContext): Markup {
  const rows = (ctx.snap.alerts ?? []).map(
    (a) =>
      html`<tr><td>${utc(a.at)}</td><td>${a.symbol}</td><td>${a.kind}</td><td>${a.summary ?? ''}</td><td class="err">${a.destinations.join(', ')}</td></tr>`,
  );
  return table(
    html`<th>time</th><th>token</th><th>kind</th><th>what</th><th>to</th>`,
    rows,
    'No alert since this process started.',
  );
}

function deadLetters(ctx: PanelContext): Markup {
  const rows = (ctx.snap.deadLetters ?? []).map(
    (d) =>
      html`<tr><td>${utc(d.failedAt)}</td><td>${d.destination}</td><td>${d.about}</td><td class="num">${d.attempts}</td><td class="err">${d.error}</td><td><form method="post" action="/status/dead-letters/retry"><input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="id" value="${d.id}"><button type="submit">retry</button></form></td></tr>`,
  );
  return table(
    html`<th>failed</th><th>to</th><th>about</th><th class="num">tries</th><th>error</th><th></th>`,
    rows,
    'None.',
  );
}

/** The panels whose data exists, in display order. */
export function panels(ctx: PanelContext): Markup[] {
  const s = ctx.snap;
  const out: Markup[] = [];
  const has = (k: PanelKey) => k in s || s.errors[k] !== undefined;
  if (has('health')) out.push(panel('health', 'Health', ctx, () => health(ctx)));
  if (has('ticks')) out.push(panel('ticks', 'Last ticks', ctx, () => ticks(ctx)));
  if (has('endpoints')) out.push(panel('endpoints', 'Token Metrics endpoints', ctx, () => endpoints(ctx)));
  if (has('ledger')) out.push(panel('ledger', 'Token Metrics credits', ctx, () => ledger(ctx)));
  if (has('paidBroadcast'))
    out.push(panel('paidBroadcast', 'Telegram paid broadcasts', ctx, () => paidBroadcast(ctx)));
  if (has('streams')) out.push(panel('streams', 'Price streams', ctx, () => streams(ctx)));
  if (has('outbox')) out.push(panel('outbox', 'Outbox', ctx, () => outbox(ctx)));
  if (has('subscriptions')) out.push(panel('subscriptions', 'Subscriptions', ctx, () => subscriptions(ctx)));
  if (has('watched')) out.push(panel('watched', 'Watched tokens', ctx, () => watched(ctx)));
  if (has('deadLetters')) out.push(panel('deadLetters', 'Dead letters', ctx, () => deadLetters(ctx), true));
  if (has('alerts')) out.push(panel('alerts', 'Last alerts', ctx, () => alerts(ctx), true));
  return out;
}
