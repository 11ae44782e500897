import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadiness, reasonOf, retryUntilOk } from '#src/app/readiness.js';
import { silentLogger } from '#src/obs/logger.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('reasonOf', () => {
  it.each([
    [new Error('connect ECONNREFUSED 10.0.0.5:6379'), 'connect ECONNREFUSED 10.0.0.5:6379'],
    [new Error('bad redis://user:hunter2@host:6379/0'), 'bad redis://host:6379/0'],
    [
      new Error('GET https://api.telegram.org/bot123456:AAbb-cc_dd/getMe failed'),
      'GET https://api.telegram.org/bot<token>/getMe failed',
    ],
    ['plain string', 'plain string'],
    [new Error(''), 'unknown error'],
  ])('%s → %s', (err, want) => {
    expect(reasonOf(err)).toBe(want);
  });
});

describe('retryUntilOk', () => {
  it('backs off 500 ms doubling to the cap, shows the reason meanwhile, clears it on success', async () => {
    vi.useFakeTimers();
    const readiness = createReadiness();
    let calls = 0;
    const done = retryUntilOk(
      async () => {
        calls++;
        if (calls < 5) throw new Error(`down ${calls}`);
        return 'up';
      },
      {
        component: 'store',
        readiness,
        logger: silentLogger(),
        maxDelayMs: 2000,
        signal: new AbortController().signal,
      },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(readiness.reasons()).toEqual({ store: 'down 1' });
    // Pauses: 500, 1000, 2000, 2000 (capped).
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toBe(4);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(done).resolves.toBe('up');
    expect(calls).toBe(5);
    expect(readiness.reasons()).toEqual({});
  });

  it('stops waiting when aborted', async () => {
    vi.useFakeTimers();
    const ac = new AbortController();
    const done = retryUntilOk(
      async () => {
        throw new Error('down');
      },
      { component: 'telegram', readiness: createReadiness(), logger: silentLogger(), signal: ac.signal },
    );
    const settled = expect(done).rejects.toThrow('stopping');
    await vi.advanceTimersByTimeAsync(100);
    ac.abort(new Error('stopping'));
    await settled;
  });
});
