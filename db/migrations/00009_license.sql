-- +goose Up
-- A sub-account's license (PRODUCT.md §7): until when it is valid, and the
-- minutes granted to it. A license can only grow: every "Add to license" is
-- an append-only grant row, amounts are never negative, and the validity
-- only moves forward. The minute arithmetic (cycles, free before add-on,
-- expiry) is Go's (backend/license), replayed from these rows and the calls.
-- Times are Unix milliseconds, UTC. Both tables go with their sub-account.

-- license_terms: one row per licensed sub-account, created with its first
-- grant. started_at is that grant's time: monthly cycles count from it, in
-- time_zone (an IANA name: the sub-account's first Admin's zone then, or
-- UTC). valid_until is the latest validity any grant gave; it starts at
-- started_at and the grants' trigger below moves it forward.
CREATE TABLE license_terms (
    sub_account_id INTEGER PRIMARY KEY REFERENCES sub_accounts (id) ON DELETE CASCADE,
    started_at     INTEGER NOT NULL,
    time_zone      TEXT    NOT NULL CHECK (time_zone <> ''),
    valid_until    INTEGER NOT NULL CHECK (valid_until >= started_at)
);

-- The validity only moves forward; the start, the zone and the owner never
-- change (they decide every cycle boundary).
-- +goose StatementBegin
CREATE TRIGGER license_terms_validity_forward BEFORE UPDATE OF valid_until ON license_terms
WHEN NEW.valid_until < OLD.valid_until
BEGIN
    SELECT RAISE(ABORT, 'a license''s validity cannot move back');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER license_terms_fixed BEFORE UPDATE OF sub_account_id, started_at, time_zone ON license_terms
WHEN NEW.sub_account_id IS NOT OLD.sub_account_id OR NEW.started_at IS NOT OLD.started_at
  OR NEW.time_zone IS NOT OLD.time_zone
BEGIN
    SELECT RAISE(ABORT, 'a license''s start and time zone cannot change');
END;
-- +goose StatementEnd

-- Deleted only with the sub-account (the cascade runs once the sub-account
-- row is gone).
-- +goose StatementBegin
CREATE TRIGGER license_terms_no_delete BEFORE DELETE ON license_terms
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = OLD.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'a license cannot be removed');
END;
-- +goose StatementEnd

-- Created once: REPLACE would delete the row it replaces without the DELETE
-- trigger seeing it.
-- +goose StatementBegin
CREATE TRIGGER license_terms_no_replace BEFORE INSERT ON license_terms
WHEN EXISTS (SELECT 1 FROM license_terms WHERE sub_account_id = NEW.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'a license''s terms are created once');
END;
-- +goose StatementEnd

-- license_grants: every "Add to license", append-only. valid_until NULL
-- leaves the validity as it was; free_minutes raises the free minutes of
-- every cycle from the one containing at on; addon_minutes never expire.
-- remarks are internal (never shown to the customer), up to 500
-- characters; actor is who added it (the audit log's actor label).
CREATE TABLE license_grants (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sub_account_id INTEGER NOT NULL REFERENCES sub_accounts (id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    valid_until    INTEGER,
    free_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (free_minutes >= 0),
    addon_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (addon_minutes >= 0),
    remarks        TEXT    NOT NULL DEFAULT '' CHECK (length(remarks) <= 500),
    actor          TEXT    NOT NULL CHECK (actor <> ''),
    -- A grant adds at least one thing.
    CHECK (valid_until IS NOT NULL OR free_minutes > 0 OR addon_minutes > 0)
);

CREATE INDEX license_grants_by_sub_account ON license_grants (sub_account_id, id);

-- A grant belongs to a license, and a validity it gives is later than the
-- license's current one.
-- +goose StatementBegin
CREATE TRIGGER license_grants_need_terms BEFORE INSERT ON license_grants
WHEN NOT EXISTS (SELECT 1 FROM license_terms WHERE sub_account_id = NEW.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'a license grant needs the license''s terms');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER license_grants_validity_forward BEFORE INSERT ON license_grants
WHEN NEW.valid_until IS NOT NULL AND NEW.valid_until <= (
    SELECT valid_until FROM license_terms WHERE sub_account_id = NEW.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'a license''s validity cannot move back');
END;
-- +goose StatementEnd

-- A grant's validity becomes the license's.
-- +goose StatementBegin
CREATE TRIGGER license_grants_extend AFTER INSERT ON license_grants
WHEN NEW.valid_until IS NOT NULL
BEGIN
    UPDATE license_terms SET valid_until = NEW.valid_until
    WHERE sub_account_id = NEW.sub_account_id AND valid_until < NEW.valid_until;
END;
-- +goose StatementEnd

-- Grants are never edited, removed (but with their sub-account) or replaced.
-- +goose StatementBegin
CREATE TRIGGER license_grants_no_update BEFORE UPDATE ON license_grants
BEGIN
    SELECT RAISE(ABORT, 'license grants are append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER license_grants_no_delete BEFORE DELETE ON license_grants
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = OLD.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'license grants are append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER license_grants_no_replace BEFORE INSERT ON license_grants
WHEN EXISTS (SELECT 1 FROM license_grants WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'license grants are append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE license_grants;
DROP TABLE license_terms;
