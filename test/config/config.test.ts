import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig, secretsOf } from '#src/config/index.js';
import { fakeTelegramToken } from '../support/secrets.js';

// Built at run time so nothing shaped like a real key is committed.
const SECRET = `tm-${randomUUID()}`;
const BOT = fakeTelegramToken();

type Env = Record<string, string | undefined>;

function ok(env: Env, files: Record<string, string> = {}): Config {
  const r = parseConfig(env, fakeFs(files));
  if (!r.ok) throw new Error(`expected ok, got: ${r.problems.join('; ')}`);
  return r.config;
}

function problems(env: Env, files: Record<string, string> = {}): string[] {
  const r = parseConfig(env, fakeFs(files));
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

function fakeFs(files: Record<string, string>) {
  return (path: string) => {
    const content = files[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
    return content;
  };
}

describe('parseConfig defaults', () => {
  it('an empty environment is valid: API source (no platform, so no start problem), SQLite, contract defaults', () => {
    const { prices, ...c } = ok({});
    expect(prices.feed).toBe('auto'); // the price section has its own tests (prices.test.ts)
    expect(c).toEqual({
      tm: { source: 'api', reserve: 0.05, baseUrl: 'https://api.tokenmetrics.com/v2', monthlyCalls: 10_000 },
      dataDir: './data',
      tickCron: '* * * * *',
      refresh: { price: 60_000, hourly: 3_600_000, daily: 21_600_000 },
      httpPort: 9464,
      shutdownTimeoutMs: 10_000,
      logLevel: 'info',
    });
    expect(c.telegram).toBeUndefined();
    expect(c.discord).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
  });

  it('empty values count as unset', () => {
    expect(ok({ TM_API_KEY: '', REDIS_URL: '  ', HTTP_PORT: '' }).httpPort).toBe(9464);
  });
});

describe('parseConfig accepted values', () => {
  const cases: Array<[string, Env, (c: Config) => unknown, unknown]> = [
    ['TM key', { TM_API_KEY: SECRET }, (c) => c.tm.apiKey, SECRET],
    ['monthly calls', { TM_MONTHLY_CALLS: '50000' }, (c) => c.tm.monthlyCalls, 50_000],
    [
      'TM base trailing slash',
      { TM_API_BASE_URL: 'https://x.example/v2/' },
      (c) => c.tm.baseUrl,
      'https://x.example/v2',
    ],
    [
      'TM loopback http',
      { TM_API_BASE_URL: 'http://127.0.0.1:8080/v2' },
      (c) => c.tm.baseUrl,
      'http://127.0.0.1:8080/v2',
    ],
    [
      'TM localhost http',
      { TM_API_BASE_URL: 'http://localhost:1/v2' },
      (c) => c.tm.baseUrl,
      'http://localhost:1/v2',
    ],
    ['TM ::1 http', { TM_API_BASE_URL: 'http://[::1]:9/v2' }, (c) => c.tm.baseUrl, 'http://[::1]:9/v2'],
    [
      'TM 127.5.6.7 http',
      { TM_API_BASE_URL: 'http://127.5.6.7/v2' },
      (c) => c.tm.baseUrl,
      'http://127.5.6.7/v2',
    ],
    ['cron with seconds', { TICK_CRON: '*/15 * * * * *' }, (c) => c.tickCron, '*/15 * * * * *'],
    [
      'refresh',
      { REFRESH_PRICE: '30s', REFRESH_HOURLY: '2h', REFRESH_DAILY: '1d' },
      (c) => c.refresh,
      {
        price: 30_000,
        hourly: 7_200_000,
        daily: 86_400_000,
      },
    ],
    ['port 0', { HTTP_PORT: '0' }, (c) => c.httpPort, 0],
    ['log level any case', { LOG_LEVEL: 'DEBUG' }, (c) => c.logLevel, 'debug'],
    ['redis', { REDIS_URL: 'redis://127.0.0.1:6379/0' }, (c) => c.redisUrl, 'redis://127.0.0.1:6379/0'],
    ['data dir', { DATA_DIR: '/var/lib/tw' }, (c) => c.dataDir, '/var/lib/tw'],
    [
      'telegram polling',
      { TELEGRAM_BOT_TOKEN: BOT },
      (c) => c.telegram,
      {
        token: BOT,
        apiRoot: 'https://api.telegram.org',
        paidBroadcastStarsPerDay: 0,
        paidBroadcastAfterMs: 60_000,
      },
    ],
    [
      'telegram webhook with secret',
      {
        TELEGRAM_BOT_TOKEN: BOT,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example/tg',
        TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123',
      },
      (c) => c.telegram?.webhookSecret,
      'abc_DEF-123',
    ],
    [
      'discord',
      { DISCORD_TOKEN: 'disc.tok.en', DISCORD_APPLICATION_ID: '1234567890123', DISCORD_GUILD_ID: '42' },
      (c) => c.discord,
      {
        token: 'disc.tok.en',
        applicationId: '1234567890123',
        apiBase: 'https://discord.com/api',
        guildId: '42',
        shards: 'auto',
        interactions: 'gateway',
      },
    ],
    [
      'discord sharded, HTTP interactions',
      {
        DISCORD_TOKEN: 'disc.tok.en',
        DISCORD_APPLICATION_ID: '1234567890123',
        DISCORD_SHARDS: ' 12 ',
        DISCORD_INTERACTIONS: 'http',
        DISCORD_PUBLIC_KEY: 'AB'.repeat(32),
      },
      (c) => [c.discord?.shards, c.discord?.interactions, c.discord?.publicKey],
      [12, 'http', 'ab'.repeat(32)],
    ],
  ];
  it.each(cases)('%s', (_name, env, pick, expected) => {
    expect(pick(ok(env))).toEqual(expected);
  });

  it('derives a stable, Telegram-valid webhook secret when none is given', () => {
    const env = { TELEGRAM_BOT_TOKEN: BOT, TELEGRAM_WEBHOOK_URL: 'https://bot.example/tg' };
    const a = ok(env).telegram?.webhookSecret;
    expect(a).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
    expect(ok(env).telegram?.webhookSecret).toBe(a);
    expect(a).not.toContain(BOT);
    const other = ok({ ...env, TELEGRAM_BOT_TOKEN: '987:zzz' }).telegram?.webhookSecret;
    expect(other).not.toBe(a);
  });
});

describe('X_FILE secrets', () => {
  it.each([
    ['TM_API_KEY', (c: Config) => c.tm.apiKey, SECRET],
    ['TELEGRAM_BOT_TOKEN', (c: Config) => c.telegram?.token, BOT],
    ['REDIS_URL', (c: Config) => c.redisUrl, 'redis://:pw@127.0.0.1:6379'],
  ] as const)('%s_FILE is read and its trailing newline trimmed', (name, pick, value) => {
    const c = ok({ [`${name}_FILE`]: '/run/secrets/x' }, { '/run/secrets/x': `${value}\n` });
    expect(pick(c)).toBe(value);
  });

  it('DISCORD_TOKEN_FILE works with the application id', () => {
    const c = ok({ DISCORD_TOKEN_FILE: '/s/d', DISCORD_APPLICATION_ID: '1' }, { '/s/d': 'tok\r\n' });
    expect(c.discord?.token).toBe('tok');
  });

  it('setting both X and X_FILE is an error', () => {
    const p = problems({ TM_API_KEY: SECRET, TM_API_KEY_FILE: '/s/k' }, { '/s/k': SECRET });
    expect(p).toEqual(['TM_API_KEY: set either TM_API_KEY or TM_API_KEY_FILE, not both']);
  });

  it('a missing or empty file is reported with its path', () => {
    const p = problems(
      { TM_API_KEY_FILE: '/nope', DISCORD_TOKEN_FILE: '/empty', DISCORD_APPLICATION_ID: '1' },
      { '/empty': '\n' },
    );
    expect(p).toContain('TM_API_KEY_FILE: cannot read /nope (ENOENT)');
    expect(p).toContain('DISCORD_TOKEN_FILE: /empty is empty');
  });
});

describe('invalid values: one problem per variable, all at once', () => {
  const cases: Array<[string, Env]> = [
    ['TM_API_BASE_URL', { TM_API_BASE_URL: 'http://api.tokenmetrics.com/v2' }],
    ['TM_API_BASE_URL', { TM_API_BASE_URL: 'not a url' }],
    ['TM_API_BASE_URL', { TM_API_BASE_URL: 'ftp://127.0.0.1/' }],
    ['TM_API_BASE_URL', { TM_API_BASE_URL: 'http://128.0.0.1/v2' }],
    ['TM_API_BASE_URL', { TM_API_BASE_URL: 'http://localhost.evil.com/v2' }],
    ['TELEGRAM_API_ROOT', { TELEGRAM_API_ROOT: 'http://10.0.0.5:8081' }],
    ['DISCORD_API_BASE', { DISCORD_API_BASE: 'http://discord.com/api' }],
    ['TM_MONTHLY_CALLS', { TM_MONTHLY_CALLS: '0' }],
    ['TM_MONTHLY_CALLS', { TM_MONTHLY_CALLS: '10k' }],
    ['TICK_CRON', { TICK_CRON: 'every minute' }],
    ['TICK_CRON', { TICK_CRON: '61 * * * *' }],
    ['REFRESH_PRICE', { REFRESH_PRICE: '5' }],
    ['REFRESH_HOURLY', { REFRESH_HOURLY: '500ms' }],
    ['REFRESH_DAILY', { REFRESH_DAILY: '90d' }],
    ['HTTP_PORT', { HTTP_PORT: '70000' }],
    ['HTTP_PORT', { HTTP_PORT: 'http' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }],
    ['WEBHOOK_ALLOW_HOSTS', { WEBHOOK_ALLOW_HOSTS: 'http://hooks.internal' }],
    ['WEBHOOK_ALLOW_HOSTS', { WEBHOOK_ALLOW_HOSTS: 'hooks.internal:80/path' }],
    ['DISCORD_APPLICATION_ID', { DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: 'app' }],
    ['DISCORD_APPLICATION_ID', { DISCORD_TOKEN: 'x' }],
    ['DISCORD_SHARDS', { DISCORD_SHARDS: '0' }],
    ['DISCORD_SHARDS', { DISCORD_SHARDS: 'many' }],
    ['DISCORD_INTERACTIONS', { DISCORD_INTERACTIONS: 'webhook' }],
    ['DISCORD_PUBLIC_KEY', { DISCORD_INTERACTIONS: 'http' }],
    ['DISCORD_PUBLIC_KEY', { DISCORD_PUBLIC_KEY: 'not-hex' }],
    ['TELEGRAM_BOT_TOKEN', { TELEGRAM_BOT_TOKEN: '123:abc\n456' }],
    ['TELEGRAM_WEBHOOK_URL', { TELEGRAM_WEBHOOK_URL: 'https://bot.example/tg' }],
    ['TELEGRAM_WEBHOOK_URL', { TELEGRAM_BOT_TOKEN: BOT, TELEGRAM_WEBHOOK_URL: 'http://bot.example/tg' }],
    [
      'TELEGRAM_WEBHOOK_SECRET',
      {
        TELEGRAM_BOT_TOKEN: BOT,
        TELEGRAM_WEBHOOK_URL: 'https://b.example',
        TELEGRAM_WEBHOOK_SECRET: 'has space',
      },
    ],
    ['TM_API_KEY', { TM_API_KEY: 'two words' }],
  ];
  it.each(cases)('%s: %j', (name, env) => {
    const p = problems(env);
    expect(p).toHaveLength(1);
    expect(p[0]?.startsWith(`${name}: `)).toBe(true);
  });

  it('reports every problem in one go', () => {
    const p = problems({
      TM_API_BASE_URL: 'http://example.com',
      TICK_CRON: 'nope',
      HTTP_PORT: '-1',
      LOG_LEVEL: 'loud',
      DISCORD_TOKEN: 'x',
    });
    expect(p.map((s) => s.split(':')[0]).sort()).toEqual(
      ['DISCORD_APPLICATION_ID', 'HTTP_PORT', 'LOG_LEVEL', 'TICK_CRON', 'TM_API_BASE_URL'].sort(),
    );
  });

  it('non-secret values are quoted to help the operator', () => {
    expect(problems({ TICK_CRON: 'nope' })[0]).toContain('"nope"');
  });
});

describe('secrets never appear in problems', () => {
  const cases: Array<[string, Env]> = [
    ['bad key (space)', { TM_API_KEY: `${SECRET} x` }],
    ['bad bot token', { TELEGRAM_BOT_TOKEN: `${BOT} ${SECRET}` }],
    ['key both ways', { TM_API_KEY: SECRET, TM_API_KEY_FILE: '/k' }],
    ['redis with password, wrong scheme', { REDIS_URL: `http://:${SECRET}@127.0.0.1:6379` }],
    ['webhook over http', { TELEGRAM_BOT_TOKEN: BOT, TELEGRAM_WEBHOOK_URL: `http://bot.example/${SECRET}` }],
    [
      'webhook secret invalid',
      {
        TELEGRAM_BOT_TOKEN: BOT,
        TELEGRAM_WEBHOOK_URL: 'https://b.example',
        TELEGRAM_WEBHOOK_SECRET: `${SECRET}!`,
      },
    ],
    ['discord token without app id', { DISCORD_TOKEN: SECRET }],
    ['secret pasted into a non-secret variable', { TM_API_KEY: SECRET, TICK_CRON: SECRET }],
  ];
  it.each(cases)('%s', (_name, env) => {
    const p = problems(env, { '/k': SECRET });
    expect(p.length).toBeGreaterThan(0);
    const text = p.join('\n');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(BOT);
  });
});

describe('secretsOf', () => {
  it('lists every secret the config holds', () => {
    const c = ok({
      TM_API_KEY: SECRET,
      TELEGRAM_BOT_TOKEN: BOT,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook',
      DISCORD_TOKEN: 'discord-token-value',
      DISCORD_APPLICATION_ID: '1',
      REDIS_URL: 'redis://user:p%40ss@127.0.0.1:6379',
    });
    const s = secretsOf(c);
    for (const v of [
      SECRET,
      BOT,
      'https://bot.example/hook',
      'discord-token-value',
      'redis://user:p%40ss@127.0.0.1:6379',
      'p@ss',
    ]) {
      expect(s).toContain(v);
    }
    expect(s).toContain(c.telegram?.webhookSecret);
  });

  it('a Redis URL without password is not a secret', () => {
    expect(secretsOf(ok({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toEqual([]);
  });
});

describe('WEBHOOK_ALLOW_HOSTS', () => {
  it('parses host and host:port entries, lower case; unset means none', () => {
    expect(ok({}).webhookAllowHosts).toBeUndefined();
    expect(
      ok({ WEBHOOK_ALLOW_HOSTS: ' Hooks.Internal , 127.0.0.1:8080,[::1]:9000 ' }).webhookAllowHosts,
    ).toEqual(['hooks.internal', '127.0.0.1:8080', '[::1]:9000']);
  });
});
