import type Database from 'better-sqlite3';

/** Issue 18: the outcome day summaries (their migration, so tests can build a store from before it). */
const OUTCOME_SUMS = `
  -- Issue 18: /stats day summaries. Each outcome row keeps the tally it added to outcome_sums (subtracted
  -- again when the row is replaced or pruned) and, when decided, its kind, move bin and move, so /stats
  -- can rank the few outcomes of one bin. Rows written before this are summarised at open (outcomes.ts).
  ALTER TABLE outcomes ADD COLUMN tally TEXT;
  ALTER TABLE outcomes ADD COLUMN kind TEXT;
  ALTER TABLE outcomes ADD COLUMN bin INTEGER;
  ALTER TABLE outcomes ADD COLUMN move REAL;
  CREATE INDEX outcomes_bin ON outcomes (kind, bin, at) WHERE bin IS NOT NULL;
  CREATE INDEX outcomes_token_bin ON outcomes (token_id, kind, bin, at) WHERE bin IS NOT NULL;
  CREATE TABLE outcome_sums (
    scope INTEGER NOT NULL, -- a token id, or -1: all tokens
    span  INTEGER NOT NULL, -- days summed: 1 (a day) or BLOCK_DAYS (a block)
    start INTEGER NOT NULL, -- first UTC day number (at / 86,400,000) of the day or block
    field TEXT    NOT NULL, -- src/engine/outcome-tally.ts
    n     INTEGER NOT NULL,
    PRIMARY KEY (scope, span, start, field)
  ) WITHOUT ROWID;
  CREATE INDEX outcome_sums_start ON outcome_sums (span, start);
  -- The SUMMARY_VERSION outcome_sums was built with (absent: never built).
  CREATE TABLE outcome_sums_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
  `;

/**
 * Schema migrations, applied in order at open inside one transaction. Never edit a shipped entry:
 * append a new one. `schema_version` holds the number of migrations applied.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subscriptions (
    dest_key   TEXT    NOT NULL,
    token_id   INTEGER NOT NULL,
    platform   TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    dest_id    TEXT    NOT NULL,
    parent_id  TEXT,
    symbol     TEXT    NOT NULL,
    types      TEXT    NOT NULL, -- JSON array in ALERT_TYPES order
    created_at INTEGER NOT NULL,
    -- Clustered by token: subscribersOf reads each token's rows as one contiguous range.
    PRIMARY KEY (token_id, dest_key)
  ) WITHOUT ROWID;
  CREATE INDEX subscriptions_dest ON subscriptions (dest_key);
  CREATE INDEX subscriptions_parent ON subscriptions (platform, parent_id);

  -- A row exists only while the destination is inactive; reactivate deletes it.
  CREATE TABLE dest_status (
    dest_key       TEXT PRIMARY KEY,
    reason         TEXT    NOT NULL,
    since          INTEGER NOT NULL,
    notice_pending INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE settings (scope TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE snapshots (token_id INTEGER PRIMARY KEY, json TEXT NOT NULL);

  CREATE TABLE marks (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX marks_expiry ON marks (expires_at);

  CREATE TABLE tick_slots (slot TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;

  CREATE TABLE hold_dest (
    dest_key    TEXT PRIMARY KEY,
    destination TEXT    NOT NULL, -- JSON Destination (keeps parentId)
    release_at  INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX hold_dest_release ON hold_dest (release_at);
  CREATE TABLE hold_events (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT, -- append order
    dest_key TEXT NOT NULL,
    event    TEXT NOT NULL
  );
  CREATE INDEX hold_events_dest ON hold_events (dest_key, seq);

  CREATE TABLE counters (
    key          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL, -- window_start + window_ms
    PRIMARY KEY (key, window_start)
  ) WITHOUT ROWID;
  CREATE INDEX counters_expiry ON counters (expires_at);
  `,
  // Tick metadata moved out of the snapshots table (it lived there as the fake token 0).
  `
  CREATE TABLE tick_meta (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
  `,
  `
  -- Token Metrics credits per calendar month (YYYY-MM, UTC) and endpoint.
  CREATE TABLE tm_credits (
    month    TEXT    NOT NULL,
    endpoint TEXT    NOT NULL,
    calls    INTEGER NOT NULL,
    PRIMARY KEY (month, endpoint)
  ) WITHOUT ROWID;
  CREATE TABLE market_state (key TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
  `,
  // Alert outcomes (/stats) and suppression records (/why), issue 12.
  `
  CREATE TABLE outcomes (
    id       TEXT    PRIMARY KEY, -- event id
    token_id INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    open     INTEGER NOT NULL,
    json     TEXT    NOT NULL
  ) WITHOUT ROWID;
  -- Only open outcomes are indexed by token: a tick reads those of the tokens whose price moved.
  CREATE INDEX outcomes_open ON outcomes (token_id) WHERE open = 1;
  CREATE INDEX outcomes_at ON outcomes (at);
  CREATE INDEX outcomes_token_at ON outcomes (token_id, at);
  CREATE TABLE suppressions (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    dest_key TEXT    NOT NULL,
    token_id INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    json     TEXT    NOT NULL
  );
  CREATE INDEX suppressions_pair ON suppressions (dest_key, token_id, seq);
  CREATE INDEX suppressions_at ON suppressions (at);
  `,
  `
  -- Issue 11: price history (res 1 = minute buckets, 2 = hour buckets; t = bucket start) and user price alerts.
  CREATE TABLE price_history (
    token_id INTEGER NOT NULL,
    res      INTEGER NOT NULL,
    t        INTEGER NOT NULL,
    price    REAL    NOT NULL,
    PRIMARY KEY (token_id, res, t)
  ) WITHOUT ROWID;
  CREATE TABLE price_alerts (
    id            TEXT PRIMARY KEY,
    dest_key      TEXT    NOT NULL,
    token_id      INTEGER NOT NULL,
    json          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_fired_at INTEGER
  );
  CREATE INDEX price_alerts_dest ON price_alerts (dest_key, created_at);
  CREATE INDEX price_alerts_token ON price_alerts (token_id);
  CREATE TABLE price_alert_rev (id INTEGER PRIMARY KEY CHECK (id = 1), rev INTEGER NOT NULL);
  INSERT INTO price_alert_rev (id, rev) VALUES (1, 0);
  `,
  OUTCOME_SUMS,
  // Rate counters become an append-only log (counters.ts): one row per increment, summed in memory.
  `
  CREATE TABLE counter_log (
    seq          INTEGER PRIMARY KEY,
    window_start INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    deltas       TEXT    NOT NULL -- JSON [[key, n], ...]
  );
  CREATE INDEX counter_log_window ON counter_log (window_start);
  INSERT INTO counter_log (window_start, expires_at, deltas)
    SELECT window_start, expires_at, json_group_array(json_array(key, count))
    FROM counters GROUP BY window_start, expires_at;
  DROP TABLE counters;
  `,
  // Suppressions grouped (suppressions.ts): one row per event and reason, listing its destinations.
  `
  CREATE TABLE suppression_groups (
    seq      INTEGER PRIMARY KEY,
    token_id INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    dests    TEXT    NOT NULL, -- JSON [[dest_key, destination], ...]
    json     TEXT    NOT NULL  -- the record without its destination
  );
  CREATE INDEX suppression_groups_token ON suppression_groups (token_id, seq);
  CREATE INDEX suppression_groups_at ON suppression_groups (at);
  INSERT INTO suppression_groups (token_id, at, dests, json)
    SELECT token_id, at, json_array(json_array(dest_key, json -> '$.destination')),
           json_remove(json, '$.destination')
    FROM suppressions ORDER BY seq;
  DROP TABLE suppressions;
  `,
  // Daily briefs (issue 20): one row per destination, `{destination, schedule}` JSON.
  `
  CREATE TABLE briefs (dest_key TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
  `,
  // Issue 21: destinations' signed webhooks (webhooks.ts).
  `
  CREATE TABLE webhooks (
    id         TEXT PRIMARY KEY,
    dest_key   TEXT    NOT NULL,
    json       TEXT    NOT NULL, -- destination, url, secret, createdAt
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX webhooks_dest ON webhooks (dest_key, created_at);
  `,
  // Issue 21: alerts each destination was sent, for /export (alert-log.ts).
  `
  CREATE TABLE alert_log (
    dest_key TEXT    NOT NULL,
    event_id TEXT    NOT NULL,
    at       INTEGER NOT NULL, -- when the platform confirmed the message
    json     TEXT    NOT NULL,
    PRIMARY KEY (dest_key, event_id)
  ) WITHOUT ROWID;
  CREATE INDEX alert_log_dest_at ON alert_log (dest_key, at);
  `,
  // Replicated duties (issue 19): the Telegram getUpdates offset, paid-broadcast Stars per UTC day.
  `
  CREATE TABLE poll_offsets (name TEXT PRIMARY KEY, next INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE daily_budgets (
    day    TEXT    NOT NULL,
    key    TEXT    NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (day, key)
  ) WITHOUT ROWID;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Migrations applied to a store from before the outcome summaries (tests: `migrate(db, that)`). */
export const BEFORE_OUTCOME_SUMS = MIGRATIONS.indexOf(OUTCOME_SUMS);

/**
 * Creates or upgrades the schema. Throws if the file was written by a newer version. `upTo` (tests
 * only): stop after that many migrations, to build a file as an older version left it.
 */
export function migrate(db: Database.Database, upTo = MIGRATIONS.length): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const run = db.transaction(() => {
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > upTo) {
      throw new Error(
        `store schema version ${current} is newer than this build supports (${MIGRATIONS.length}); upgrade tokenwatch`,
      );
    }
    for (let v = current; v < upTo; v++) db.exec(MIGRATIONS[v] ?? '');
    if (row) db.prepare('UPDATE schema_version SET version = ?').run(upTo);
    else db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(upTo);
  });
  run.immediate();
}
