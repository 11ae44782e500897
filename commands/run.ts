import { destinationKey } from '#src/domain/types.js';
import { SOURCE_LOCALE, supportedLocale } from '#src/i18n/locales.js';
import type { DeactivationReason } from '#src/store/ports.js';
import { StoreError } from '#src/store/shared.js';
import { excerpt } from './format.js';
import { languageOf, withLanguage } from './language.js';
import { countLimit, rateLimitReply } from './limits.js';
import { MAX_STRING_INPUT, MAX_SYMBOL_INPUT } from './parse.js';
import { errorReply, genericErrorReply, unavailableReply, usageReply } from './replies.js';
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
): { ok: true; value: ArgValue } | { ok: false; reply: Reply; tooLong?: boolean } {
  const bad = (msg: string) => ({ ok: false as const, reply: usageReply(msg, usage) });
  switch (opt.type) {
    case 'string':
    case 'channel':
    case 'role': {
      const s = String(v).trim();
      const cap = lengthCap(opt);
      if (s.length > cap) {
        return { ...bad(`${opt.name} is too long (${s.length} characters, at most ${cap}).`), tooLong: true };
      }
      if (opt.choices) {
        const choice = opt.choices.find((c) => c.value.toLowerCase() === s.toLowerCase());
        if (!choice)
          return bad(
            `${opt.name} "${excerpt(s, 20)}" is not one of: ${opt.choices.map((c) => c.value).join(', ')}.`,
          );
        return { ok: true, value: choice.value };
      }
      return { ok: true, value: s };
    }
    case 'number':
    case 'integer': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      if (!Number.isFinite(n)) return bad(`${opt.name} must be a number.`);
      if (opt.type === 'integer' && !Number.isInteger(n)) return bad(`${opt.name} must be a whole number.`);
      if ((opt.min !== undefined && n < opt.min) || (opt.max !== undefined && n > opt.max)) {
        return bad(`${opt.name} must be between ${opt.min ?? '-∞'} and ${opt.max ?? '∞'}.`);
      }
      return { ok: true, value: n };
    }
    case 'boolean':
      if (typeof v === 'boolean') return { ok: true, value: v };
      if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' };
      return bad(`${opt.name} must be true or false.`);
  }
}

/**
 * Validates args against the spec: required options, types, ranges, choices and length caps (symbols
 * 64, other strings 200). Unknown args are dropped. Blank strings count as absent.
 */
export function validateArgs(spec: CommandSpec, args: Args): Checked {
  const out: Record<string, ArgValue> = {};
  for (const opt of spec.options) {
    const v = args[opt.name];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) {
      if (opt.required) return { ok: false, reply: usageReply(`Missing ${opt.name}.`, spec.usage) };
      continue;
    }
    const checked = checkOption(opt, v, spec.usage);
    if (!checked.ok) return checked;
    out[opt.name] = checked.value;
  }
  return { ok: true, args: out };
}

const PAUSE_REASONS: Partial<Record<DeactivationReason, string>> = {
  dms_closed: 'I could not send you direct messages (they seem to be closed)',
  blocked: 'the bot was blocked',
  not_found: 'the chat could not be found',
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
    const why = (status.reason && PAUSE_REASONS[status.reason]) ?? 'your alerts could not be delivered';
    return `Your alerts were paused because ${why}. Running a command re-enabled them.`;
  } catch {
    return undefined;
  }
}

function withFirstLine(reply: Reply, line: string | undefined): Reply {
  return line === undefined ? reply : { ...reply, lines: [line, ...reply.lines] };
}

async function accessRefusal(cmd: Command, ctx: CommandContext): Promise<Reply | undefined> {
  if (cmd.platforms && !cmd.platforms.includes(ctx.platform)) {
    return errorReply(`/${cmd.name} is not available here.`);
  }
  if (cmd.access === 'moderator' && (ctx.place.kind === 'dm' || !(await ctx.isModerator()))) {
    return errorReply('Only moderators can use this command, in a server channel.');
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
  const quick = supportedLocale(rawCtx.clientLocale) ?? supportedLocale(rawCtx.guildLocale) ?? SOURCE_LOCALE;
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
  return withFirstLine(reply, notice);
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
      return errorReply(`/${cmd.name} needs a subcommand.`, ...subs.map((u) => `Usage: ${u}`));
    }
    const checked = validateArgs(cmd, args);
    if (!checked.ok) {
      if (checked.tooLong) countLimit(deps, 'arg_length', ctx.platform);
      return checked.reply;
    }
    return cmd.run(ctx, checked.args, deps);
  });
}
