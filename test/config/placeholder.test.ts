import { describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.js';
import { looksLikePlaceholder } from '#src/config/secrets.js';
import { fakeDiscordToken, fakePassword, fakeTelegramToken, fakeTmKey } from '../support/secrets.js';

const noFiles = () => {
  throw new Error('no files');
};

describe('secrets that look like placeholders are refused at start', () => {
  const placeholders = [
    'changeme',
    'CHANGE_ME',
    'xxxx',
    'xxxxxxxx',
    '123456:xxx',
    '<token>',
    '<your bot token>',
    'your-token-here',
    'YOUR_API_KEY_HERE',
    'replace-me',
    `\${TM_API_KEY}`,
    'TODO',
    '...',
  ];
  it.each(placeholders)('GIVEN TM_API_KEY=%s THEN a problem names the variable, not the value', (value) => {
    const r = parseConfig({ TM_API_KEY: value }, noFiles);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // The whole message is fixed text: no part of the value can be in it.
    expect(r.problems).toContain(
      'TM_API_KEY: looks like a placeholder left from a template, not a real secret; set the real value or unset it',
    );
  });

  it('GIVEN a Redis URL whose password is a placeholder THEN refused', () => {
    const r = parseConfig({ REDIS_URL: 'redis://:changeme@127.0.0.1:6379' }, noFiles);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toMatch(/^REDIS_URL: looks like a placeholder/m);
  });

  it('GIVEN a placeholder in a *_FILE secret THEN refused the same way', () => {
    const r = parseConfig(
      { DISCORD_TOKEN_FILE: '/run/secrets/d', DISCORD_APPLICATION_ID: '1' },
      () => '<token>\n',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toMatch(/^DISCORD_TOKEN: looks like a placeholder/m);
  });

  it('GIVEN real-looking secrets (many random ones) THEN none is mistaken for a placeholder', () => {
    for (let i = 0; i < 200; i++) {
      for (const v of [
        fakeTmKey(),
        fakeTelegramToken(),
        fakeDiscordToken(),
        `redis://:${encodeURIComponent(fakePassword())}@h:1`,
      ]) {
        expect(looksLikePlaceholder(v), v).toBe(false);
      }
    }
  });
});
