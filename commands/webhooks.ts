import { randomBytes } from 'node:crypto';
import { checkWebhookUrl, MAX_WEBHOOK_URL } from '#src/delivery/webhooks/guard.js';
import { testPayload } from '#src/delivery/webhooks/payload.js';
import { describePost, newWebhookSecret, signAndPost } from '#src/delivery/webhooks/post.js';
import type { Translate } from '#src/i18n/catalog.js';
import { MAX_WEBHOOKS_PER_DESTINATION, type Webhook } from '#src/store/webhook-ports.js';
import { argText } from './parse.js';
import { errorReply, infoReply, okReply, usageReply } from './replies.js';
import {
  CHANNEL_OPTION,
  CHANNEL_PLATFORMS,
  dmDestination,
  resolveChannelTarget,
  type Target,
} from './target.js';
import type { Command, CommandContext, CommandDeps, OptionSpec, Reply } from './types.js';
import { placeKind } from './watchlist.js';

/**
 * Signed webhooks (issue 21): `/webhook add|test|remove`, `/webhooks` for the caller's own alerts, and
 * `/channel webhook add|list|test|remove` for a Discord channel (moderators). The reply to `add` is the
 * only place the signing secret ever shows (ephemeral on Discord, a private chat on Telegram).
 */
const URL_OPTION: OptionSpec = {
  name: 'url',
  description: 'https:// address that receives your alerts as signed JSON',
  type: 'string',
  required: true,
  maxLength: MAX_WEBHOOK_URL,
};
const ID_OPTION: OptionSpec = {
  name: 'id',
  description: 'Webhook id (see /webhooks)',
  type: 'string',
  required: true,
  maxLength: 16,
};
const ID_RE = /^wh[0-9a-z]{8}$/;

const unavailable = (t: Translate) => infoReply([t('webhook-unavailable')]);

/**
 * `https://hooks.example.com/tw` (no query string: it may hold the receiver's own token). The JSON
 * payloads themselves stay English in every language: they are a machine-readable contract
 * (docs/traders.md), read by the receiver's code, not by people.
 */
export function shownUrl(raw: string, t: Translate): string {
  try {
    const u = new URL(raw);
    const s = `${u.origin}${u.pathname === '/' ? '' : u.pathname}`;
    return s.length > 80 ? `${s.slice(0, 79)}…` : s;
  } catch {
    return t('webhook-url-unreadable');
  }
}

/** The caller's own destination, except in a Telegram group, where the whole group would see the secret. */
function ownTarget(ctx: CommandContext): { ok: true; target: Target } | { ok: false; reply: Reply } {
  if (ctx.place.kind === 'group') {
    return {
      ok: false,
      reply: errorReply(ctx.t('webhook-dm-only'), ctx.t('webhook-dm-only-hint')),
    };
  }
  const destination = dmDestination(ctx);
  return { ok: true, target: { destination, label: 'you', layers: [] } };
}

async function add(
  ctx: CommandContext,
  target: Target,
  raw: string | undefined,
  deps: CommandDeps,
  usage: string,
) {
  const { t } = ctx;
  const store = deps.store.webhooks;
  if (!store || !deps.webhookPost) return unavailable(t);
  if (raw === undefined || raw.trim() === '') return usageReply(t('webhook-add-give-url'), usage, t);
  const checked = await checkWebhookUrl(raw, deps.webhookPost);
  if (!checked.ok) return errorReply(t(checked.refusal.id, checked.refusal.args), t('webhook-add-nothing'));
  const secret = newWebhookSecret();
  const url = checked.target.url.href;
  const r = await store.add(
    { destination: target.destination, url, secret, createdAt: ctx.now },
    MAX_WEBHOOKS_PER_DESTINATION,
  );
  const place = placeKind(target.destination);
  if (!r.ok) return errorReply(t('webhook-limit', { place, count: r.count }), t('webhook-limit-hint'));
  const id = r.webhook.id;
  return okReply(
    [
      t('webhook-added', { id, url: shownUrl(url, t) }),
      t('webhook-secret', { secret }),
      t('webhook-added-every-alert', { place }),
      t('webhook-try', { id }),
      t('webhook-docs'),
    ],
    t('webhook-added-title'),
  );
}

async function list(target: Target, t: Translate, deps: CommandDeps): Promise<Reply> {
  const store = deps.store.webhooks;
  if (!store) return unavailable(t);
  const hooks = await store.list(target.destination);
  if (hooks.length === 0) {
    return infoReply([t('webhook-none', { place: placeKind(target.destination) }), t('webhook-none-hint')]);
  }
  return okReply(
    [
      ...hooks.map((h) =>
        t('webhook-list-line', {
          id: h.id,
          url: shownUrl(h.url, t),
          date: new Date(h.createdAt).toISOString().slice(0, 10),
        }),
      ),
      t('webhook-list-max', { max: MAX_WEBHOOKS_PER_DESTINATION }),
    ],
    t('webhook-list-title'),
  );
}

/** The destination's webhook `id`, or the reply that says why not. */
async function own(target: Target, raw: string | undefined, t: Translate, deps: CommandDeps, usage: string) {
  const id = raw?.trim().toLowerCase();
  if (id === undefined || !ID_RE.test(id)) {
    return { ok: false as const, reply: usageReply(t('webhook-give-id'), usage, t) };
  }
  const hook = (await deps.store.webhooks?.list(target.destination))?.find((h) => h.id === id);
  if (!hook) return { ok: false as const, reply: errorReply(t('webhook-no-such', { id })) };
  return { ok: true as const, hook };
}

async function test(ctx: CommandContext, hook: Webhook, deps: CommandDeps): Promise<Reply> {
  const { t } = ctx;
  if (!deps.webhookPost) return unavailable(t);
  const id = `test_${randomBytes(8).toString('hex')}`;
  const body = JSON.stringify(testPayload(id, ctx.now, hook.destination));
  const r = await signAndPost(hook, id, body, deps.webhookPost);
  const answer = describePost(r, t);
  if (r.kind === 'answered' && r.status >= 200 && r.status < 300) {
    return okReply([t('webhook-test-sent', { id, hook: hook.id, answer })], t('webhook-test-title'));
  }
  return errorReply(t('webhook-test-failed', { hook: hook.id, answer }), t('webhook-test-failed-hint'));
}

async function remove(target: Target, hook: Webhook, t: Translate, deps: CommandDeps): Promise<Reply> {
  const removed = await deps.store.webhooks?.remove(target.destination, hook.id);
  return removed
    ? okReply([t('webhook-removed', { id: hook.id })])
    : errorReply(t('webhook-gone-here', { id: hook.id }));
}

/** `add <url>` | `list` | `test <id>` | `remove <id>` on a target: shared by `/webhook` and `/channel webhook`. */
async function act(
  ctx: CommandContext,
  target: Target,
  action: string,
  value: string | undefined,
  deps: CommandDeps,
  usage: string,
): Promise<Reply> {
  const { t } = ctx;
  if (!deps.store.webhooks) return unavailable(t);
  switch (action) {
    case 'add':
      return add(ctx, target, value, deps, usage);
    case 'list':
      return list(target, t, deps);
    case 'test':
    case 'remove': {
      const found = await own(target, value, t, deps, usage);
      if (!found.ok) return found.reply;
      return action === 'test' ? test(ctx, found.hook, deps) : remove(target, found.hook, t, deps);
    }
    default:
      return usageReply(t('webhook-say-action'), usage, t);
  }
}

function memberSub(name: 'add' | 'test' | 'remove', description: string, option: OptionSpec): Command {
  const usage = `/webhook ${name} ${name === 'add' ? '<https://url>' : '<id>'}`;
  return {
    name,
    description,
    usage,
    access: 'everyone',
    options: [option],
    async run(ctx, args, deps) {
      const t = ownTarget(ctx);
      if (!t.ok) return t.reply;
      return act(ctx, t.target, name, argText(args[option.name]), deps, usage);
    },
  };
}

const webhookCommand: Command = {
  name: 'webhook',
  description: 'Also send your alerts, signed, to your own https:// endpoint',
  usage: '/webhook add <url> | test <id> | remove <id>',
  access: 'everyone',
  options: [],
  subcommands: [
    memberSub('add', 'Add a webhook (at most 3); the reply shows its signing secret once', URL_OPTION),
    memberSub('test', 'Send a signed test event to a webhook', ID_OPTION),
    memberSub('remove', 'Remove a webhook', ID_OPTION),
  ],
};

const webhooksCommand: Command = {
  name: 'webhooks',
  description: 'Your webhooks',
  usage: '/webhooks',
  access: 'everyone',
  options: [],
  async run(ctx, _args, deps) {
    const t = ownTarget(ctx);
    if (!t.ok) return t.reply;
    return act(ctx, t.target, 'list', undefined, deps, webhooksCommand.usage);
  },
};

const CHANNEL_USAGE = '/channel webhook add <url> | list | test <id> | remove <id> [#channel]';

/** `/channel webhook ...`: a channel's webhooks (moderators, Discord). */
export const channelWebhook: Command = {
  name: 'webhook',
  description: "A channel's webhooks: its alerts also POSTed, signed, to an https:// endpoint",
  usage: CHANNEL_USAGE,
  access: 'moderator',
  platforms: CHANNEL_PLATFORMS,
  options: [
    {
      name: 'action',
      description: 'add, list, test or remove',
      type: 'string',
      required: true,
      maxLength: 8,
      choices: ['add', 'list', 'test', 'remove'].map((v) => ({ name: v, value: v })),
    },
    {
      name: 'value',
      description: 'add: the https:// URL; test/remove: the webhook id',
      type: 'string',
      maxLength: MAX_WEBHOOK_URL,
    },
    CHANNEL_OPTION,
  ],
  async run(ctx, args, deps) {
    const t = await resolveChannelTarget(ctx, argText(args.channel));
    if (!t.ok) return t.reply;
    const action = (argText(args.action) ?? '').toLowerCase();
    return act(ctx, t.target, action, argText(args.value), deps, CHANNEL_USAGE);
  },
};

export const webhookCommands: readonly Command[] = [webhookCommand, webhooksCommand];
