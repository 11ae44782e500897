import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/**
 * Real-looking secrets built at run time, so nothing token-shaped is ever committed (secretlint's rules
 * in .secretlintrc.json would flag it). Each call gives a new value.
 */
const b64url = (n: number) => randomBytes(n).toString('base64url');

/** `<bot id>:<35 chars>` like a BotFather token. */
export function fakeTelegramToken(): string {
  return `${randomInt(100_000_000, 999_999_999)}:AA${b64url(33).slice(0, 33)}`;
}

/** Three base64url parts; the first is the base64 of a snowflake, so it starts with M, N or O. */
export function fakeDiscordToken(): string {
  const id = Buffer.from(
    String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100_000_000, 999_999_999)),
  );
  return `${id.toString('base64url')}.${b64url(6).slice(0, 6)}.${b64url(30).slice(0, 38)}`;
}

/** `tm-` + uuid, the Token Metrics key shape. */
export function fakeTmKey(): string {
  return `tm-${randomUUID()}`;
}

/** A password with characters that get percent-encoded in URLs. */
export function fakePassword(): string {
  return `pw:${b64url(12)}/+@`;
}
