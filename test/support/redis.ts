import { inject } from 'vitest';

/** The test run's Redis (see redis-global-setup.ts): the system one on 6379, or a throw-away server. */
export const TEST_REDIS_URL: string = inject('redisUrl');
