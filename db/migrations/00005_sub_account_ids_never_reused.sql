-- +goose NO TRANSACTION
-- +goose Up
-- Sub-account ids are never given twice. Without AUTOINCREMENT SQLite gives
-- a new row the highest id plus one, so deleting the newest sub-account
-- freed its id: the next one inherited its Activity history, and anything
-- still holding the old id (an open view, a late event, a running sync)
-- acted on the new customer.
--
-- SQLite cannot add AUTOINCREMENT in place: sub_accounts is rebuilt the way
-- SQLite documents (https://sqlite.org/lang_altertable.html, "other kinds of
-- table schema changes"), with every column, CHECK, index and trigger as
-- before, and the same ids, so the search index (rowid = id), the tallies and
-- every row that references a sub-account stay as they are.
--
-- Foreign keys must be off while the old table is dropped: with them on,
-- DROP TABLE deletes every row first and the ON DELETE actions would empty
-- provider_connections, sync_states, calls and concurrency_settings and
-- unassign every agent. foreign_keys cannot change inside a transaction, so
-- this migration runs outside goose's and opens its own (goose runs it on one
-- connection). Should the process die after COMMIT but before goose records
-- the version, the next start runs this again, which rebuilds the table once
-- more to the same result.
PRAGMA foreign_keys = OFF;

BEGIN IMMEDIATE;

CREATE TABLE sub_accounts_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The display name, trimmed, 2-80 characters. It can never change (see trigger below).
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 80 AND name = trim(name)),
    -- Case-folded name: makes names unique regardless of case.
    name_key      TEXT    NOT NULL UNIQUE,
    status        TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    -- Voice provider in use; '' until one is connected.
    provider      TEXT    NOT NULL DEFAULT '' CHECK (provider IN ('', 'retell', 'vapi', 'bland', 'twilio', 'telnyx', 'synthflow', 'elevenlabs')),
    last_login_at INTEGER,
    last_call_at  INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

INSERT INTO sub_accounts_new (id, name, name_key, status, provider, last_login_at, last_call_at, created_at, updated_at)
SELECT id, name, name_key, status, provider, last_login_at, last_call_at, created_at, updated_at FROM sub_accounts;

-- The next id is above every id ever given: the live ones, the deleted ones
-- the audit log still names, and (when this runs again) the sequence the
-- table already had.
DELETE FROM sqlite_sequence WHERE name = 'sub_accounts_new';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'sub_accounts_new', max(
    coalesce((SELECT max(id) FROM sub_accounts), 0),
    coalesce((SELECT max(sub_account_id) FROM audit_log), 0),
    coalesce((SELECT max(seq) FROM sqlite_sequence WHERE name = 'sub_accounts'), 0));

DROP TABLE sub_accounts;
ALTER TABLE sub_accounts_new RENAME TO sub_accounts;

-- The indexes and triggers of 00001 and 00003, as they were.
CREATE INDEX sub_accounts_by_status             ON sub_accounts (status, name_key, id);
CREATE INDEX sub_accounts_by_provider           ON sub_accounts (provider, name_key, id);
CREATE INDEX sub_accounts_by_provider_status    ON sub_accounts (provider, status, name_key, id);
CREATE INDEX sub_accounts_by_status_provider    ON sub_accounts (status, provider, name_key, id);
CREATE INDEX sub_accounts_by_last_login         ON sub_accounts (last_login_at, id);
CREATE INDEX sub_accounts_by_status_last_login  ON sub_accounts (status, last_login_at, id);
CREATE INDEX sub_accounts_by_provider_last_login ON sub_accounts (provider, last_login_at, id);
CREATE INDEX sub_accounts_by_last_call          ON sub_accounts (last_call_at, id);
CREATE INDEX sub_accounts_by_status_last_call   ON sub_accounts (status, last_call_at, id);
CREATE INDEX sub_accounts_by_provider_last_call ON sub_accounts (provider, last_call_at, id);
CREATE INDEX sub_accounts_by_created            ON sub_accounts (created_at, id);
CREATE INDEX sub_accounts_by_status_created     ON sub_accounts (status, created_at, id);
CREATE INDEX sub_accounts_by_provider_created   ON sub_accounts (provider, created_at, id);

-- +goose StatementBegin
CREATE TRIGGER sub_account_tallies_insert AFTER INSERT ON sub_accounts BEGIN
    INSERT INTO sub_account_tallies (status, provider, n) VALUES (NEW.status, NEW.provider, 1)
    ON CONFLICT (status, provider) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sub_account_tallies_delete AFTER DELETE ON sub_accounts BEGIN
    UPDATE sub_account_tallies SET n = n - 1 WHERE status = OLD.status AND provider = OLD.provider;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sub_account_tallies_update AFTER UPDATE OF status, provider ON sub_accounts
WHEN NEW.status IS NOT OLD.status OR NEW.provider IS NOT OLD.provider
BEGIN
    UPDATE sub_account_tallies SET n = n - 1 WHERE status = OLD.status AND provider = OLD.provider;
    INSERT INTO sub_account_tallies (status, provider, n) VALUES (NEW.status, NEW.provider, 1)
    ON CONFLICT (status, provider) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sub_accounts_name_immutable
BEFORE UPDATE OF name, name_key ON sub_accounts
WHEN NEW.name IS NOT OLD.name OR NEW.name_key IS NOT OLD.name_key
BEGIN
    SELECT RAISE(ABORT, 'sub-account names cannot be edited');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sub_accounts_fts_insert AFTER INSERT ON sub_accounts BEGIN
    INSERT INTO sub_accounts_fts (rowid, name) VALUES (NEW.id, NEW.name);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sub_accounts_fts_delete AFTER DELETE ON sub_accounts BEGIN
    INSERT INTO sub_accounts_fts (sub_accounts_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sub_accounts_no_replace BEFORE INSERT ON sub_accounts
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'sub-account names cannot be edited');
END;
-- +goose StatementEnd

COMMIT;

PRAGMA foreign_keys = ON;

-- +goose Down
-- Nothing to undo: the ids AUTOINCREMENT gave are valid ids without it.
