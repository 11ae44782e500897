import type { LookupAddress, LookupOneOptions } from 'node:dns';
import { Client } from 'undici';
import type { CheckedTarget } from './guard.js';

/** Webhook requests give up after this long (connect, headers and body each, and the whole request). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** What the receiver answered. The body is read (at most a little) and dropped. */
export interface WebhookResponse {
  readonly status: number;
  /** `Retry-After` in ms (429/503), when the receiver sent one in seconds. */
  readonly retryAfterMs?: number;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/tls.connect that answers with the one address the guard checked, whatever the name:
 * the connection cannot reach another address through a second DNS answer. Node asks with `all: true`
 * when it races address families (autoSelectFamily), so both shapes are answered.
 */
function pinnedLookup(target: CheckedTarget) {
  const { address, family } = target.address;
  return (_host: string, options: LookupOneOptions & { all?: boolean }, cb: LookupCallback) => {
    if (options.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
}

/** The undici client of one checked target: its origin, connected only ever to the checked address. */
function pinnedClient(target: CheckedTarget, timeoutMs: number): Client {
  return new Client(target.url.origin, {
    connect: { lookup: pinnedLookup(target) as never, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4000,
    pipelining: 1,
  });
}

async function request(
  client: Client,
  target: CheckedTarget,
  body: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<WebhookResponse> {
  const { url } = target;
  const timeout = AbortSignal.timeout(timeoutMs);
  const res = await client.request({
    method: 'POST',
    path: `${url.pathname}${url.search}`,
    headers: { 'content-type': 'application/json', 'user-agent': 'tokenwatch-webhooks/1', ...headers },
    body,
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  // Drain without keeping it: receivers may answer with anything.
  await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
  const retryAfter = Number(res.headers['retry-after']);
  return {
    status: res.statusCode,
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

/**
 * POSTs `body` to a checked target over its own undici client (never the global dispatcher), connected
 * to the checked address with the URL's host name for TLS (SNI and certificate check) and the Host header.
 * Redirects are not followed: a 3xx is returned like any other status. One request, no retries here
 * (the outbox retries). The client is closed afterwards (`/webhook test`); the outbox's sender keeps
 * connections through a WebhookHttp instead.
 */
export async function postPinned(
  target: CheckedTarget,
  body: string,
  headers: Readonly<Record<string, string>>,
  signal?: AbortSignal,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<WebhookResponse> {
  const client = pinnedClient(target, timeoutMs);
  try {
    return await request(client, target, body, headers, signal, timeoutMs);
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** postPinned with kept-alive connections, and the way to close them. */
export interface WebhookHttp {
  post: typeof postPinned;
  close(): Promise<void>;
}

/**
 * Keeps one client per origin and checked address (at most `maxClients`, the least recently used closed
 * first), so consecutive requests to one receiver reuse their connection. A client only ever connects
 * to the address it was created for: a request whose check resolved elsewhere gets another client.
 */
export function webhookHttp(maxClients = 64): WebhookHttp {
  const clients = new Map<string, Client>();
  return {
    async post(target, body, headers, signal, timeoutMs = WEBHOOK_TIMEOUT_MS) {
      const key = `${target.url.origin}|${target.address.address}`;
      let client = clients.get(key);
      if (client)
        clients.delete(key); // re-inserted below: the Map's order is the use order
      else client = pinnedClient(target, timeoutMs);
      clients.set(key, client);
      for (const [k, c] of clients) {
        if (clients.size <= maxClients) break;
        clients.delete(k);
        void c.close().catch(() => undefined);
      }
      return await request(client, target, body, headers, signal, timeoutMs);
    },
    async close() {
      const all = [...clients.values()];
      clients.clear();
      await Promise.all(all.map((c) => c.destroy().catch(() => undefined)));
    },
  };
}
