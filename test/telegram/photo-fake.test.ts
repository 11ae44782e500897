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
