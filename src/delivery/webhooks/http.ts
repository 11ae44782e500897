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

/**
 * POSTs `body` to a checked target over its own undici client (never the global dispatcher), connected
 * to the checked address with the URL's host name for TLS (SNI and certificate check) and the Host header.
 * Redirects are not followed: a 3xx is returned like any other status. One request, no retries here
 * (the outbox retries).
 */
export async function postPinned(
  target: CheckedTarget,
  body: string,
  headers: Readonly<Record<string, string>>,
  signal?: AbortSignal,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<WebhookResponse> {
  const { url } = target;
  const client = new Client(url.origin, {
    connect: { lookup: pinnedLookup(target) as never, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    pipelining: 0,
  });
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
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
  } finally {
    await client.close().catch(() => undefined);
  }
}
