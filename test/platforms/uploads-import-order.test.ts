import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDiscordUpload } from '../fakes/discord-uploads.js';

/**
 * A Discord upload (@discordjs/rest, multipart) works whichever undici the process loads first. Every
 * undici copy shares Node's global dispatcher slot and the first one imported fills it; with undici 7
 * first and @discordjs/rest's undici 6 building the request, every file upload failed inside the process
 * ("action is not a function"). Each order runs in a fresh Node process, since the slot is process-wide.
 */
const root = join(import.meta.dirname, '..', '..');
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==';

const ORDERS: Record<string, string> = {
  // src/main.ts's order: the market client (undici Pool) is imported before the Discord platform.
  'our undici first': "await import('undici');",
  'discord.js first, then our undici': "await import('discord.js'); await import('undici');",
  "Node's own fetch first": "await fetch('data:,x');",
  'our undici installs a global Agent':
    "const u = await import('undici'); u.setGlobalDispatcher(new u.Agent());",
};

const child = (first: string, api: string) => `
${first}
const { REST } = await import('discord.js');
const rest = new REST({ api: ${JSON.stringify(api)}, retries: 0 }).setToken('t');
try {
  const res = await rest.post('/channels/1/messages', {
    body: { content: 'chart', attachments: [{ id: 0, filename: 'a.png' }] },
    files: [{ name: 'a.png', data: Buffer.from(${JSON.stringify(PNG)}, 'base64'), contentType: 'image/png' }],
  });
  console.log(JSON.stringify({ ok: res }));
} catch (e) {
  console.log(JSON.stringify({ error: String(e && e.message) }));
}`;

let server: ReturnType<typeof createServer>;
let api = '';
const received: string[] = [];

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void body(req).then((raw) => {
      try {
        const upload = checkDiscordUpload(raw, req.headers['content-type'] ?? '', req.method ?? '');
        received.push(upload.files.map((f) => f.name).join(','));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '77' }));
      } catch (err) {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 50035, message: String((err as Error).message) }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Discord uploads whatever the import order', () => {
  it.each(Object.entries(ORDERS))(
    '%s',
    async (_name, first) => {
      const out = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['--input-type=module', '-e', child(first, api)],
          { cwd: root, timeout: 30_000 },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
        );
      });
      expect(JSON.parse(out)).toEqual({ ok: { id: '77' } });
    },
    40_000,
  );

  it('every upload reached the server whole', () => {
    expect(received).toEqual(Object.keys(ORDERS).map(() => 'a.png'));
  });
});
