export * from './fanout.js';
export * from './guard.js';
export * from './http.js';
export * from './payload.js';
export * from './payload-schema.js';
export * from './post.js';
export * from './sender.js';
