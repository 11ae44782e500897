import { effectiveSettings, quietUntil } from '../delivery/plan/index.js';
import { localeOf } from '../delivery/plan/rules.js';
import type { OutboundMessage, Outbox } from '../delivery/ports.js';
import type { ZoneCache } from '../domain/format.js';
import { type Destination, destinationKey, type EffectiveSettings, type Settings } from '../domain/types.js';
import { translatorFor } from '../i18n/catalog.js';
import { type Locale, SOURCE_LOCALE } from '../i18n/locales.js';
import { destinationLocale } from '../i18n/resolve.js';
import type { Logger } from '../obs/logger.js';
import { scopesFor } from '../pipeline/profiles.js';
import type { BriefSchedule, Store } from '../store/ports.js';
import { dueDate } from './schedule.js';
import type { WatchlistContent, WatchlistService, WatchlistToken } from './service.js';

/**
 * The daily brief runner (issue 20), run once a minute by one replica (the slot is claimed like a tick).
 * It finds the briefs due now, leaves those held by a mute or quiet hours for a later minute, reads each
 * destination's list, builds each distinct token set's watchlist once, and enqueues one message per
 * destination with the id `brief~<destination>~<local date>`: the outbox ignores an id it already has, so
 * a restart or a second replica at the brief minute cannot post it twice. A mark per destination and date
 * keeps later minutes from preparing it again. Each brief is written in its place's language (issue 22:
 * the planner's `localeOf` on the place's merged settings), and carries it as `locale` so the card drawn
 * at send time is in that language too.
 */
export interface BriefRunnerDeps {
  readonly store: Pick<Store, 'briefs' | 'subscriptions' | 'settings' | 'marks'>;
  readonly outbox: Pick<Outbox, 'enqueue'>;
  readonly watchlist: Pick<WatchlistService, 'contents'>;
  readonly logger?: Logger;
}

export interface BriefRun {
  /** Briefs stored. */
  readonly checked: number;
  /** Due now and not sent yet today. */
  readonly due: number;
  /** Left for later by a mute or quiet hours. */
  readonly held: number;
  /** Skipped for today: muted in drop mode, or nothing followed. */
  readonly skipped: number;
  readonly enqueued: number;
  /** Distinct token sets prepared. */
  readonly sets: number;
}

/** Kept two days: the date in the key already makes each day's mark its own. */
const MARK_TTL_MS = 2 * 86_400_000;
const CHUNK = 1000;

export const briefMarkKey = (destKey: string, date: string) => `brief:${destKey}:${date}`;
export const briefMessageId = (destKey: string, date: string) => `brief~${destKey}~${date}`;

interface Due {
  readonly destination: Destination;
  readonly schedule: BriefSchedule;
  readonly date: string;
  readonly key: string;
}

/** A brief to send, with its place's merged settings (charts, language), merged once. */
interface ToSend extends Due {
  readonly eff: EffectiveSettings;
}

/** Due briefs not sent today, split into held (mute, quiet hours), dropped (mute in drop mode) and to send. */
async function dueNow(deps: BriefRunnerDeps, now: number, zones: ZoneCache) {
  const all = await deps.store.briefs.all();
  const due: Due[] = [];
  for (const b of all) {
    const date = dueDate(b.schedule, now, zones);
    if (date) due.push({ ...b, date, key: briefMarkKey(destinationKey(b.destination), date) });
  }
  if (due.length === 0) return { checked: all.length, due, send: [], held: 0, dropped: [] };
  const done = await deps.store.marks.has(
    due.map((d) => d.key),
    now,
  );
  const open = due.filter((d) => !done.has(d.key));
  const settings: ReadonlyMap<string, Settings> =
    open.length > 0
      ? await deps.store.settings.getMany(scopesFor(open.map((d) => d.destination)))
      : new Map();
  const send: ToSend[] = [];
  const dropped: Due[] = [];
  let held = 0;
  for (const d of open) {
    const eff = effectiveSettings(d.destination, settings);
    const muted = eff.mutedUntil !== null && eff.mutedUntil > now;
    if (muted && eff.muteMode === 'drop') dropped.push(d);
    else if (muted || quietUntil(eff.quietHours, now, zones) !== undefined) held++;
    else send.push({ ...d, eff });
  }
  return { checked: all.length, due: open, send, held, dropped };
}

/** Each destination's followed tokens: one store call per chunk of places, not one per place. */
async function listsOf(deps: BriefRunnerDeps, due: readonly Due[]): Promise<WatchlistToken[][]> {
  const out: WatchlistToken[][] = [];
  for (let i = 0; i < due.length; i += CHUNK) {
    const part = due.slice(i, i + CHUNK);
    const lists = await deps.store.subscriptions.listMany(part.map((d) => d.destination));
    for (const d of part) {
      const subs = lists.get(destinationKey(d.destination)) ?? [];
      out.push(subs.map((s) => ({ tokenId: s.tokenId, symbol: s.symbol })));
    }
  }
  return out;
}

/** Distinct (token set, language) pairs of `lists` and, per list, the index of its pair. */
function distinctSets(
  lists: readonly WatchlistToken[][],
  locales: readonly Locale[],
): { sets: WatchlistToken[][]; setLocales: Locale[]; setOf: number[] } {
  const index = new Map<string, number>();
  const sets: WatchlistToken[][] = [];
  const setLocales: Locale[] = [];
  const setOf = lists.map((tokens, n) => {
    const locale = locales[n] ?? SOURCE_LOCALE;
    const key = `${locale}|${tokens.map((t) => t.tokenId).join(',')}`;
    let i = index.get(key);
    if (i === undefined) {
      i = sets.length;
      index.set(key, i);
      sets.push(tokens);
      setLocales.push(locale);
    }
    return i;
  });
  return { sets, setLocales, setOf };
}

/** One brief message per place that follows something (with its set's index), and the places that follow nothing. */
function briefMessages(
  send: readonly ToSend[],
  lists: readonly WatchlistToken[][],
  setOf: readonly number[],
  contents: readonly WatchlistContent[],
  now: number,
): { messages: Array<{ message: OutboundMessage; set: number }>; empty: number } {
  const messages: Array<{ message: OutboundMessage; set: number }> = [];
  let empty = 0;
  send.forEach((d, i) => {
    const tokens = lists[i] ?? [];
    const set = setOf[i] ?? 0;
    const content = contents[set];
    if (tokens.length === 0 || !content) {
      empty++;
      return;
    }
    const { eff } = d;
    const language = localeOf(eff);
    const t = translatorFor(language.locale);
    const message: OutboundMessage = {
      id: briefMessageId(destinationKey(d.destination), d.date),
      destination: d.destination,
      events: [],
      createdAt: now,
      origin: 'tick',
      ...(eff.charts ? { chart: true } : {}),
      ...language,
      brief: {
        title: t('brief-title', { date: d.date, time: d.schedule.time, zone: d.schedule.tz }),
        table: content.table,
        tokens,
        at: now,
      },
    };
    messages.push({ message, set });
  });
  return { messages, empty };
}

export async function runBriefs(deps: BriefRunnerDeps, now: number): Promise<BriefRun> {
  const zones: ZoneCache = new Map();
  const { checked, due, send, held, dropped } = await dueNow(deps, now, zones);
  if (send.length === 0 && dropped.length === 0) {
    return { checked, due: due.length, held, skipped: 0, enqueued: 0, sets: 0 };
  }
  const lists = await listsOf(deps, send);
  // One watchlist per distinct token set and language: 10,000 places following 1,000 sets cost 1,000
  // tables (a few more when some read another language); every token is still read once.
  const locales = send.map((d) => destinationLocale(d.eff));
  const { sets, setLocales, setOf } = distinctSets(lists, locales);
  const contents = sets.length > 0 ? await deps.watchlist.contents(sets, now, setLocales) : [];
  const { messages, empty } = briefMessages(send, lists, setOf, contents, now);
  // Enqueued set by set: the senders take them roughly in this order, so a set's card is drawn once and
  // reused from the cache by the next messages instead of being evicted by 999 other sets first.
  const ordered = messages.sort((a, b) => a.set - b.set).map((x) => x.message);
  for (let i = 0; i < ordered.length; i += CHUNK) await deps.outbox.enqueue(ordered.slice(i, i + CHUNK));
  await deps.store.marks.set(
    [...send, ...dropped].map((d) => ({ key: d.key, ttlMs: MARK_TTL_MS })),
    now,
  );
  const report = {
    checked,
    due: due.length,
    held,
    skipped: dropped.length + empty,
    enqueued: ordered.length,
    sets: sets.length,
  };
  deps.logger?.info(report, 'daily briefs enqueued');
  return report;
}

/** Once a minute, 5 s past it (the tick at :00 goes first). */
export const BRIEF_CRON = '5 * * * * *';

/**
 * One replica per minute runs the briefs (the slot is claimed in the store, like a tick's). Another
 * replica, or a second run in the same minute, finds the slot taken and does nothing; a minute whose
 * runner died is made up by the next one (a due brief stays due for the rest of its local day).
 */
export function briefRunner(
  deps: BriefRunnerDeps & { readonly ticks: Store['ticks']; readonly owner: string },
): (at: number) => Promise<BriefRun | 'skipped_claimed'> {
  return async (at) => {
    const slot = `brief:${Math.floor(at / 60_000)}`;
    if (!(await deps.ticks.claimSlot(slot, deps.owner, 5 * 60_000, at))) return 'skipped_claimed';
    return runBriefs(deps, at);
  };
}
