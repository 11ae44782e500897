/** The outbox lives in ./outbox; this re-export keeps `delivery/index.js` imports working. */
export * from './outbox/index.js';
