import WebSocket from 'ws';
import { backoffDelay, type Timers } from './timers.js';
import type { PriceTick, StreamAdapter } from './types.js';

/** Opens a socket; injectable so tests can observe or replace the client. */
export type SocketFactory = (url: string) => WebSocket;

export const defaultSocketFactory: SocketFactory = (url) =>
  new WebSocket(url, { handshakeTimeout: 10_000, perMessageDeflate: false });

export interface ConnectionHooks {
  onTicks(ticks: readonly PriceTick[]): void;
  /** The handshake was refused with this HTTP status (451/403: this exchange refuses our address). */
  onRefused(status: number): void;
  /** Counted events, for metrics and logs. */
  onEvent(
    e: 'open' | 'close' | 'reconnect' | 'malformed' | 'stall' | 'rotate' | 'shutdown' | 'error',
    detail?: string,
  ): void;
}

export interface ConnectionOptions {
  readonly adapter: StreamAdapter;
  readonly root: string;
  readonly timers: Timers;
  readonly now: () => number;
  readonly random: () => number;
  readonly connect: SocketFactory;
  /** No frame (data, control, ping) for this long → reconnect. Default 30 s. */
  readonly watchdogMs?: number;
  /** Rotate this long before the adapter's `maxLifetimeMs`. Default 10 min. */
  readonly rotateMarginMs?: number;
}

/** HTTP statuses that mean "this exchange refuses us" rather than a passing failure. */
const REFUSED = new Set([451, 403]);

/**
 * One socket carrying a set of pairs, healing itself: reconnects with backoff and jitter after a close or
 * error, after a silent stall (watchdog) and before the exchange's own lifetime cut. Pings from the server
 * are answered by `ws`; the adapter's keepalive is sent on a timer. Malformed frames are counted, never thrown.
 */
export class StreamConnection {
  private ws: WebSocket | undefined;
  private pairs: string[];
  private attempt = 0;
  private lastFrameAt = 0;
  private openedAt = 0;
  private stopped = false;
  private readonly handles = new Set<unknown>();
  private readonly watchdogMs: number;
  private readonly rotateMarginMs: number;

  constructor(
    private readonly opts: ConnectionOptions,
    pairs: readonly string[],
    private readonly hooks: ConnectionHooks,
  ) {
    this.pairs = [...pairs];
    this.watchdogMs = opts.watchdogMs ?? 30_000;
    this.rotateMarginMs = opts.rotateMarginMs ?? 600_000;
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  get lastFrame(): number {
    return this.lastFrameAt;
  }

  get pairList(): readonly string[] {
    return this.pairs;
  }

  start(): void {
    this.open();
  }

  /** Changes the pair set: a diff of (un)subscribe messages, or a fresh connection when pairs are in the URL. */
  setPairs(next: readonly string[]): void {
    const before = new Set(this.pairs);
    const after = new Set(next);
    const added = next.filter((p) => !before.has(p));
    const removed = this.pairs.filter((p) => !after.has(p));
    this.pairs = [...next];
    if (added.length === 0 && removed.length === 0) return;
    const { adapter } = this.opts;
    if (!adapter.unsubscribe || !this.connected) {
      this.restart(0);
      return;
    }
    if (removed.length > 0) for (const m of adapter.unsubscribe(removed)) this.ws?.send(m);
    if (added.length > 0) for (const m of adapter.subscribe(added)) this.ws?.send(m);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.drop();
  }

  private open(): void {
    if (this.stopped) return;
    const { adapter, root, connect } = this.opts;
    let ws: WebSocket;
    try {
      ws = connect(adapter.url(root, this.pairs));
    } catch (err) {
      this.hooks.onEvent('error', (err as Error).message);
      this.retry();
      return;
    }
    this.ws = ws;
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.openedAt = this.opts.now();
      this.lastFrameAt = this.openedAt;
      this.hooks.onEvent('open');
      for (const m of adapter.subscribe(this.pairs)) ws.send(m);
      this.armWatchdog();
      this.armKeepalive();
      this.armRotation();
    });
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws) return;
      this.lastFrameAt = this.opts.now();
      if (isBinary) {
        this.hooks.onEvent('malformed', 'binary frame');
        return;
      }
      this.onText(data.toString());
    });
    ws.on('ping', () => {
      this.lastFrameAt = this.opts.now();
    });
    ws.on('pong', () => {
      this.lastFrameAt = this.opts.now();
    });
    ws.on('unexpected-response', (_req, res) => {
      if (this.ws !== ws) return;
      const status = res.statusCode ?? 0;
      res.resume();
      this.drop();
      if (REFUSED.has(status)) {
        this.stopped = true;
        this.clearTimers();
        this.hooks.onRefused(status);
      } else {
        this.hooks.onEvent('error', `handshake HTTP ${status}`);
        this.retry();
      }
    });
    ws.on('error', (err) => {
      if (this.ws !== ws) return;
      this.hooks.onEvent('error', err.message);
    });
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.hooks.onEvent('close', String(code));
      this.retry();
    });
  }

  private onText(text: string): void {
    const r = this.opts.adapter.parse(text, this.opts.now());
    switch (r.kind) {
      case 'prices':
        this.attempt = 0; // a working stream resets the backoff
        this.hooks.onTicks(r.ticks);
        return;
      case 'shutdown':
        this.hooks.onEvent('shutdown');
        this.restart(0);
        return;
      case 'malformed':
        this.hooks.onEvent('malformed', text.slice(0, 80));
        return;
      case 'error':
        this.hooks.onEvent('error', r.message.slice(0, 200));
        return;
      case 'control':
        return;
    }
  }

  /** Closes the socket (if any) without triggering the close handler's retry. */
  private drop(): void {
    const ws = this.ws;
    this.ws = undefined;
    if (!ws) return;
    ws.removeAllListeners('close');
    ws.on('error', () => {}); // a late error on a dropped socket must not become an unhandled event
    ws.terminate();
  }

  /** Drops the socket and opens a new one after `delayMs` (0 for planned reconnects). */
  private restart(delayMs: number): void {
    this.clearTimers();
    this.drop();
    if (this.stopped) return;
    this.hooks.onEvent('reconnect');
    if (delayMs <= 0) this.open();
    else this.later(() => this.open(), delayMs);
  }

  private retry(): void {
    const delay = backoffDelay(this.attempt, this.opts.random);
    this.attempt++;
    this.restart(delay);
  }

  private armWatchdog(): void {
    const check = Math.max(1, Math.floor(this.watchdogMs / 6));
    const tick = () => {
      if (this.opts.now() - this.lastFrameAt >= this.watchdogMs) {
        this.hooks.onEvent('stall');
        this.retry();
        return;
      }
      this.later(tick, check);
    };
    this.later(tick, check);
  }

  private armKeepalive(): void {
    const ka = this.opts.adapter.keepalive;
    if (!ka) return;
    const tick = () => {
      if (this.connected) this.ws?.send(ka.message);
      this.later(tick, ka.everyMs);
    };
    this.later(tick, ka.everyMs);
  }

  private armRotation(): void {
    const life = this.opts.adapter.maxLifetimeMs;
    if (life === undefined) return;
    this.later(
      () => {
        this.hooks.onEvent('rotate');
        this.restart(0);
      },
      Math.max(1_000, life - this.rotateMarginMs),
    );
  }

  private later(fn: () => void, ms: number): void {
    const h = this.opts.timers.setTimeout(() => {
      this.handles.delete(h);
      fn();
    }, ms);
    this.handles.add(h);
  }

  private clearTimers(): void {
    for (const h of this.handles) this.opts.timers.clearTimeout(h);
    this.handles.clear();
  }
}
