import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkWebhookUrl,
  forbiddenAddress,
  parseAllowHosts,
  type Resolver,
} from '#src/delivery/webhooks/guard.js';
import { postPinned, webhookHttp } from '#src/delivery/webhooks/http.js';
import { describePost, newWebhookSecret, signAndPost } from '#src/delivery/webhooks/post.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../fakes/webhook-receiver.js';

/** A resolver that knows a few made-up names (nothing goes to real DNS). */
const names: Record<string, string[]> = {
  'inside.example': ['10.1.2.3'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.216.34', '192.168.1.5'],
  'public.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'v6loop.example': ['::1'],
};
const resolve: Resolver = async (host) => {
  const list = names[host];
  if (!list) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('SSRF guard: refused before any request', () => {
  const refused: Array<[string, RegExp]> = [
    ['https://127.0.0.1', /non-public address \(loopback\)/],
    ['https://127.0.0.1:8443/hook', /loopback/],
    ['https://10.0.0.1', /non-public address \(private\)/],
    ['https://[::ffff:127.0.0.1]', /loopback/],
    ['https://[::ffff:7f00:1]/x', /loopback/],
    ['https://169.254.169.254', /linkLocal/],
    ['https://169.254.169.254/latest/meta-data/', /linkLocal/],
    ['https://[::1]', /loopback/],
    ['https://0.0.0.0', /unspecified/],
    ['https://[::]', /unspecified/],
    ['https://100.64.0.1', /carrierGradeNat/],
    ['https://224.0.0.1', /multicast/],
    ['https://[ff02::1]', /multicast/],
    ['https://[fe80::1]', /linkLocal/],
    ['https://[fd00::1]', /uniqueLocal/],
    ['https://[64:ff9b::a00:1]', /rfc6052/],
    ['https://[2002:a00:1::]', /6to4/],
    ['https://172.16.5.4', /private/],
    ['https://192.168.0.10', /private/],
    ['https://2130706433', /loopback/], // 127.0.0.1 written as one number: URL normalises it
    ['https://0x7f.1', /loopback/],
    ['https://inside.example/hook', /inside\.example points to a non-public address \(private\)/],
    ['https://metadata.example', /linkLocal/],
    ['https://mixed.example', /private/], // any inside address refuses the host
    ['https://v6loop.example', /loopback/],
    ['https://nxdomain.example', /could not resolve nxdomain\.example/],
    ['http://public.example/hook', /must start with https/],
    ['ftp://public.example/hook', /must start with https/],
    ['not a url', /not a URL/],
    ['https://user:pw@public.example/', /user name or password/],
    [`https://public.example/${'a'.repeat(600)}`, /not a URL/],
  ];
  it.each(refused)('%s is refused with a clear reason and no request', async (url, reason) => {
    const post = vi.fn();
    const r = await signAndPost({ url, secret: newWebhookSecret() }, 'evt_1', '{}', {
      allowHosts: [],
      resolve,
      now: Date.now,
      post,
    });
    expect(r.kind).toBe('refused');
    expect(describePost(r, translatorFor('en'))).toMatch(reason);
    expect(post).not.toHaveBeenCalled();
  });

  it('accepts public hosts and pins the first checked address', async () => {
    const a = await checkWebhookUrl('https://public.example/in?x=1', { allowHosts: [], resolve });
    expect(a).toMatchObject({ ok: true, target: { address: { address: '93.184.216.34', family: 4 } } });
    const b = await checkWebhookUrl('https://93.184.216.34:8443/x', { allowHosts: [], resolve });
    expect(b.ok).toBe(true);
    expect(forbiddenAddress('2606:2800:220:1:248:1893:25c8:1946')).toBeUndefined();
    expect(forbiddenAddress('::ffff:8.8.8.8')).toBeUndefined();
  });

  it('WEBHOOK_ALLOW_HOSTS lets the operator allow an inside host, also over http, port by port', async () => {
    const allowHosts = parseAllowHosts(' 127.0.0.1:8080 , inside.example ');
    expect(allowHosts).toEqual(['127.0.0.1:8080', 'inside.example']);
    expect((await checkWebhookUrl('http://127.0.0.1:8080/h', { allowHosts, resolve })).ok).toBe(true);
    expect((await checkWebhookUrl('http://127.0.0.1:8081/h', { allowHosts, resolve })).ok).toBe(false);
    expect((await checkWebhookUrl('https://127.0.0.1/h', { allowHosts, resolve })).ok).toBe(false);
    expect((await checkWebhookUrl('http://inside.example:9000/h', { allowHosts, resolve })).ok).toBe(true);
    // An allowed host does not open the others.
    expect((await checkWebhookUrl('https://metadata.example', { allowHosts, resolve })).ok).toBe(false);
    expect(() => parseAllowHosts('http://x')).toThrow(/not host or host:port/);
    expect(parseAllowHosts(undefined)).toEqual([]);
  });
});

describe('webhook requests', () => {
  let rx: WebhookReceiver;
  let other: WebhookReceiver;
  beforeAll(async () => {
    rx = await startWebhookReceiver();
    other = await startWebhookReceiver();
  });
  afterAll(async () => {
    await rx.close();
    await other.close();
  });

  it('connects to the checked address, not to what DNS says later, and signs per Standard Webhooks', async () => {
    const secret = newWebhookSecret();
    rx.secret('/pinned', secret);
    const lookups: string[] = [];
    // The name resolves once (to the receiver); a second lookup would go elsewhere and is recorded.
    const once: Resolver = async (host) => {
      lookups.push(host);
      return [{ address: lookups.length === 1 ? '127.0.0.1' : '10.9.9.9', family: 4 }];
    };
    const r = await signAndPost(
      { url: `http://receiver.invalid:${rx.port}/pinned`, secret },
      'evt_pinned',
      '{"a":1}',
      { allowHosts: ['receiver.invalid'], resolve: once, now: Date.now },
    );
    expect(r).toMatchObject({ kind: 'answered', status: 200 });
    expect(lookups).toEqual(['receiver.invalid']);
    const got = rx.received.find((x) => x.path === '/pinned');
    expect(got?.verified).toBe(true);
    expect(got?.headers.host).toBe(`receiver.invalid:${rx.port}`);
    expect(got?.headers['webhook-id']).toBe('evt_pinned');
    expect(got?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(got?.body).toBe('{"a":1}');
  });

  it('does not follow a redirect to an inside address', async () => {
    rx.answer('/moved', { status: 302, headers: { location: `${other.url}/inside` } });
    const r = await signAndPost({ url: `${rx.url}/moved`, secret: newWebhookSecret() }, 'evt_r', '{}', {
      allowHosts: [`127.0.0.1:${rx.port}`],
      now: Date.now,
    });
    expect(r).toMatchObject({ kind: 'answered', status: 302 });
    expect(describePost(r, translatorFor('en'))).toMatch(
      /redirect \(302\); webhooks do not follow redirects/,
    );
    expect(other.received).toEqual([]);
  });

  it('gives up after its timeout', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined); // never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const url = new URL(`http://127.0.0.1:${port}/`);
    const started = Date.now();
    await expect(
      postPinned({ url, address: { address: '127.0.0.1', family: 4 } }, '{}', {}, undefined, 300),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    silent.closeAllConnections();
    silent.close();
  });

  it('keeps a connection per origin and checked address, and never reuses it for another address', async () => {
    const http = webhookHttp(4);
    const url = new URL(`http://receiver.invalid:${rx.port}/keep`);
    const before = rx.connections();
    for (let i = 0; i < 3; i++) {
      const r = await http.post({ url, address: { address: '127.0.0.1', family: 4 } }, '{}', {});
      expect(r.status).toBe(200);
    }
    expect(rx.connections() - before).toBe(1);
    // The same origin checked to another address gets a client of its own (nothing listens there).
    await expect(
      http.post({ url, address: { address: '127.0.0.2', family: 4 } }, '{}', {}, undefined, 1000),
    ).rejects.toThrow();
    expect(rx.received.filter((r) => r.path === '/keep')).toHaveLength(3);
    await http.close();
  });
});
