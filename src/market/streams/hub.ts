import {
  type ConnectionHooks,
  defaultSocketFactory,
  type SocketFactory,
  StreamConnection,
} from './connection.js';
import { realTimers, type Timers } from './timers.js';
import type { ExchangeId, PriceTick, StreamAdapter } from './types.js';

/** Counters per exchange, for metrics and `/status`-like views. */
export interface ExchangeStats {
  connections: number;
  connected: number;
  pairs: number;
  frames: number;
  malformed: number;
  reconnects: number;
  stalls: number;
  /** Epoch ms of the newest frame on any of its connections (0 = none yet). */
  lastFrameAt: number;
  /** Frames per second over the last complete 10-second window (0 when none arrived in it). */
  framesPerSec: number;
  /** Epoch ms until which the exchange is considered refusing us (0 = available). */
  unavailableUntil: number;
  /** The HTTP status of its last refusal (451, 403); 0 = never refused. */
  refusedStatus: number;
}

export interface HubOptions {
  readonly adapters: ReadonlyMap<ExchangeId, StreamAdapter>;
  /** Socket root per exchange (`*_WS_URL`). */
  readonly roots: Readonly<Partial<Record<ExchangeId, string>>>;
  readonly onTicks: (ticks: readonly PriceTick[]) => void;
  /** An exchange refused the handshake (or came back after its hour): the caller re-assigns tokens. */
  readonly onAvailability?: (exchange: ExchangeId, available: boolean, status?: number) => void;
  readonly onEvent?: (exchange: ExchangeId, event: string, detail?: string) => void;
  readonly timers?: Timers;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly connect?: SocketFactory;
  readonly watchdogMs?: number;
  /** How long a refused exchange is left alone. Default 1 hour. */
  readonly unavailableMs?: number;
}

interface ExchangeSlot {
  readonly adapter: StreamAdapter;
  conns: StreamConnection[];
  readonly stats: ExchangeStats;
  /** Frame rate: the current 10 s window's number and count, and the previous window's count. */
  window: number;
  inWindow: number;
  lastWindow: number;
}

/** Frames/s is counted per window of this length: one division per frame, no timer. */
const RATE_WINDOW_MS = 10_000;

/**
 * All exchange connections. `setPairs(exchange, pairs)` spreads the pairs over as few connections as the
 * adapter's limit allows, keeping each pair on the connection it is already on so a change touches only
 * the connections that gain or lose pairs.
 */
export class StreamHub {
  private readonly slots = new Map<ExchangeId, ExchangeSlot>();
  private readonly timers: Timers;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly opts: HubOptions) {
    this.timers = opts.timers ?? realTimers;
    this.now = opts.now ?? Date.now;
    for (const [id, adapter] of opts.adapters) {
      this.slots.set(id, {
        adapter,
        conns: [],
        stats: {
          connections: 0,
          connected: 0,
          pairs: 0,
          frames: 0,
          malformed: 0,
          reconnects: 0,
          stalls: 0,
          lastFrameAt: 0,
          framesPerSec: 0,
          unavailableUntil: 0,
          refusedStatus: 0,
        },
        window: 0,
        inWindow: 0,
        lastWindow: 0,
      });
    }
  }

  isAvailable(exchange: ExchangeId): boolean {
    const s = this.slots.get(exchange);
    return (
      s !== undefined && this.opts.roots[exchange] !== undefined && s.stats.unavailableUntil <= this.now()
    );
  }

  /** The exchange's refusal while it lasts: its HTTP status and when it is tried again (epoch ms). */
  refusal(exchange: ExchangeId): { status: number; until: number } | undefined {
    const s = this.slots.get(exchange)?.stats;
    return s && s.unavailableUntil > this.now()
      ? { status: s.refusedStatus, until: s.unavailableUntil }
      : undefined;
  }

  stats(): Map<ExchangeId, ExchangeStats> {
    const out = new Map<ExchangeId, ExchangeStats>();
    const w = Math.floor(this.now() / RATE_WINDOW_MS);
    for (const [id, s] of this.slots) {
      // The last complete window: the current one if frames stopped a window ago, else the one before.
      const done = w === s.window + 1 ? s.inWindow : w === s.window ? s.lastWindow : 0;
      out.set(id, {
        ...s.stats,
        framesPerSec: done / (RATE_WINDOW_MS / 1000),
        connections: s.conns.length,
        connected: s.conns.filter((c) => c.connected).length,
        pairs: s.conns.reduce((n, c) => n + c.pairList.length, 0),
      });
    }
    return out;
  }

  setPairs(exchange: ExchangeId, pairs: readonly string[]): void {
    const slot = this.slots.get(exchange);
    const root = this.opts.roots[exchange];
    if (!slot || root === undefined || this.closed) return;
    if (!this.isAvailable(exchange)) pairs = [];
    const want = new Set(pairs);
    const max = slot.adapter.maxPairs;
    // Keep pairs where they are; fill free room with the new ones.
    const groups = slot.conns.map((c) => c.pairList.filter((p) => want.has(p)));
    const placed = new Set(groups.flat());
    const fresh = [...want].filter((p) => !placed.has(p));
    for (const g of groups) while (g.length < max && fresh.length > 0) g.push(fresh.shift() as string);
    while (fresh.length > 0) groups.push(fresh.splice(0, max));
    const keep: StreamConnection[] = [];
    groups.forEach((g, i) => {
      const existing = slot.conns[i];
      if (g.length === 0) {
        existing?.stop();
        return;
      }
      if (existing) {
        existing.setPairs(g);
        keep.push(existing);
        return;
      }
      const conn = new StreamConnection(
        {
          adapter: slot.adapter,
          root,
          timers: this.timers,
          now: this.now,
          random: this.opts.random ?? Math.random,
          connect: this.opts.connect ?? defaultSocketFactory,
          ...(this.opts.watchdogMs === undefined ? {} : { watchdogMs: this.opts.watchdogMs }),
        },
        g,
        this.hooks(exchange, slot),
      );
      keep.push(conn);
      conn.start();
    });
    slot.conns = keep;
  }

  close(): void {
    this.closed = true;
    for (const s of this.slots.values()) {
      for (const c of s.conns) c.stop();
      s.conns = [];
    }
  }

  private hooks(exchange: ExchangeId, slot: ExchangeSlot): ConnectionHooks {
    return {
      onTicks: (ticks) => {
        const t = this.now();
        slot.stats.frames++;
        slot.stats.lastFrameAt = t;
        const w = Math.floor(t / RATE_WINDOW_MS);
        if (w !== slot.window) {
          slot.lastWindow = w === slot.window + 1 ? slot.inWindow : 0;
          slot.window = w;
          slot.inWindow = 0;
        }
        slot.inWindow++;
        this.opts.onTicks(ticks);
      },
      onRefused: (status) => this.refused(exchange, slot, status),
      onEvent: (e, detail) => {
        if (e === 'malformed') slot.stats.malformed++;
        else if (e === 'reconnect') slot.stats.reconnects++;
        else if (e === 'stall') slot.stats.stalls++;
        this.opts.onEvent?.(exchange, e, detail);
      },
    };
  }

  /** 451/403: stop every connection of that exchange for an hour and let the caller move its tokens. */
  private refused(exchange: ExchangeId, slot: ExchangeSlot, status: number): void {
    const ms = this.opts.unavailableMs ?? 3_600_000;
    slot.stats.unavailableUntil = this.now() + ms;
    slot.stats.refusedStatus = status;
    for (const c of slot.conns) c.stop();
    slot.conns = [];
    this.opts.onEvent?.(exchange, 'refused', String(status));
    this.timers.setTimeout(() => {
      if (this.closed) return;
      this.opts.onAvailability?.(exchange, true);
    }, ms);
    this.opts.onAvailability?.(exchange, false, status);
  }
}
