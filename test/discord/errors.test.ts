import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { SendError } from '#src/delivery/ports.js';
import { mapDiscordError } from '#src/platforms/discord/errors.js';

const api = (status: number, code: number) =>
  new DiscordAPIError(
    { code, message: `m${code}` },
    code,
    status,
    'POST',
    'https://x/api/v10/channels/1/messages',
    {
      body: undefined,
      files: undefined,
    },
  );

const rateLimit = (global: boolean, scope: 'user' | 'global' | 'shared', retryAfter: number) =>
  new RateLimitError({
    timeToReset: 5000,
    limit: 5,
    method: 'POST',
    hash: 'h',
    url: 'u',
    route: '/channels/:id/messages',
    majorParameter: '1',
    global,
    retryAfter,
    sublimitTimeout: 0,
    scope,
  });

describe('mapDiscordError', () => {
  const table: ReadonlyArray<{
    name: string;
    err: unknown;
    kind: SendError['kind'];
    reason?: string;
    scope?: string;
  }> = [
    { name: '50007 DMs closed', err: api(403, 50007), kind: 'permanent', reason: 'dms_closed' },
    {
      name: '50013 missing permissions',
      err: api(403, 50013),
      kind: 'permanent',
      reason: 'missing_permissions',
    },
    { name: '50001 missing access', err: api(403, 50001), kind: 'permanent', reason: 'missing_permissions' },
    { name: '10003 unknown channel', err: api(404, 10003), kind: 'permanent', reason: 'not_found' },
    { name: '50035 invalid form body', err: api(400, 50035), kind: 'invalid' },
    { name: '500 from the API', err: api(502, 0), kind: 'retryable' },
    {
      name: 'HTTPError 503',
      err: new HTTPError(503, 'Service Unavailable', 'POST', 'u', { body: undefined, files: undefined }),
      kind: 'retryable',
    },
    {
      name: 'HTTPError 413',
      err: new HTTPError(413, 'Too Large', 'POST', 'u', { body: undefined, files: undefined }),
      kind: 'invalid',
    },
    {
      name: 'network error',
      err: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      kind: 'retryable',
    },
    { name: 'timeout', err: Object.assign(new Error('aborted'), { name: 'AbortError' }), kind: 'retryable' },
    { name: '429 user scope', err: rateLimit(false, 'user', 1500), kind: 'rate_limited', scope: 'chat' },
    { name: '429 global', err: rateLimit(true, 'global', 1500), kind: 'rate_limited', scope: 'global' },
  ];
  it.each(table)('$name → $kind', ({ err, kind, reason, scope }) => {
    const mapped = mapDiscordError(err);
    expect(mapped).toBeInstanceOf(SendError);
    expect(mapped.kind).toBe(kind);
    if (reason) expect(mapped.details.reason).toBe(reason);
    if (scope) expect(mapped.details.scope).toBe(scope);
    expect(mapped.retryable).toBe(kind === 'retryable' || kind === 'rate_limited');
  });

  it('429 carries retry_after in ms', () => {
    expect(mapDiscordError(rateLimit(false, 'user', 1500)).details.retryAfterMs).toBe(1500);
    expect(mapDiscordError(rateLimit(false, 'user', 0)).details.retryAfterMs).toBe(5000);
  });
});
