import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard of user-given webhook URLs (issue 21). Anyone can add a webhook, so a URL must never make
 * the bot reach inside the operator's network: https only, the host resolved once and refused when any of
 * its addresses is not public unicast (loopback, private, link-local incl. 169.254.169.254, CGNAT,
 * multicast, unspecified, reserved, unique-local, and IPv6 forms that embed an IPv4 address). The caller
 * then connects to exactly the address checked here (see http.ts), so a DNS answer that changes between
 * the check and the connection (rebinding) cannot move the request inside.
 */

/** One resolved address, as `dns.lookup(host, { all: true })` gives it. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to all its addresses (injected in tests). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Where a checked webhook request goes: the URL as given and the one address it connects to. */
export interface CheckedTarget {
  readonly url: URL;
  readonly address: ResolvedAddress;
}

/**
 * Why a URL was refused, as a catalog message (issue 22): `id` (a `webhook-refused-*` id of
 * locales/<lang>/communities.ftl) and its placeholders, so `/webhook add` answers in the caller's language.
 */
export interface GuardRefusal {
  readonly id: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

export type GuardResult =
  | { readonly ok: true; readonly target: CheckedTarget }
  /** `reason`: the English sentence (logs, dead-letter errors); `refusal`: the same for a reply. */
  | { readonly ok: false; readonly reason: string; readonly refusal: GuardRefusal };

/** A refusal: the English text and the message a reply translates. */
const refuse = (reason: string, id: string, args?: GuardRefusal['args']): GuardResult => ({
  ok: false,
  reason,
  refusal: args ? { id, args } : { id },
});

export interface GuardOptions {
  /**
   * WEBHOOK_ALLOW_HOSTS, parsed: `host` or `host:port` entries (lower case) the operator allows even when
   * they resolve inside, over plain http too. Default none.
   */
  readonly allowHosts: readonly string[];
  readonly resolve?: Resolver;
}

/** Longest URL accepted (it is stored and shown back). */
export const MAX_WEBHOOK_URL = 500;

/** `WEBHOOK_ALLOW_HOSTS` → entries. Throws on an entry that is not `host` or `host:port`. */
export function parseAllowHosts(raw: string | undefined): string[] {
  const out: string[] = [];
  for (const part of (raw ?? '').split(',')) {
    const s = part.trim().toLowerCase();
    if (s === '') continue;
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(s)) {
      throw new Error(`WEBHOOK_ALLOW_HOSTS: "${s}" is not host or host:port`);
    }
    out.push(s);
  }
  return out;
}

function defaultPort(u: URL): string {
  return u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '80';
}

/** Whether the operator allowed this URL's host (an entry without a port allows every port). */
export function isAllowedHost(u: URL, allowHosts: readonly string[]): boolean {
  const host = u.hostname.toLowerCase();
  const withPort = `${host}:${defaultPort(u)}`;
  return allowHosts.some((a) => a === host || a === withPort);
}

/**
 * Why an address may not be called, or undefined when it is public unicast. IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries; the other IPv4-embedding IPv6 ranges
 * (NAT64 64:ff9b::/96, 6to4, Teredo, SIIT) are refused outright: which inside address they reach depends
 * on gateways we cannot see.
 */
export function forbiddenAddress(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const range = ip.range();
  return range === 'unicast' ? undefined : range;
}

function parseUrl(raw: string): URL | undefined {
  if (raw.length > MAX_WEBHOOK_URL) return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

const literalHost = (u: URL) => u.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks a webhook URL and resolves it once. Never makes a request. The reasons are user-facing
 * sentences (they name the host the user gave, nothing resolved from the operator's network).
 */
export async function checkWebhookUrl(raw: string, opts: GuardOptions): Promise<GuardResult> {
  const url = parseUrl(raw.trim());
  if (!url) {
    return refuse(`That is not a URL (at most ${MAX_WEBHOOK_URL} characters).`, 'webhook-refused-not-url', {
      max: MAX_WEBHOOK_URL,
    });
  }
  const allowed = isAllowedHost(url, opts.allowHosts);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) {
    return refuse('Webhook URLs must start with https://.', 'webhook-refused-https');
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('Webhook URLs may not contain a user name or password.', 'webhook-refused-credentials');
  }
  const host = literalHost(url);
  let addresses: readonly ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      return refuse(`I could not resolve ${host}.`, 'webhook-refused-unresolved', { host });
    }
  }
  const first = addresses[0];
  if (!first) return refuse(`I could not resolve ${host}.`, 'webhook-refused-unresolved', { host });
  if (!allowed) {
    // Any inside address refuses the host: an attacker's name may answer with a mix.
    for (const a of addresses) {
      const why = forbiddenAddress(a.address);
      if (why !== undefined) {
        return refuse(
          `${host} points to a non-public address (${why}); webhooks only go to public internet hosts.`,
          'webhook-refused-private',
          { host, range: why },
        );
      }
    }
  }
  return { ok: true, target: { url, address: first } };
}
