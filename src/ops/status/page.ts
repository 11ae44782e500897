import { html } from 'hono/html';
import type { StatusSnapshot } from './collect.js';
import { type Markup, panels, utc } from './panels.js';

export interface PageOptions {
  readonly csrf: string;
  /** Seconds between automatic reloads (meta refresh: works without JavaScript). */
  readonly refreshS: number;
  /** Link the Bull Board (Redis mode). */
  readonly queueBoard: boolean;
  /** A line at the top after an action ("requeued ..."). */
  readonly notice?: { readonly text: string; readonly ok: boolean };
}

function document(title: string, body: Markup, refreshS?: number): Markup {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${refreshS ? html`<meta http-equiv="refresh" content="${refreshS}; url=/status">` : ''}
<title>${title}</title>
<link rel="stylesheet" href="/status/style.css">
</head><body>${body}</body></html>`;
}

export function statusPage(snap: StatusSnapshot, o: PageOptions): Markup {
  const h = snap.health;
  const overall = !h ? '' : !h.ready || !h.live ? 'not ready' : h.degraded ? 'degraded' : 'ready';
  const cls = overall === 'ready' ? 'ok' : overall === 'degraded' ? 'warn' : 'bad';
  const body = html`<header><h1>tokenwatch</h1>${overall ? html`<span class="badge ${cls}" id="overall">${overall}</span>` : ''}
<span class="muted">as of ${utc(snap.generatedAt)} UTC · refreshes every ${o.refreshS} s</span>
<span class="spacer"></span>
<a href="/status">reload</a> <a href="/status.json">json</a>${o.queueBoard ? html` <a href="/status/queues">queues</a>` : ''}
<form method="post" action="/status/logout"><input type="hidden" name="csrf" value="${o.csrf}"><button type="submit">log out</button></form>
</header>
${o.notice ? html`<p class="notice ${o.notice.ok ? 'ok' : 'bad'}" id="notice">${o.notice.text}</p>` : ''}
<main>${panels({ snap, csrf: o.csrf })}</main>`;
  return document('tokenwatch status', body, o.refreshS);
}

export function loginPage(message?: string): Markup {
  const body = html`<form class="login" method="post" action="/status/login">
<h1>tokenwatch status</h1>
${message ? html`<p class="bad" id="login-error">${message}</p>` : ''}
<label for="token">Status token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Log in</button>
</form>`;
  return document('tokenwatch status: log in', body);
}
