import { destinationKey } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { SOURCE_LOCALE } from '#src/i18n/locales.js';
import { platformLocale } from '#src/i18n/resolve.js';
import type { DeactivationReason } from '#src/store/ports.js';
import { StoreError } from '#src/store/shared.js';
import { excerpt } from './format.js';
import { languageOf, withLanguage } from './language.js';
import { countLimit, rateLimitReply } from './limits.js';
import { MAX_STRING_INPUT, MAX_SYMBOL_INPUT } from './parse.js';
import { errorReply, genericErrorReply, unavailableReply, usageLine, usageReply } from './replies.js';
import { dmDestination } from './target.js';
import type {
  Args,
  ArgValue,
  Command,
  CommandContext,
  CommandDeps,
  CommandSpec,
  OptionSpec,
  PlatformContext,
  Reply,
} from './types.js';

type Checked =
  | { readonly ok: true; readonly args: Args }
  | { readonly ok: false; readonly reply: Reply; readonly tooLong?: boolean };

/** Symbol-like options get the tighter cap. */
function lengthCap(opt: OptionSpec): number {
  const base = opt.autocomplete === 'symbol' || opt.name === 'symbol' ? MAX_SYMBOL_INPUT : MAX_STRING_INPUT;
  return Math.min(base, opt.maxLength ?? base);
}

function checkOption(
  opt: OptionSpec,
  v: ArgValue,
  usage: string,
  t: Translate,
): { ok: true; value: ArgValue } | { ok: false; reply: Reply; tooLong?: boolean } {
  const bad = (msg: string) => ({ ok: false as const, reply: usageReply(msg, usage, t) });
  const name = opt.name;
  switch (opt.type) {
    case 'string':
    case 'channel':
    case 'role': {
      const s = String(v).trim();
      const cap = lengthCap(opt);
      if (s.length > cap) {
        return { ...bad(t('run-too-long', { name, length: s.length, max: cap })), tooLong: true };
      }
      if (opt.choices) {
        const choice = opt.choices.find((c) => c.value.toLowerCase() === s.toLowerCase());
        if (!choice) {
          const choices = opt.choices.map((c) => c.value).join(', ');
          return bad(t('run-not-choice', { name, input: excerpt(s, 20), choices }));
        }
        return { ok: true, value: choice.value };
      }
      return { ok: true, value: s };
    }
    case 'number':
    case 'integer': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) return bad(t('run-not-number', { name }));
      if (opt.type === 'integer' && !Number.isInteger(n)) return bad(t('run-not-integer', { name }));
      if ((opt.min !== undefined && n < opt.min) || (opt.max !== undefined && n > opt.max)) {
        return bad(t('run-range', { name, min: String(opt.min ?? '-∞'), max: String(opt.max ?? '∞') }));
      }
      return { ok: true, value: n };
    }
    case 'boolean':
      if (typeof v === 'boolean') return { ok: true, value: v };
      if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' };
      return bad(t('run-not-boolean', { name }));
  }
}

/**
 * Validates args against the spec: required options, types, ranges, choices and length caps (symbols
 * 64, other strings 200). Unknown args are dropped. Blank strings count as absent.
 */
export function validateArgs(spec: CommandSpec, args: Args, t: Translate): Checked {
  const out: Record<string, ArgValue> = {};
  for (const opt of spec.options) {
    const v = args[opt.name];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) {
      if (opt.required) {
        return { ok: false, reply: usageReply(t('run-missing', { name: opt.name }), spec.usage, t) };
      }
      continue;
    }
    const checked = checkOption(opt, v, spec.usage, t);
    if (!checked.ok) return checked;
    out[opt.name] = checked.value;
  }
  return { ok: true, args: out };
}

/** The pause notice per reason, one whole sentence each (languages order the clauses differently). */
const PAUSE_NOTICES: Partial<Record<DeactivationReason, string>> = {
  dms_closed: 'run-paused-dms-closed',
  blocked: 'run-paused-blocked',
  not_found: 'run-paused-not-found',
};

/**
 * The caller's DM destination may have been deactivated by a failed delivery. Using a command proves
 * the user is back: re-enable it and, if they were never told, say so in the first line.
 * Never throws (a store hiccup must not block the command).
 */
async function reactivateCaller(ctx: CommandContext, deps: CommandDeps): Promise<string | undefined> {
  try {
    const subs = deps.store.destinations;
    const dm = dmDestination(ctx);
    const status = (await subs.status([dm])).get(destinationKey(dm));
    if (!status || status.active) return undefined;
    // A Telegram user who blocked the bot can still use commands in a group; only a private message
    // (which unblocks it) proves DMs work again. Otherwise every group command would re-enable,
    // fail, and announce the pause in public.
    if (status.reason === 'blocked' && ctx.place.kind !== 'dm') return undefined;
    await subs.reactivate(dm);
    if (!status.noticePending) return undefined;
    await subs.clearNotice(dm);
    return ctx.t((status.reason && PAUSE_NOTICES[status.reason]) ?? 'run-paused-undelivered');
  } catch {
    return undefined;
  }
}

function withFirstLine(reply: Reply, line: string | undefined): Reply {
  return line === undefined ? reply : { ...reply, lines: [line, ...reply.lines] };
}

async function accessRefusal(cmd: Command, ctx: CommandContext): Promise<Reply | undefined> {
  if (cmd.platforms && !cmd.platforms.includes(ctx.platform)) {
    return errorReply(ctx.t('run-not-here', { command: cmd.name }));
  }
  if (cmd.access === 'moderator' && (ctx.place.kind === 'dm' || !(await ctx.isModerator()))) {
    return errorReply(ctx.t('run-moderators-only'));
  }
  return undefined;
}

/**
 * The context with isModerator asked of the platform at most once per command: the runner and the
 * handler both check, and both must see the same answer without a second API call.
 */
function oncePerCommand(ctx: PlatformContext): PlatformContext {
  let answer: Promise<boolean> | undefined;
  const resolveChannel = ctx.resolveChannel?.bind(ctx);
  const checkPingRole = ctx.checkPingRole?.bind(ctx);
  return {
    platform: ctx.platform,
    userId: ctx.userId,
    place: ctx.place,
    now: ctx.now,
    ...(ctx.clientLocale !== undefined ? { clientLocale: ctx.clientLocale } : {}),
    ...(ctx.guildLocale !== undefined ? { guildLocale: ctx.guildLocale } : {}),
    isModerator: () => {
      answer ??= ctx.isModerator();
      return answer;
    },
    ...(resolveChannel ? { resolveChannel } : {}),
    ...(checkPingRole ? { checkPingRole } : {}),
  };
}

/**
 * Runs an action inside the per-user rate limit, the notice/reactivation wrapper and the never-throw
 * guard. A rate-limited caller's command never reaches the store or the handler.
 */
export async function guarded(
  rawCtx: PlatformContext,
  deps: CommandDeps,
  body: (ctx: CommandContext) => Promise<Reply>,
): Promise<Reply> {
  // Over the limit, nothing reaches the store: the platform's language is all the reply needs.
  const quick = platformLocale(rawCtx.clientLocale, rawCtx.guildLocale);
  const limited = await rateLimitReply(withLanguage(rawCtx, quick), deps);
  if (limited) return limited;
  const platformCtx = oncePerCommand(rawCtx);
  const language = await languageOf(platformCtx, deps);
  const ctx = withLanguage(platformCtx, language.locale);
  const notice = await reactivateCaller(ctx, deps);
  let reply: Reply;
  try {
    reply = await body(ctx);
    // Only a command that did its work records the platform's language: refusals change nothing.
    if (reply.kind === 'ok') await language.record();
  } catch (err) {
    // A retryable store error is an outage (the store client's command timeout bounds the wait).
    reply = err instanceof StoreError && err.retryable ? unavailableReply(ctx.t) : genericErrorReply(ctx.t);
  }
  const out = withFirstLine(reply, notice);
  // English is left out, so replies compare as before; platforms read absent as English.
  return ctx.locale === SOURCE_LOCALE ? out : { ...out, locale: ctx.locale };
}

/**
 * Runs a command (or subcommand) for a platform: validation, access checks, the handler. Never throws:
 * a failing handler becomes a generic error reply (the platform logs with its own context).
 */
export function runCommand(
  cmd: Command,
  rawCtx: PlatformContext,
  args: Args,
  deps: CommandDeps,
): Promise<Reply> {
  return guarded(rawCtx, deps, async (ctx) => {
    const refusal = await accessRefusal(cmd, ctx);
    if (refusal) return refusal;
    if (!cmd.run) {
      const subs = (cmd.subcommands ?? []).map((s) => s.usage);
      return errorReply(
        ctx.t('run-needs-subcommand', { command: cmd.name }),
        ...subs.map((u) => usageLine(ctx.t, u)),
      );
    }
    const checked = validateArgs(cmd, args, ctx.t);
    if (!checked.ok) {
      if (checked.tooLong) countLimit(deps, 'arg_length', ctx.platform);
      return checked.reply;
    }
    return cmd.run(ctx, checked.args, deps);
  });
}
