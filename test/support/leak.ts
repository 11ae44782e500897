/**
 * Every form a secret can take in text, computed independently of src/obs/scrub.ts so the leak tests
 * don't just re-run the code they test: raw, percent-encoded (upper/lower hex, only ':' encoded, double
 * encoded), JSON-escaped, base64/base64url of the value alone and the stable middle of its base64 at
 * each byte alignment (the value inside a longer encoded blob such as Basic auth).
 */
export function leakForms(secret: string): string[] {
  const enc = encodeURIComponent(secret);
  const forms = new Set<string>([
    secret,
    enc,
    enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    secret.replace(/:/g, '%3A'),
    secret.replace(/:/g, '%3a'),
    encodeURIComponent(enc),
    JSON.stringify(secret).slice(1, -1),
  ]);
  for (let k = 0; k < 3; k++) {
    const prefixed = Buffer.concat([Buffer.from('abc'.slice(0, k)), Buffer.from(secret)]);
    for (const alphabet of ['base64', 'base64url'] as const) {
      const full = prefixed.toString(alphabet);
      // Drop characters touching the prefix or the final partial group.
      const from = Math.ceil((k * 8) / 6);
      const to = Math.floor((prefixed.length * 8) / 6);
      const core = full.slice(from, to);
      if (core.length >= 8) forms.add(core);
    }
  }
  return [...forms].filter((f) => f.length >= 6);
}

/** The first secret form found in `text`, described (never the form itself), or undefined. */
export function findLeak(text: string, secrets: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(secrets)) {
    for (const [i, form] of leakForms(value).entries()) {
      const at = text.indexOf(form);
      if (at >= 0) return `${name} (form #${i}) at offset ${at}: …${text.slice(Math.max(0, at - 40), at)}`;
    }
  }
  return undefined;
}
