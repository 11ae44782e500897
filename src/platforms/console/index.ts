import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { matchTextCommand, parseTextArgs, runCommand } from '#commands/index.js';
import type { CommandContext, Place, Reply } from '#commands/types.js';
import type { NoticeMessage, OutboundMessage, PlatformSender, SendReceipt } from '../../delivery/ports.js';
import type { Destination } from '../../domain/types.js';
import type { PlatformAdapter, PlatformDeps } from '../types.js';
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
  /** Needed only when `input` is given: the command dependencies. */
  readonly deps?: PlatformDeps;
  /** The console user's id. Default 'console-user'. */
  readonly userId?: string;
  /** Where commands are issued. Default a DM. */
  readonly place?: Place;
  /** Clock for command contexts. Default Date.now. */
  readonly now?: () => number;
  /** Formats one alert message; default: a destination rule line + renderMessage. */
  readonly format?: (message: OutboundMessage) => string;
}

export interface ConsolePlatform extends PlatformAdapter {
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
    const deps = opts.deps;
    const match = matchTextCommand(line);
    if (!deps || !match) return undefined;
    const parsed = parseTextArgs(match.command, match.argsText);
    const ctx: CommandContext = {
      platform: 'console',
      userId: opts.userId ?? 'console-user',
      place: opts.place ?? { kind: 'dm' },
      now: now(),
      // The console user owns the terminal: moderator of its own demo places.
      isModerator: async () => true,
    };
    const reply: Reply = parsed.ok
      ? await runCommand(match.command, ctx, parsed.args, deps.commands)
      : { kind: 'error', lines: [parsed.error] };
    write(renderReply(reply));
    return reply;
  }

  return {
    platform: 'console',
    sender,
    sent,
    runLine,
    async start() {
      if (!opts.input || rl) return;
      rl = createInterface({ input: opts.input, terminal: false });
      rl.on('line', (line) => {
        runLine(line).catch((err: unknown) => {
          opts.deps?.logger.error({ err }, 'console command failed');
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
}
