-- +goose Up
-- Calls as the providers really report them, and provider accounts shared
-- by several sub-accounts.
--
-- calls is rebuilt (SQLite cannot relax NOT NULL in place):
-- - status is normalised (the same words for every provider) and status_raw
--   keeps the provider's own value;
-- - cost_micros is the cost in millionths of the currency's major unit, so
--   a price of up to six decimals keeps its full precision; money is rounded
--   to minor units once, for a total;
-- - parent_call_id links a leg (a Twilio <Dial> leg) to its call: legs are
--   billed usage, but a conversation's minutes count once, from the parent;
-- - agent_id is the provider's agent that handled the call;
-- - account_key is the provider account the call was read from (the
--   connection's account_key), and sub_account_id is NULL for a call of a
--   shared account whose agent or number nobody owns: it is counted as
--   unassigned in the pool, never given to a sub-account by chance.
CREATE TABLE calls_new (
    id               INTEGER PRIMARY KEY,
    sub_account_id   INTEGER REFERENCES sub_accounts (id) ON DELETE CASCADE,
    account_key      TEXT    NOT NULL DEFAULT '',
    provider         TEXT    NOT NULL,
    provider_call_id TEXT    NOT NULL CHECK (provider_call_id <> ''),
    parent_call_id   TEXT    NOT NULL DEFAULT '' CHECK (parent_call_id <> provider_call_id),
    agent_id         TEXT    NOT NULL DEFAULT '',
    direction        TEXT    NOT NULL CHECK (direction IN ('in', 'out', 'web', 'unknown')),
    status           TEXT    NOT NULL DEFAULT 'unknown'
        CHECK (status IN ('completed', 'no_answer', 'busy', 'failed', 'canceled', 'in_progress', 'unknown')),
    status_raw       TEXT    NOT NULL DEFAULT '',
    from_number      TEXT    NOT NULL DEFAULT '',
    to_number        TEXT    NOT NULL DEFAULT '',
    started_at       INTEGER NOT NULL,
    ended_at         INTEGER,
    duration_s       INTEGER NOT NULL CHECK (duration_s >= 0),
    cost_micros      INTEGER NOT NULL DEFAULT 0 CHECK (cost_micros >= 0),
    currency         TEXT    NOT NULL DEFAULT '',
    UNIQUE (provider, provider_call_id),
    CHECK (sub_account_id IS NOT NULL OR account_key <> '')
);

INSERT INTO calls_new (id, sub_account_id, provider, provider_call_id, direction, status, status_raw,
                       from_number, to_number, started_at, ended_at, duration_s, cost_micros, currency)
SELECT id, sub_account_id, provider, provider_call_id, direction,
       CASE lower(replace(replace(status, '-', '_'), ' ', '_'))
           WHEN 'completed' THEN 'completed' WHEN 'complete' THEN 'completed' WHEN 'ended' THEN 'completed'
           WHEN 'done' THEN 'completed'
           WHEN 'no_answer' THEN 'no_answer' WHEN 'busy' THEN 'busy'
           WHEN 'failed' THEN 'failed' WHEN 'error' THEN 'failed' WHEN 'not_connected' THEN 'failed'
           WHEN 'canceled' THEN 'canceled' WHEN 'cancelled' THEN 'canceled'
           WHEN 'in_progress' THEN 'in_progress' WHEN 'ongoing' THEN 'in_progress' WHEN 'ringing' THEN 'in_progress'
           WHEN 'queued' THEN 'in_progress'
           ELSE 'unknown' END,
       status, from_number, to_number, started_at, ended_at, duration_s,
       cost_minor * CASE currency WHEN 'JPY' THEN 1000000 ELSE 10000 END, currency
FROM calls;

DROP TABLE calls;
ALTER TABLE calls_new RENAME TO calls;

CREATE INDEX calls_by_sub_account ON calls (sub_account_id, started_at);
CREATE INDEX calls_unassigned ON calls (provider, account_key, agent_id) WHERE sub_account_id IS NULL;

-- The agents (or, where agents do not apply, phone numbers) of a provider
-- account, read from the provider, and the sub-account each is assigned to.
-- An agent belongs to at most one sub-account: the owner is a column of the
-- agent's one row. The prompt is the customer's business data, not a
-- secret: stored to be shown, never logged.
CREATE TABLE provider_agents (
    id             INTEGER PRIMARY KEY,
    provider       TEXT    NOT NULL,
    account_key    TEXT    NOT NULL CHECK (account_key <> ''),
    agent_id       TEXT    NOT NULL CHECK (agent_id <> ''),
    kind           TEXT    NOT NULL CHECK (kind IN ('agent', 'number')),
    name           TEXT    NOT NULL DEFAULT '',
    number         TEXT    NOT NULL DEFAULT '',
    prompt         TEXT    NOT NULL DEFAULT '',
    prompt_digest  TEXT    NOT NULL DEFAULT '',
    sub_account_id INTEGER REFERENCES sub_accounts (id) ON DELETE SET NULL,
    seen_at        INTEGER NOT NULL,
    UNIQUE (provider, account_key, agent_id)
);

CREATE INDEX provider_agents_by_owner ON provider_agents (sub_account_id) WHERE sub_account_id IS NOT NULL;

-- An agent is assigned only to a sub-account connected to the agent's very
-- provider account.
-- +goose StatementBegin
CREATE TRIGGER provider_agents_owner_insert BEFORE INSERT ON provider_agents
WHEN NEW.sub_account_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM provider_connections
    WHERE sub_account_id = NEW.sub_account_id AND provider = NEW.provider AND account_key = NEW.account_key)
BEGIN
    SELECT RAISE(ABORT, 'an agent is assigned only to a sub-account connected to its provider account');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER provider_agents_owner_update BEFORE UPDATE OF sub_account_id, provider, account_key ON provider_agents
WHEN NEW.sub_account_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM provider_connections
    WHERE sub_account_id = NEW.sub_account_id AND provider = NEW.provider AND account_key = NEW.account_key)
BEGIN
    SELECT RAISE(ABORT, 'an agent is assigned only to a sub-account connected to its provider account');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE provider_agents;
CREATE TABLE calls_old (
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
INSERT INTO calls_old (id, sub_account_id, provider, provider_call_id, direction, status, from_number, to_number,
                       started_at, ended_at, duration_s, cost_minor, currency)
SELECT id, sub_account_id, provider, provider_call_id, direction, status_raw, from_number, to_number,
       started_at, ended_at, duration_s,
       (cost_micros + CASE currency WHEN 'JPY' THEN 500000 ELSE 5000 END) / CASE currency WHEN 'JPY' THEN 1000000 ELSE 10000 END,
       currency
FROM calls WHERE sub_account_id IS NOT NULL;
DROP TABLE calls;
ALTER TABLE calls_old RENAME TO calls;
CREATE INDEX calls_by_sub_account ON calls (sub_account_id, started_at);
