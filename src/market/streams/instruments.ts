import type { ExchangeId, Instrument, StreamAdapter } from './types.js';

/** GETs a JSON body; injectable for tests. Throws on network errors and non-2xx answers. */
export type FetchJson = (url: string, signal: AbortSignal) => Promise<unknown>;

export const defaultFetchJson: FetchJson = async (url, signal) => {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`HTTP ${res.status}`);
  }
  return (await res.json()) as unknown;
};

/**
 * One exchange's public instrument list (`*_REST_URL` + the adapter's documented path), parsed to spot pairs.
 * Throws when the call fails or the body holds no instrument at all (a changed format must not look like
 * "nothing listed").
 */
export async function loadInstruments(
  adapter: StreamAdapter,
  restRoot: string,
  fetchJson: FetchJson = defaultFetchJson,
  timeoutMs = 15_000,
): Promise<Instrument[]> {
  const url = `${restRoot.replace(/\/+$/, '')}${adapter.instrumentsPath}`;
  const body = await fetchJson(url, AbortSignal.timeout(timeoutMs));
  const list = adapter.parseInstruments(body);
  if (list.length === 0) throw new Error(`${adapter.label} instrument list had no spot pairs`);
  return list;
}

/** Loads every exchange's list in parallel; a failed one is reported and left out (its tokens poll). */
export async function loadAllInstruments(
  adapters: readonly StreamAdapter[],
  restRoots: Readonly<Partial<Record<ExchangeId, string>>>,
  fetchJson: FetchJson | undefined,
  onError: (exchange: ExchangeId, err: Error) => void,
): Promise<Map<ExchangeId, Instrument[]>> {
  const out = new Map<ExchangeId, Instrument[]>();
  await Promise.all(
    adapters.map(async (a) => {
      const root = restRoots[a.id];
      if (root === undefined) return;
      try {
        out.set(a.id, await loadInstruments(a, root, fetchJson));
      } catch (err) {
        onError(a.id, err as Error);
      }
    }),
  );
  return out;
}
