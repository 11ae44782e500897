import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontOutliner, renderChart } from '#src/charts/index.js';
import { startTelegramFake, type TelegramFake, type UploadedFile } from '../fakes/telegram-fake.js';

/** The fake's sendPhoto: what later end-to-end tests of chart alerts rely on. */
describe('telegram fake sendPhoto', () => {
  let fake: TelegramFake;
  beforeAll(async () => {
    fake = await startTelegramFake();
  });
  afterAll(() => fake.close());

  const png = renderChart({ title: 'T', points: [], levels: [], from: 0, to: 3_600_000 }, fontOutliner()).png;
  const post = (form: FormData) =>
    fetch(`${fake.apiRoot}/bot${fake.token}/sendPhoto`, { method: 'POST', body: form }).then(
      async (r) =>
        [r.status, (await r.json()) as { result: { caption?: string }; description?: string }] as const,
    );

  it('accepts a multipart PNG with an HTML caption and records the file', async () => {
    const form = new FormData();
    form.set('chat_id', '42');
    form.set('caption', '<b>SOL</b> touch');
    form.set('parse_mode', 'HTML');
    form.set('photo', new Blob([png], { type: 'image/png' }), 'sol-7d.png');
    const [status, body] = await post(form);
    expect(status).toBe(200);
    expect(body.result.caption).toBe('<b>SOL</b> touch');
    const [sent] = fake.photos(42);
    const file = sent?.photo as UploadedFile;
    expect(file.filename).toBe('sol-7d.png');
    expect(Buffer.compare(file.bytes, png)).toBe(0);
  });

  it('refuses a caption over 1,024 characters, a non-image and a blocked chat', async () => {
    const long = new FormData();
    long.set('chat_id', '42');
    long.set('caption', 'x'.repeat(1025));
    long.set('photo', new Blob([png]), 'a.png');
    expect((await post(long))[0]).toBe(400);
    const notPng = new FormData();
    notPng.set('chat_id', '42');
    notPng.set('photo', new Blob(['hello']), 'a.png');
    expect((await post(notPng))[1].description).toContain('IMAGE_PROCESS_FAILED');
    fake.setChatRule(7, 'blocked');
    const blocked = new FormData();
    blocked.set('chat_id', '7');
    blocked.set('photo', new Blob([png]), 'a.png');
    expect((await post(blocked))[0]).toBe(403);
    expect(fake.photos()).toHaveLength(1);
  });
});

describe('telegram fake sendPhoto refuses what Telegram would not take', () => {
  let fake: TelegramFake;
  beforeAll(async () => {
    fake = await startTelegramFake();
  });
  afterAll(() => fake.close());

  const png = renderChart({ title: 'T', points: [], levels: [], from: 0, to: 3_600_000 }, fontOutliner()).png;
  const raw = (body: Buffer, type: string) =>
    fetch(`${fake.apiRoot}/bot${fake.token}/sendPhoto`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).then(async (r) => [r.status, ((await r.json()) as { description?: string }).description] as const);
  const form = (fields: Record<string, string | Blob>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') f.set(k, v);
      else f.set(k, v, 'sol-7d.png');
    }
    return new Response(f);
  };
  const send = async (fields: Record<string, string | Blob>) => {
    const r = form(fields);
    return raw(Buffer.from(await r.arrayBuffer()), r.headers.get('content-type') ?? '');
  };

  it('an unknown parameter, a wrong type, an unknown parse_mode', async () => {
    const photo = new Blob([png], { type: 'image/png' });
    expect(await send({ chat_id: '42', photo, parseMode: 'HTML' })).toEqual([
      400,
      'Bad Request: unknown parameter "parseMode" for sendPhoto',
    ]);
    expect(await send({ chat_id: '42', photo, reply_markup: '[1]' })).toEqual([
      400,
      'Bad Request: field "reply_markup" must be Object',
    ]);
    expect((await send({ chat_id: '42', photo, parse_mode: 'html' }))[1]).toContain('parse_mode');
    expect(fake.photos()).toHaveLength(0);
  });

  it('attach:// naming a part that is not there, a stray file part, a body without its close delimiter', async () => {
    const photo = new Blob([png], { type: 'image/png' });
    expect(await send({ chat_id: '42', photo: 'attach://nothere', other: photo })).toEqual([
      400,
      'Bad Request: there is no photo in the request',
    ]);
    expect((await send({ chat_id: '42', photo: 'attach://a', a: photo, b: photo }))[1]).toContain(
      'unknown parameter "b"',
    );
    const ok = form({ chat_id: '42', photo });
    const bytes = Buffer.from(await ok.arrayBuffer());
    const cut = bytes.subarray(0, bytes.length - 10);
    expect(await raw(cut, ok.headers.get('content-type') ?? '')).toEqual([400, 'Bad Request: invalid body']);
    expect(await raw(bytes, 'multipart/form-data')).toEqual([400, 'Bad Request: invalid body']);
    expect(fake.photos()).toHaveLength(0);
    // The same bytes, whole and with their boundary, go through.
    expect((await raw(bytes, ok.headers.get('content-type') ?? ''))[0]).toBe(200);
  });
});
