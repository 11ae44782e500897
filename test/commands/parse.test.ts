import { describe, expect, it } from 'vitest';
import { excerpt } from '#commands/format.js';
import { findCommand, matchTextCommand, parseTextArgs, validateArgs } from '#commands/index.js';
import { parseDurationArg, parseQuietHours, parseSymbol, parseTypes } from '#commands/parse.js';
import type { CommandSpec } from '#commands/types.js';
import { translatorFor } from '#src/i18n/catalog.js';

const H = 3_600_000;
const D = 24 * H;

describe('parseSymbol', () => {
  it.each([
    ['SOL', 'SOL'],
    ['sol', 'SOL'],
    ['$btc', 'BTC'],
    ['  eth ', 'ETH'],
    ['1INCH', '1INCH'],
  ])('GIVEN %j THEN %s', (raw, want) => {
    expect(parseSymbol(raw, translatorFor('en'))).toEqual({ ok: true, value: want });
  });

  it.each([
    '',
    '$',
    'SO L',
    '<b>SOL</b>',
    '**SOL**',
    '@everyone',
    '<@123456789012345678>',
    'SOL;DROP',
    'A'.repeat(16),
    'x'.repeat(5000),
  ])('GIVEN %j THEN it is refused without echoing more than an excerpt', (raw) => {
    const r = parseSymbol(raw, translatorFor('en'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.length).toBeLessThan(120);
      expect(r.error).not.toMatch(/[<>*@]/);
    }
  });
});

describe('parseTypes', () => {
  it.each([
    [undefined, ['signal', 'levels', 'risk', 'grade']],
    ['', ['signal', 'levels', 'risk', 'grade']],
    ['all', ['signal', 'hourly', 'levels', 'risk', 'grade']],
    ['levels', ['levels']],
    ['Levels, signal', ['signal', 'levels']],
    ['hourly grade  risk', ['hourly', 'risk', 'grade']],
    ['sharpe,level,level', ['levels', 'risk']],
  ])('GIVEN %j THEN %j', (raw, want) => {
    expect(parseTypes(raw, translatorFor('en'))).toEqual({ ok: true, value: want });
  });

  it.each(['price', 'signal,<script>', 'everything', '__proto__', 'constructor', 'toString'])(
    'GIVEN %j THEN it lists the valid types',
    (raw) => {
      const r = parseTypes(raw, translatorFor('en'));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain('signal, hourly, levels, risk, grade');
    },
  );
});

describe('parseDurationArg', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['2h', 2 * H],
    ['1d', D],
    ['1w', 7 * D],
    ['3 days', 3 * D],
    ['90min', 90 * 60_000],
  ])('GIVEN %j THEN %d ms', (raw, ms) => {
    expect(parseDurationArg(raw, 60_000, 30 * D, translatorFor('en'))).toEqual({ ok: true, value: ms });
  });

  it.each(['', '2', 'h', '-1h', '1.5h', '2y', '0m', '31d', '5w', '99999d'])(
    'GIVEN %j THEN refused',
    (raw) => {
      expect(parseDurationArg(raw, 60_000, 30 * D, translatorFor('en')).ok).toBe(false);
    },
  );
});

describe('parseQuietHours', () => {
  it.each([
    ['22:00-07:00 Europe/Berlin', { start: '22:00', end: '07:00', tz: 'Europe/Berlin' }],
    ['9:30 - 17:00 UTC', { start: '09:30', end: '17:00', tz: 'UTC' }],
    ['23:00-06:00', { start: '23:00', end: '06:00', tz: 'UTC' }],
    ['off', null],
    ['OFF', null],
  ])('GIVEN %j THEN %j', (raw, want) => {
    expect(parseQuietHours(raw, translatorFor('en'))).toEqual({ ok: true, value: want });
  });

  it.each([
    ['22:00-07:00 Mars/Olympus', /time zone/],
    ['22:00-07:00 Europe/Berlin<script>', /time zone/],
    ['25:00-07:00 UTC', /22:00-07:00/],
    ['22:60-07:00 UTC', /22:00-07:00/],
    ['10:00-10:00 UTC', /different/],
    ['tonight', /22:00-07:00/],
  ])('GIVEN %j THEN refused (%s)', (raw, msg) => {
    const r = parseQuietHours(raw, translatorFor('en'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(msg);
      expect(r.error).not.toContain('<script>');
    }
  });
});

describe('parseTextArgs', () => {
  const spec: CommandSpec = {
    name: 't',
    description: 'test',
    usage: '/t SYMBOL [n] [rest...]',
    access: 'everyone',
    options: [
      { name: 'symbol', description: '', type: 'string', required: true },
      { name: 'n', description: '', type: 'integer', min: 1, max: 10 },
      { name: 'tail', description: '', type: 'string', rest: true },
    ],
  };

  it.each([
    ['SOL', { symbol: 'SOL' }],
    ['SOL 3', { symbol: 'SOL', n: 3 }],
    ['  SOL   3   a b  c ', { symbol: 'SOL', n: 3, tail: 'a b  c' }],
    ['"S O L" 2 "quoted tail"', { symbol: 'S O L', n: 2, tail: 'quoted tail' }],
  ])('GIVEN %j THEN %j', (text, args) => {
    expect(parseTextArgs(spec, text)).toEqual({ ok: true, args });
  });

  it.each([
    ['', /Missing symbol\. Usage: \/t SYMBOL/],
    ['SOL abc', /n must be a whole number.*Usage/],
    ['SOL 1.5', /whole number/],
    ['SOL 11', /between 1 and 10/],
  ])('GIVEN %j THEN error %s', (text, msg) => {
    const r = parseTextArgs(spec, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });

  it('GIVEN more tokens than options and no rest option THEN too many arguments', () => {
    const levels = findCommand('levels');
    expect(levels).toBeDefined();
    if (levels) expect(parseTextArgs(levels, 'SOL BTC')).toMatchObject({ ok: false, error: /Too many/ });
  });

  it('GIVEN /quiet with a time zone THEN the rest option keeps the whole line', () => {
    const quiet = findCommand('quiet');
    expect(quiet && parseTextArgs(quiet, '22:00-07:00 Europe/Berlin')).toEqual({
      ok: true,
      args: { hours: '22:00-07:00 Europe/Berlin' },
    });
  });

  it('GIVEN /subscribe SOL signal levels THEN types is a list', () => {
    const sub = findCommand('subscribe');
    expect(sub && parseTextArgs(sub, 'SOL signal levels')).toEqual({
      ok: true,
      args: { symbol: 'SOL', types: 'signal levels' },
    });
  });
});

describe('matchTextCommand', () => {
  it.each([
    ['/subscribe SOL', 'subscribe', 'SOL'],
    ['/subscribe@tokenwatch_bot SOL all', 'subscribe', 'SOL all'],
    ['/channel subscribe SOL', 'subscribe', 'SOL'],
    ['/Help', 'help', ''],
  ])('GIVEN %j THEN %s with %j', (text, name, argsText) => {
    const m = matchTextCommand(text, 'tokenwatch_bot');
    expect(m?.command.name).toBe(name);
    expect(m?.argsText).toBe(argsText);
  });

  it.each(['hello', '/nope', '/subscribe@other_bot SOL'])('GIVEN %j THEN not ours', (text) => {
    expect(matchTextCommand(text, 'tokenwatch_bot')).toBeUndefined();
  });
});

describe('validateArgs', () => {
  const sub = findCommand('subscribe');
  const settings = findCommand('settings');
  it('GIVEN a 5,000-character symbol THEN a short refusal without the input', () => {
    const big = `<b>${'A'.repeat(5000)}`;
    const r = sub && validateArgs(sub, { symbol: big }, translatorFor());
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      const text = r.reply.lines.join('\n');
      expect(text).toMatch(/too long .*at most 64/);
      expect(text.length).toBeLessThan(200);
      expect(text).not.toContain('<b>');
    }
  });
  it('GIVEN a 201-character string THEN refused; 200 accepted', () => {
    expect(sub && validateArgs(sub, { symbol: 'SOL', types: 'a'.repeat(201) }, translatorFor()).ok).toBe(
      false,
    );
    expect(sub && validateArgs(sub, { symbol: 'SOL', types: 'a'.repeat(200) }, translatorFor()).ok).toBe(
      true,
    );
  });
  it('GIVEN a choice in another case THEN normalised; unknown choice refused', () => {
    expect(settings && validateArgs(settings, { key: 'Proximity' }, translatorFor())).toEqual({
      ok: true,
      args: { key: 'proximity' },
    });
    expect(settings && validateArgs(settings, { key: 'colour' }, translatorFor()).ok).toBe(false);
  });
});

describe('excerpt', () => {
  it('excerpt cuts and neutralises', () => {
    expect(excerpt('<@everyone> hi')).toBe('??everyone? hi');
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(32)}…`);
  });
});
