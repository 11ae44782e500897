export { type ActivityLog, createActivityLog } from './activity.js';
export { collectStatus, type StatusSnapshot } from './collect.js';
export { createOpsStatus, type OpsStatus, type OpsStatusOptions, type Readiness } from './compose.js';
export { createQueueBoard, QUEUE_BOARD_PATH, type QueueBoard, type QueueBoardOptions } from './queues.js';
export { createStatusServer, SESSION_COOKIE, type StatusServer, type StatusServerOptions } from './server.js';
export type * from './sources.js';
export { activitySources, outboxSources, subscriptionSources, summarizeDeadLetter } from './wire.js';
