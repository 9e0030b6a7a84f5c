-- +goose Up
-- Sub-accounts: one row per customer of the agency. Times are Unix milliseconds, UTC.
CREATE TABLE sub_accounts (
    id            INTEGER PRIMARY KEY,
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

-- The list view sorts by any column, optionally filtered by status or by
-- provider. Each (filter, sort) pair has an index that yields rows already in
-- order, so a page is read straight off an index; id breaks ties so paging is
-- stable. name_key's own UNIQUE index serves the unfiltered name sort.
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

-- Row counts per (status, provider), kept by triggers, so that the list's
-- total under a status or provider filter is a sum of a few rows instead of a
-- count over tens of thousands.
CREATE TABLE sub_account_tallies (
    status   TEXT    NOT NULL,
    provider TEXT    NOT NULL,
    n        INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (status, provider)
) WITHOUT ROWID;

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

-- Trigram index for substring search by name.
CREATE VIRTUAL TABLE sub_accounts_fts USING fts5 (
    name, content = 'sub_accounts', content_rowid = 'id', tokenize = 'trigram'
);

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

-- Audit log: append-only. It keeps the sub-account's id and name rather than a
-- foreign key, so deleting a sub-account leaves its history in place.
CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY,
    at               INTEGER NOT NULL,
    actor            TEXT    NOT NULL CHECK (actor <> ''),
    action           TEXT    NOT NULL CHECK (action <> ''),
    sub_account_id   INTEGER,
    sub_account_name TEXT    NOT NULL DEFAULT '',
    summary          TEXT    NOT NULL
);

CREATE INDEX audit_log_by_sub_account ON audit_log (sub_account_id, id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE sub_accounts_fts;
DROP TABLE sub_account_tallies;
DROP TABLE sub_accounts;
