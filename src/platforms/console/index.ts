import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { guarded, matchTextCommand, parseTextArgs, runCommand } from '#commands/index.js';
import type { CommandDeps, Place, PlatformContext, Reply } from '#commands/types.js';
import type { NoticeMessage, OutboundMessage, PlatformSender, SendReceipt } from '../../delivery/ports.js';
import type { Destination } from '../../domain/types.js';
import type { PlatformLink, PlatformReceiver } from '../types.js';
import { renderMessage, renderNotice, renderReply } from './render.js';

/**
 * The console platform: alerts go to a writable stream as plain text (./render.ts); optionally, lines read
 * from an input stream (`/subscribe SOL`) run as commands for one console user. Used by `npm run demo`
 * and tests; it implements the same PlatformAdapter port as Discord and Telegram.
 */
export interface ConsolePlatformOptions {
  /** Where alerts and replies go. Default process.stdout. */
  readonly out?: Writable;
  /** Command lines to read (e.g. process.stdin). Default: none (send-only). */
  readonly input?: Readable;
  /**
   * The command dependencies, for a console run without the app (tests). In the app they arrive
   * through `receiver(commands)`.
   */
  readonly commands?: CommandDeps;
  /** The console user's id. Default 'console-user'. */
  readonly userId?: string;
  /** Where commands are issued. Default a DM. */
  readonly place?: Place;
  /** Clock for command contexts. Default Date.now. */
  readonly now?: () => number;
  /** Formats one alert message; default: a destination rule line + renderMessage. */
  readonly format?: (message: OutboundMessage) => string;
}

export interface ConsolePlatform extends PlatformLink, PlatformReceiver {
  /** Runs one command line as the console user and returns the reply (also printed). */
  runLine(line: string): Promise<Reply | undefined>;
  /** Messages sent so far, in order (tests). */
  readonly sent: readonly OutboundMessage[];
}

function destinationLabel(d: Destination): string {
  return `${d.kind} ${d.parentId !== undefined && d.kind !== 'dm' ? `${d.parentId}/` : ''}${d.id}`;
}

export function defaultConsoleFormat(m: OutboundMessage): string {
  return `── to ${destinationLabel(m.destination)} ${'─'.repeat(20)}\n${renderMessage(m)}\n`;
}

export function createConsolePlatform(opts: ConsolePlatformOptions = {}): ConsolePlatform {
  const out = opts.out ?? process.stdout;
  const format = opts.format ?? defaultConsoleFormat;
  const now = opts.now ?? Date.now;
  const sent: OutboundMessage[] = [];
  let rl: Interface | undefined;
  let commands: CommandDeps | undefined = opts.commands;

  const write = (text: string) => {
    out.write(text.endsWith('\n') ? text : `${text}\n`);
  };

  const sender: PlatformSender = {
    platform: 'console',
    // The terminal has no rate limit; two workers keep output roughly in order.
    limits: { concurrency: 2 },
    async send(message: OutboundMessage): Promise<SendReceipt> {
      sent.push(message);
      write(format(message));
      return { messageIds: [message.id] };
    },
    async sendNotice(notice: NoticeMessage): Promise<SendReceipt> {
      write(renderNotice(notice));
      return { messageIds: [notice.id] };
    },
  };

  async function runLine(line: string): Promise<Reply | undefined> {
    const match = matchTextCommand(line);
    if (!commands || !match) return undefined;
    const parsed = parseTextArgs(match.command, match.argsText);
    const ctx: PlatformContext = {
      platform: 'console',
      userId: opts.userId ?? 'console-user',
      place: opts.place ?? { kind: 'dm' },
      now: now(),
      // The console user owns the terminal: moderator of its own demo places.
      isModerator: async () => true,
    };
    const reply: Reply = parsed.ok
      ? await runCommand(match.command, ctx, parsed.args, commands)
      : await guarded(ctx, commands, async (c) => ({ kind: 'error', lines: [parsed.message(c.t)] }));
    if (!reply.silent) write(renderReply(reply));
    return reply;
  }

  const platform: ConsolePlatform = {
    platform: 'console',
    sender,
    sent,
    runLine,
    receiver(deps) {
      commands = deps;
      return platform;
    },
    async start() {
      if (!opts.input || rl) return;
      rl = createInterface({ input: opts.input, terminal: false });
      rl.on('line', (line) => {
        runLine(line).catch((err: unknown) => {
          write(`console command failed: ${err instanceof Error ? err.message : String(err)}`);
        });
      });
    },
    async stop() {
      rl?.close();
      rl = undefined;
    },
    async reportDeactivation(destination, reason) {
      write(`tokenwatch notice · ${destinationLabel(destination)} deactivated: ${reason}`);
    },
  };
  return platform;
}
