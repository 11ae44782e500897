import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { SendError } from '#src/delivery/ports.js';
import { toSendError } from '#src/platforms/telegram/errors.js';

const api = (error_code: number, description: string, parameters: Record<string, number> = {}) =>
  new GrammyError(
    `Call to 'sendMessage' failed! (${error_code}: ${description})`,
    { ok: false, error_code, description, parameters },
    'sendMessage',
    {},
  );

describe('toSendError (Bot API answer → delivery decision)', () => {
  it.each([
    {
      name: '429 chat flood',
      err: api(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
      kind: 'rate_limited',
      details: { retryAfterMs: 7000, scope: 'chat' },
    },
    {
      name: '429 without retry_after waits 1 s',
      err: api(429, 'Too Many Requests'),
      kind: 'rate_limited',
      details: { retryAfterMs: 1000 },
    },
    {
      name: '403 blocked',
      err: api(403, 'Forbidden: bot was blocked by the user'),
      kind: 'permanent',
      details: { reason: 'blocked' },
    },
    {
      name: '403 kicked',
      err: api(403, 'Forbidden: bot was kicked from the supergroup chat'),
      kind: 'permanent',
      details: { reason: 'kicked' },
    },
    {
      name: '403 user deactivated',
      err: api(403, 'Forbidden: user is deactivated'),
      kind: 'permanent',
      details: { reason: 'kicked' },
    },
    {
      name: '400 migrated',
      err: api(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: -1001234567890,
      }),
      kind: 'migrated',
      details: { migrateTo: '-1001234567890' },
    },
    {
      name: '400 chat not found',
      err: api(400, 'Bad Request: chat not found'),
      kind: 'permanent',
      details: { reason: 'not_found' },
    },
    {
      name: '400 bad HTML',
      err: api(400, "Bad Request: can't parse entities: unsupported start tag"),
      kind: 'invalid',
      details: { status: 400 },
    },
    { name: '400 too long', err: api(400, 'Bad Request: message is too long'), kind: 'invalid', details: {} },
    { name: '500', err: api(500, 'Internal Server Error'), kind: 'retryable', details: { status: 500 } },
    { name: '502', err: api(502, 'Bad Gateway'), kind: 'retryable', details: {} },
    {
      name: '401 bad token is not the destination’s fault',
      err: api(401, 'Unauthorized'),
      kind: 'retryable',
      details: {},
    },
    {
      name: 'network',
      err: new HttpError(
        "Network request for 'sendMessage' failed!",
        new Error('ECONNRESET https://api.telegram.org/bot123:SECRET/sendMessage'),
      ),
      kind: 'retryable',
      details: { code: 'network' },
    },
    { name: 'anything else', err: new TypeError('boom'), kind: 'retryable', details: {} },
  ])('$name → $kind', ({ err, kind, details }) => {
    const e = toSendError(err);
    expect(e).toBeInstanceOf(SendError);
    expect(e.kind).toBe(kind);
    expect(e.details).toMatchObject(details);
    expect(e.message).not.toContain('SECRET');
  });

  it('the global hint turns a 429 into a global pause', () => {
    expect(toSendError(api(429, 'Too Many Requests', { retry_after: 3 }), true).details.scope).toBe('global');
  });

  it('retryable flag follows the kind', () => {
    expect(toSendError(api(403, 'Forbidden: bot was blocked by the user')).retryable).toBe(false);
    expect(toSendError(api(429, 'x', { retry_after: 1 })).retryable).toBe(true);
    expect(toSendError(api(400, 'Bad Request: x')).retryable).toBe(false);
  });
});
