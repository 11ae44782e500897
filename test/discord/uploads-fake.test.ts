import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordRecorder } from '../fakes/discord-recorder.js';
import { checkDiscordUpload } from '../fakes/discord-uploads.js';

/** The Discord upload rules the recorder enforces: what the production-wiring test relies on. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);

type Field = string | { name: string; data: Buffer };

async function multipart(fields: Record<string, Field>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string') form.append(k, v);
    else form.append(k, new Blob([v.data], { type: 'image/png' }), v.name);
  }
  const r = new Response(form);
  return { body: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type') ?? '' };
}

const payload = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    embeds: [{ title: 'SOL', image: { url: 'attachment://sol-7d.png' } }],
    attachments: [{ id: 0, filename: 'sol-7d.png' }],
    ...over,
  });
const chart = { name: 'sol-7d.png', data: PNG };

async function check(fields: Record<string, Field>, method = 'POST') {
  const { body, type } = await multipart(fields);
  return checkDiscordUpload(body, type, method);
}

describe('checkDiscordUpload', () => {
  it('accepts payload_json with files[0] declared in attachments and shown by the embed', async () => {
    const up = await check({ payload_json: payload(), 'files[0]': chart });
    expect(up.files.map((f) => [f.field, f.name, f.bytes.length])).toEqual([
      ['files[0]', 'sol-7d.png', PNG.length],
    ]);
    expect(up.payload.attachments).toEqual([{ id: 0, filename: 'sol-7d.png' }]);
  });

  it.each([
    ['no payload_json', { 'files[0]': chart }, /exactly one payload_json/],
    ['payload_json not JSON', { payload_json: '{oops', 'files[0]': chart }, /not JSON/],
    [
      'a field other than payload_json and files[n]',
      { payload_json: payload(), 'files[0]': chart, content: 'x' },
      /unexpected field "content"/,
    ],
    ['a file named by another key', { payload_json: payload(), file: chart }, /unexpected field "file"/],
    [
      'an upload not declared',
      { payload_json: payload({ attachments: [] }), 'files[0]': chart },
      /files\[0\] is not declared/,
    ],
    [
      'declared under another filename',
      { payload_json: payload({ attachments: [{ id: 0, filename: 'x.png' }] }), 'files[0]': chart },
      /names "x.png"/,
    ],
    [
      'declared but not uploaded',
      { payload_json: payload({ attachments: [{ id: 0 }, { id: 1 }] }), 'files[0]': chart },
      /has no files\[1\]/,
    ],
    [
      'an embed image that was not uploaded',
      {
        payload_json: payload({ embeds: [{ image: { url: 'attachment://other.png' } }] }),
        'files[0]': chart,
      },
      /attachment:\/\/other.png/,
    ],
    [
      'a .png that is not a PNG',
      { payload_json: payload(), 'files[0]': { name: 'sol-7d.png', data: Buffer.from('hello') } },
      /not a PNG/,
    ],
  ] as const)('refuses %s', async (_name, fields, why) => {
    await expect(check(fields as Record<string, Field>)).rejects.toThrow(why);
  });

  it('a broken body: no boundary, or cut before its close delimiter', async () => {
    const { body, type } = await multipart({ payload_json: payload(), 'files[0]': chart });
    expect(() => checkDiscordUpload(body, 'multipart/form-data', 'POST')).toThrow(/boundary/);
    expect(() => checkDiscordUpload(body.subarray(0, body.length - 8), type, 'POST')).toThrow(
      /close delimiter/,
    );
  });

  it('an edit may keep an existing attachment by its snowflake id', async () => {
    const up = await check(
      {
        payload_json: payload({ attachments: [{ id: 0 }, { id: '1180000000000000000' }] }),
        'files[0]': chart,
      },
      'PATCH',
    );
    expect(up.files).toHaveLength(1);
  });
});

describe('the recorder refuses a malformed upload as Discord does', () => {
  let forwarded = 0;
  const twin = createServer((_req, res) => {
    forwarded++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
  });
  let recorder: Awaited<ReturnType<typeof startDiscordRecorder>>;
  beforeAll(async () => {
    await new Promise<void>((r) => twin.listen(0, '127.0.0.1', r));
    recorder = await startDiscordRecorder(`http://127.0.0.1:${(twin.address() as AddressInfo).port}/api`);
  });
  afterAll(async () => {
    await recorder.close();
    twin.close();
  });

  it('400 with code 50035, recorded with the reason, not forwarded; a good one is forwarded', async () => {
    const post = async (fields: Record<string, Field>) => {
      const { body, type } = await multipart(fields);
      const r = await fetch(`${recorder.apiBase}/v10/channels/1/messages`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      return [r.status, (await r.json()) as { code?: number }] as const;
    };
    const [status, answer] = await post({ payload_json: payload({ attachments: [] }), 'files[0]': chart });
    expect(status).toBe(400);
    expect(answer.code).toBe(50035);
    expect(recorder.calls.at(-1)?.rejected).toMatch(/not declared/);
    expect(forwarded).toBe(0);
    expect((await post({ payload_json: payload(), 'files[0]': chart }))[0]).toBe(200);
    expect(forwarded).toBe(1);
    expect(recorder.calls.at(-1)?.body).toMatchObject({ attachments: [{ id: 0, filename: 'sol-7d.png' }] });
    expect(recorder.calls.at(-1)?.files?.[0]?.name).toBe('sol-7d.png');
  });
});
