import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '#src/obs/logger.js';
import { createScrubber, REDACTED } from '#src/obs/scrub.js';
import { findLeak, leakForms } from '../support/leak.js';
import { fakeDiscordToken, fakePassword, fakeTelegramToken, fakeTmKey } from '../support/secrets.js';

const secrets = {
  tm: fakeTmKey(),
  telegram: fakeTelegramToken(),
  discord: fakeDiscordToken(),
  redis: fakePassword(),
};
const scrub = createScrubber(Object.values(secrets));

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination };
}

describe('createScrubber', () => {
  it.each(Object.entries(secrets))(
    'GIVEN every form of the %s secret in a line THEN none survives',
    (_n, value) => {
      for (const form of leakForms(value)) {
        const out = scrub(`before ${form} after`);
        expect(findLeak(out, secrets)).toBeUndefined();
        expect(out).toContain(REDACTED);
      }
    },
  );

  it('GIVEN secrets inside URLs, Basic auth and a Redis URL THEN all redacted', () => {
    const lines = [
      `GET https://api.telegram.org/bot${encodeURIComponent(secrets.telegram)}/getMe failed`,
      `Authorization: Basic ${Buffer.from(`user:${secrets.redis}`).toString('base64')}`,
      `redis://default:${encodeURIComponent(secrets.redis)}@127.0.0.1:6379/0`,
      `https://x.example/?k=${encodeURIComponent(Buffer.from(secrets.tm).toString('base64'))}`,
      `Bot ${Buffer.from(`:${secrets.discord}`).toString('base64url')}`,
    ];
    for (const l of lines) expect(findLeak(scrub(l), secrets), l).toBeUndefined();
  });

  it('property: a secret anywhere in random text is gone, and text without secrets is unchanged', () => {
    const values = Object.values(secrets);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom(...values), (a, b, s) => {
        expect(findLeak(scrub(`${a}${s}${b}`), secrets)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (t) => {
        fc.pre(findLeak(t, secrets) === undefined);
        expect(scrub(t)).toBe(t);
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN values shorter than 6 characters THEN they are not treated as secrets', () => {
    expect(createScrubber(['abc'])('abc abc')).toBe('abc abc');
  });
});

describe('createLogger with secrets', () => {
  it('GIVEN an error whose cause chain and stack carry secrets THEN the line has none of them', () => {
    const { lines, destination } = capture();
    const log = createLogger({ secrets: Object.values(secrets), destination });
    const root = new Error(`connect failed: redis://:${encodeURIComponent(secrets.redis)}@h`);
    const mid = new Error(`telegram https://api.telegram.org/bot${secrets.telegram}/getMe`, { cause: root });
    const top = new Error('send failed', { cause: mid });
    top.stack = `Error: send failed with ${Buffer.from(secrets.tm).toString('base64')}\n    at x (y.js:1:1)`;
    Object.assign(mid, { url: `https://h/?key=${secrets.tm.replace(/-/g, '%2D')}`, token: secrets.discord });
    log.error({ err: top }, 'boom');
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).toContain('send failed');
    expect(line).toContain('telegram https://api.telegram.org/bot[REDACTED]/getMe'); // cause serialized
    expect(findLeak(line, secrets)).toBeUndefined();
  });
});
