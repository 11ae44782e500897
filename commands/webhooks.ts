import { randomBytes } from 'node:crypto';
import { checkWebhookUrl, MAX_WEBHOOK_URL } from '#src/delivery/webhooks/guard.js';
import { testPayload } from '#src/delivery/webhooks/payload.js';
import { describePost, newWebhookSecret, signAndPost } from '#src/delivery/webhooks/post.js';
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
const DOCS_HINT = 'How to verify the signature: docs/traders.md (Standard Webhooks).';

const unavailable = () => infoReply(['Webhooks are not available on this bot.']);

/** `https://hooks.example.com/tw` (no query string: it may hold the receiver's own token). */
export function shownUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const s = `${u.origin}${u.pathname === '/' ? '' : u.pathname}`;
    return s.length > 80 ? `${s.slice(0, 79)}…` : s;
  } catch {
    return '(unreadable URL)';
  }
}

/** The caller's own destination, except in a Telegram group, where the whole group would see the secret. */
function ownTarget(ctx: CommandContext): { ok: true; target: Target } | { ok: false; reply: Reply } {
  if (ctx.place.kind === 'group') {
    return {
      ok: false,
      reply: errorReply(
        'Webhooks are set up in a private chat with me: the reply shows a signing secret.',
        'Send me /webhook there.',
      ),
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
  const store = deps.store.webhooks;
  if (!store || !deps.webhookPost) return unavailable();
  if (raw === undefined || raw.trim() === '')
    return usageReply('Give the https:// URL that should receive the alerts.', usage);
  const checked = await checkWebhookUrl(raw, deps.webhookPost);
  if (!checked.ok) return errorReply(checked.reason, 'Nothing was added.');
  const secret = newWebhookSecret();
  const url = checked.target.url.href;
  const r = await store.add(
    { destination: target.destination, url, secret, createdAt: ctx.now },
    MAX_WEBHOOKS_PER_DESTINATION,
  );
  if (!r.ok) {
    return errorReply(
      `${target.label === 'you' ? 'You have' : `${capitalized(target.label)} has`} ${r.count} webhooks already, the most allowed.`,
      'Remove one first with /webhook remove <id>.',
    );
  }
  const id = r.webhook.id;
  return okReply(
    [
      `Webhook ${id} added: ${shownUrl(url)}`,
      `Signing secret (shown only now, keep it safe): ${secret}`,
      `Every alert ${target.label === 'you' ? 'you get' : `${target.label} gets`} is also POSTed there as JSON, signed per Standard Webhooks.`,
      `Try it: /webhook test ${id}`,
      DOCS_HINT,
    ],
    'Webhook added',
  );
}

const capitalized = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

async function list(target: Target, deps: CommandDeps): Promise<Reply> {
  const store = deps.store.webhooks;
  if (!store) return unavailable();
  const hooks = await store.list(target.destination);
  if (hooks.length === 0) {
    return infoReply([
      `No webhooks for ${target.label === 'you' ? 'you' : target.label} yet.`,
      'Add one with /webhook add https://…',
    ]);
  }
  return okReply(
    [
      ...hooks.map(
        (h) => `${h.id}  ${shownUrl(h.url)}  (added ${new Date(h.createdAt).toISOString().slice(0, 10)})`,
      ),
      `At most ${MAX_WEBHOOKS_PER_DESTINATION}; /webhook test <id> sends a signed test event.`,
    ],
    'Webhooks',
  );
}

/** The destination's webhook `id`, or the reply that says why not. */
async function own(target: Target, raw: string | undefined, deps: CommandDeps, usage: string) {
  const id = raw?.trim().toLowerCase();
  if (id === undefined || !ID_RE.test(id)) {
    return {
      ok: false as const,
      reply: usageReply('Give a webhook id like wh1a2b3c4d (see /webhooks).', usage),
    };
  }
  const hook = (await deps.store.webhooks?.list(target.destination))?.find((h) => h.id === id);
  if (!hook)
    return { ok: false as const, reply: errorReply(`There is no webhook ${id} here. See /webhooks.`) };
  return { ok: true as const, hook };
}

async function test(ctx: CommandContext, hook: Webhook, deps: CommandDeps): Promise<Reply> {
  if (!deps.webhookPost) return unavailable();
  const id = `test_${randomBytes(8).toString('hex')}`;
  const body = JSON.stringify(testPayload(id, ctx.now, hook.destination));
  const r = await signAndPost(hook, id, body, deps.webhookPost);
  const answer = describePost(r);
  if (r.kind === 'answered' && r.status >= 200 && r.status < 300) {
    return okReply([`Test event ${id} sent to ${hook.id}. ${answer}`], 'Webhook test');
  }
  return errorReply(
    `Test event to ${hook.id} not delivered. ${answer}`,
    'The webhook stays; fix the receiver and test again.',
  );
}

async function remove(target: Target, hook: Webhook, deps: CommandDeps): Promise<Reply> {
  const removed = await deps.store.webhooks?.remove(target.destination, hook.id);
  return removed
    ? okReply([`Webhook ${hook.id} removed.`])
    : errorReply(`There is no webhook ${hook.id} here.`);
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
  if (!deps.store.webhooks) return unavailable();
  switch (action) {
    case 'add':
      return add(ctx, target, value, deps, usage);
    case 'list':
      return list(target, deps);
    case 'test':
    case 'remove': {
      const found = await own(target, value, deps, usage);
      if (!found.ok) return found.reply;
      return action === 'test' ? test(ctx, found.hook, deps) : remove(target, found.hook, deps);
    }
    default:
      return usageReply('Say add, list, test or remove.', usage);
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
