import { findCommand, matchTextCommand, parseTextArgs, runCommand } from '#commands/index.js';
import type { Args, CommandContext, CommandDeps, MarketView, Place, Reply } from '#commands/types.js';
import type { TokenDirectory } from '#src/domain/market.js';
import {
  type AlertType,
  type Destination,
  destinationKey,
  type Platform,
  type Settings,
  type Subscription,
  type TokenId,
  type TokenInfo,
} from '#src/domain/types.js';
import type { TokenView } from '#src/domain/view.js';
import { translatorFor } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';
import type {
  DeactivationReason,
  DestinationStatus,
  DestinationStatusStore,
  SettingsStore,
  Store,
  SubscriptionStore,
} from '#src/store/ports.js';
import { memoryDirectory } from '../support/directory.js';

/** The two ports commands use, in memory. Mirrors the documented semantics of src/store/ports.ts. */
export function memoryCommandStore(): Pick<Store, 'subscriptions' | 'destinations' | 'settings'> {
  const subs = new Map<string, Map<TokenId, Subscription>>();
  const status = new Map<string, DestinationStatus>();
  const settings = new Map<string, Settings>();
  const bySymbol = (a: Subscription, b: Subscription) => a.symbol.localeCompare(b.symbol);
  const of = (d: Destination) => {
    let m = subs.get(destinationKey(d));
    if (!m) {
      m = new Map();
      subs.set(destinationKey(d), m);
    }
    return m;
  };
  const subscriptions: SubscriptionStore = {
    async subscribe(destination, tokenId, symbol, types, now) {
      const m = of(destination);
      const prev = m.get(tokenId);
      const set = new Set<AlertType>([...(prev?.types ?? []), ...types]);
      const sub: Subscription = {
        destination,
        tokenId,
        symbol,
        types: [...set],
        createdAt: prev?.createdAt ?? now,
      };
      m.set(tokenId, sub);
      return sub;
    },
    async unsubscribe(destination, tokenId, types) {
      const m = of(destination);
      const prev = m.get(tokenId);
      if (!prev) return false;
      const left = types ? prev.types.filter((t) => !types.includes(t)) : [];
      if (left.length === 0) m.delete(tokenId);
      else m.set(tokenId, { ...prev, types: left });
      return true;
    },
    async list(destination) {
      return [...of(destination).values()].sort(bySymbol);
    },
    async listMany(destinations) {
      const out = new Map<string, Subscription[]>();
      for (const d of destinations) {
        const list = [...of(d).values()].sort(bySymbol);
        if (list.length > 0) out.set(destinationKey(d), list);
      }
      return out;
    },
    async listByParent(platform: Platform, parentId: string) {
      const out: Subscription[] = [];
      for (const m of subs.values()) {
        for (const s of m.values()) {
          if (s.destination.platform === platform && s.destination.parentId === parentId) out.push(s);
        }
      }
      return out.sort(
        (a, b) =>
          destinationKey(a.destination).localeCompare(destinationKey(b.destination)) || bySymbol(a, b),
      );
    },
    async subscribersOf() {
      return new Map();
    },
    async watchedTokens() {
      return [];
    },
    async rekey() {},
  };
  const destinations: DestinationStatusStore = {
    async deactivate(destination, reason: DeactivationReason, now) {
      status.set(destinationKey(destination), { active: false, reason, since: now, noticePending: true });
    },
    async reactivate(destination) {
      status.delete(destinationKey(destination));
    },
    async status(destinations) {
      const out = new Map<string, DestinationStatus>();
      for (const d of destinations) {
        const s = status.get(destinationKey(d));
        if (s) out.set(destinationKey(d), s);
      }
      return out;
    },
    async clearNotice(destination) {
      const s = status.get(destinationKey(destination));
      if (s) status.set(destinationKey(destination), { ...s, noticePending: false });
    },
  };
  const settingsStore: SettingsStore = {
    async get(scope) {
      return settings.get(scope);
    },
    async update(scope, patch) {
      const out: Record<string, unknown> = { ...settings.get(scope) };
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete out[k];
        else if (v !== undefined) out[k] = v;
      }
      settings.set(scope, out as Settings);
      return out as Settings;
    },
    async getMany(scopes) {
      const out = new Map<string, Settings>();
      for (const s of scopes) {
        const v = settings.get(s);
        if (v) out.set(s, v);
      }
      return out;
    },
  };
  return { subscriptions, destinations, settings: settingsStore };
}

export const TOKENS: readonly TokenInfo[] = [
  { tokenId: 3375, symbol: 'BTC', name: 'Bitcoin' },
  { tokenId: 3306, symbol: 'ETH', name: 'Ethereum' },
  { tokenId: 3988, symbol: 'SOL', name: 'Solana' },
  // Thirty filler tokens for cap tests: T1..T30.
  ...Array.from({ length: 30 }, (_, i) => ({
    tokenId: 10_000 + i,
    symbol: `T${i + 1}`,
    name: `Filler ${i + 1}`,
  })),
];

export function fakeDirectory(tokens: readonly TokenInfo[] = TOKENS): TokenDirectory & { calls: string[] } {
  return memoryDirectory(tokens);
}

export function fakeMarket(views: ReadonlyMap<TokenId, TokenView> = new Map()): MarketView {
  return { view: async (id) => views.get(id) };
}

export type CommandStore = Pick<Store, 'subscriptions' | 'destinations' | 'settings'>;

export function makeDeps(store: CommandStore, over: Partial<CommandDeps> = {}): CommandDeps {
  return {
    store,
    directory: fakeDirectory(),
    market: fakeMarket(),
    limits: { maxSubscriptionsPerDestination: 25 },
    ...over,
  };
}

/** Fixed clock for every test: 2026-11-28 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

export interface CtxOptions {
  readonly platform?: Platform;
  readonly userId?: string;
  readonly place?: Place;
  readonly moderator?: boolean;
  readonly resolveChannel?: CommandContext['resolveChannel'];
  /** Handlers' language (a handler run directly); runCommand resolves its own from `clientLocale`. */
  readonly locale?: Locale;
  readonly clientLocale?: string;
}

/** A CommandContext whose isModerator calls are counted (to prove the server-side check ran). */
export function makeCtx(o: CtxOptions = {}): CommandContext & { modChecks: number } {
  const locale = o.locale ?? 'en';
  const ctx = {
    platform: o.platform ?? 'telegram',
    userId: o.userId ?? '42',
    place: o.place ?? { kind: 'dm' },
    now: NOW,
    locale,
    t: translatorFor(locale),
    ...(o.clientLocale !== undefined ? { clientLocale: o.clientLocale } : {}),
    modChecks: 0,
    async isModerator() {
      ctx.modChecks++;
      return o.moderator ?? false;
    },
    ...(o.resolveChannel ? { resolveChannel: o.resolveChannel } : {}),
  };
  return ctx;
}

export const dm = (platform: Platform, id: string): Destination => ({ platform, kind: 'dm', id });

// === Running commands the way platforms do

/** Structured path (Discord): command by name, args as typed options. */
export async function call(
  ctx: CommandContext,
  deps: CommandDeps,
  name: string,
  args: Args = {},
  sub?: string,
): Promise<Reply> {
  const cmd = findCommand(name, sub);
  if (!cmd) throw new Error(`no command ${name} ${sub ?? ''}`);
  return runCommand(cmd, ctx, args, deps);
}

/** Text path (Telegram, console): `/subscribe SOL levels`. Parse errors become an error reply. */
export async function say(ctx: CommandContext, deps: CommandDeps, line: string): Promise<Reply> {
  const m = matchTextCommand(line);
  if (!m) throw new Error(`not a command: ${line}`);
  const parsed = parseTextArgs(m.command, m.argsText);
  if (!parsed.ok) return { kind: 'error', lines: [parsed.message(ctx.t)] };
  return runCommand(m.command, ctx, parsed.args, deps);
}

export const text = (r: Reply): string => [r.title ?? '', ...r.lines].join('\n');
