-- +goose Up
-- A sub-account's connection to its voice provider. The secret lives only in
-- the OS keychain; this row keeps the non-secret fields (JSON), a masked hint
-- of the secret, and whether the provider accepted it.
CREATE TABLE provider_connections (
    sub_account_id INTEGER PRIMARY KEY REFERENCES sub_accounts (id) ON DELETE CASCADE,
    provider       TEXT    NOT NULL CHECK (provider IN ('retell', 'vapi', 'bland', 'twilio', 'telnyx', 'synthflow', 'elevenlabs')),
    settings       TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    secret_hint    TEXT    NOT NULL DEFAULT '',
    -- connected: the provider accepted the credentials; invalid: it refused
    -- them; not_verified: saved offline, checked again at the next sync.
    state          TEXT    NOT NULL CHECK (state IN ('connected', 'invalid', 'not_verified')),
    state_reason   TEXT    NOT NULL DEFAULT '',
    checked_at     INTEGER,
    -- HMAC of the provider account's identity under a per-install key kept in
    -- the keychain: equal keys mean a shared provider account (a pool), and
    -- nothing here reveals the secret.
    account_key    TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE INDEX provider_connections_by_account ON provider_connections (provider, account_key);

-- Call-log sync of one sub-account.
CREATE TABLE sync_states (
    sub_account_id INTEGER PRIMARY KEY REFERENCES sub_accounts (id) ON DELETE CASCADE,
    auto_sync      INTEGER NOT NULL DEFAULT 0 CHECK (auto_sync IN (0, 1)),
    -- Start time of the newest call stored; the next run starts a little
    -- before it (an overlap window) and de-duplicates.
    watermark      INTEGER,
    -- A run in progress: its window and the provider cursor of the next page,
    -- so that a run killed half-way resumes where it stopped.
    run_since      INTEGER,
    run_until      INTEGER,
    run_cursor     TEXT    NOT NULL DEFAULT '',
    -- Last Sync Time: when a run last finished. last_attempt_at also counts
    -- failed runs, so the scheduler waits an interval before trying again.
    last_sync_at    INTEGER,
    last_attempt_at INTEGER,
    last_error     TEXT    NOT NULL DEFAULT '',
    -- 1 when the provider refused the credentials: auto-sync waits until they
    -- are saved again.
    paused         INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
);

-- Synced calls: usage history. They stay when the provider changes, tagged
-- with the provider they came from.
CREATE TABLE calls (
    id               INTEGER PRIMARY KEY,
    sub_account_id   INTEGER NOT NULL REFERENCES sub_accounts (id) ON DELETE CASCADE,
    provider         TEXT    NOT NULL,
    provider_call_id TEXT    NOT NULL CHECK (provider_call_id <> ''),
    direction        TEXT    NOT NULL CHECK (direction IN ('in', 'out', 'web', 'unknown')),
    status           TEXT    NOT NULL DEFAULT '',
    from_number      TEXT    NOT NULL DEFAULT '',
    to_number        TEXT    NOT NULL DEFAULT '',
    started_at       INTEGER NOT NULL,
    ended_at         INTEGER,
    duration_s       INTEGER NOT NULL CHECK (duration_s >= 0),
    cost_minor       INTEGER NOT NULL DEFAULT 0 CHECK (cost_minor >= 0),
    currency         TEXT    NOT NULL DEFAULT '',
    UNIQUE (provider, provider_call_id)
);

CREATE INDEX calls_by_sub_account ON calls (sub_account_id, started_at);

-- Concurrent-call split of one sub-account. limit_total is the provider's
-- limit (read from its API, or entered); outbound is the share for outbound
-- calls, the rest is reserved for inbound. pool_name groups sub-accounts by
-- hand; otherwise provider_connections.account_key groups them.
CREATE TABLE concurrency_settings (
    sub_account_id INTEGER PRIMARY KEY REFERENCES sub_accounts (id) ON DELETE CASCADE,
    limit_total    INTEGER CHECK (limit_total >= 0),
    limit_source   TEXT    NOT NULL DEFAULT 'manual' CHECK (limit_source IN ('provider', 'manual')),
    outbound       INTEGER NOT NULL DEFAULT 0 CHECK (outbound >= 0),
    pool_name      TEXT    NOT NULL DEFAULT '',
    updated_at     INTEGER NOT NULL,
    CHECK (limit_total IS NULL OR outbound <= limit_total)
);

-- Agency-wide settings (key/value).
CREATE TABLE app_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE app_settings;
DROP TABLE concurrency_settings;
DROP TABLE calls;
DROP TABLE sync_states;
DROP TABLE provider_connections;
