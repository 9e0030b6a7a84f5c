-- +goose Up
-- The minute ledger (PRODUCT.md §7, issue 10's 7a): every grant, every
-- cycle's free allowance, every expiry and the usage of every sync page is
-- an append-only entry with the balance after it, written in the same
-- transaction as the grant or the calls it counts. The arithmetic is Go's
-- (backend/license.Book); these tables keep its state so the License tab and
-- the list's "Minutes left" read it instead of replaying every call.

-- most_minutes: the most whole minutes a call was ever synced with (each
-- call rounded up to the minute). It only grows; a license is charged the
-- growth, so the same call synced twice is never charged twice.
ALTER TABLE calls ADD COLUMN most_minutes INTEGER NOT NULL DEFAULT 0 CHECK (most_minutes >= 0);
UPDATE calls SET most_minutes = (duration_s + 59) / 60 WHERE duration_s > 0;

-- +goose StatementBegin
CREATE TRIGGER calls_most_minutes_grow BEFORE UPDATE OF most_minutes ON calls
WHEN NEW.most_minutes < OLD.most_minutes
BEGIN
    SELECT RAISE(ABORT, 'a call''s charged minutes cannot shrink');
END;
-- +goose StatementEnd

-- The list's license columns, kept current with the ledger: minutes_left
-- (free minutes of the open cycle plus add-on minutes; NULL: no license),
-- minutes_capacity (what the open cycle made available: "Minutes left"
-- warns below a tenth of it) and license_valid_until (Unix ms).
ALTER TABLE sub_accounts ADD COLUMN minutes_left INTEGER CHECK (minutes_left >= 0);
ALTER TABLE sub_accounts ADD COLUMN minutes_capacity INTEGER CHECK (minutes_capacity >= 0);
ALTER TABLE sub_accounts ADD COLUMN license_valid_until INTEGER;
CREATE INDEX sub_accounts_by_minutes_left          ON sub_accounts (minutes_left, id);
CREATE INDEX sub_accounts_by_status_minutes_left   ON sub_accounts (status, minutes_left, id);
CREATE INDEX sub_accounts_by_provider_minutes_left ON sub_accounts (provider, minutes_left, id);

-- license_books: a license's running state. allowance is the free minutes
-- per cycle, overage the minutes used beyond every balance, open_cycle the
-- cycle now open (0 is the one the license started in), cycle_until when it
-- ends (Unix ms): the roll-over closes it then. None of them moves back.
CREATE TABLE license_books (
    sub_account_id INTEGER PRIMARY KEY REFERENCES license_terms (sub_account_id) ON DELETE CASCADE,
    allowance      INTEGER NOT NULL CHECK (allowance >= 0),
    overage        INTEGER NOT NULL CHECK (overage >= 0),
    open_cycle     INTEGER NOT NULL CHECK (open_cycle >= 0),
    cycle_until    INTEGER NOT NULL
);
CREATE INDEX license_books_by_cycle_until ON license_books (cycle_until);

-- +goose StatementBegin
CREATE TRIGGER license_books_forward BEFORE UPDATE ON license_books
WHEN NEW.allowance < OLD.allowance OR NEW.overage < OLD.overage OR NEW.open_cycle < OLD.open_cycle
  OR NEW.cycle_until < OLD.cycle_until OR NEW.sub_account_id IS NOT OLD.sub_account_id
BEGIN
    SELECT RAISE(ABORT, 'a license''s book only moves forward');
END;
-- +goose StatementEnd

-- license_cycles: each cycle's statement (license.Cycle as JSON: opening
-- balance, grants, usage, late usage, expiry, closing balance), written as
-- the cycle changes; a closed cycle changes only by late calls.
CREATE TABLE license_cycles (
    sub_account_id INTEGER NOT NULL REFERENCES license_terms (sub_account_id) ON DELETE CASCADE,
    cycle          INTEGER NOT NULL CHECK (cycle >= 0),
    statement      TEXT    NOT NULL CHECK (json_valid(statement)),
    PRIMARY KEY (sub_account_id, cycle)
) WITHOUT ROWID;

-- license_ledger: the entries, append-only. minutes is the signed change;
-- a charge (usage, adjustment) says where its minutes came from, and
-- free_balance and addon_balance are the balance after the entry. calls is
-- how many calls a charge covers. at is Unix ms.
CREATE TABLE license_ledger (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sub_account_id INTEGER NOT NULL REFERENCES license_terms (sub_account_id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('grant_validity', 'grant_free', 'grant_addon',
                                                    'cycle_allowance', 'usage', 'expiry', 'adjustment')),
    cycle          INTEGER NOT NULL CHECK (cycle >= 0),
    minutes        INTEGER NOT NULL,
    from_free      INTEGER NOT NULL DEFAULT 0 CHECK (from_free >= 0),
    from_expired   INTEGER NOT NULL DEFAULT 0 CHECK (from_expired >= 0),
    from_addon     INTEGER NOT NULL DEFAULT 0 CHECK (from_addon >= 0),
    overage        INTEGER NOT NULL DEFAULT 0 CHECK (overage >= 0),
    free_balance   INTEGER NOT NULL CHECK (free_balance >= 0),
    addon_balance  INTEGER NOT NULL CHECK (addon_balance >= 0),
    valid_until    INTEGER,
    calls          INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
    ref            TEXT    NOT NULL DEFAULT '',
    remarks        TEXT    NOT NULL DEFAULT '',
    -- Grants and allowances add; charges and expiries take; a charge adds up.
    CHECK (CASE WHEN kind IN ('grant_free', 'grant_addon', 'cycle_allowance') THEN minutes > 0
                WHEN kind = 'grant_validity' THEN minutes = 0 AND valid_until IS NOT NULL
                WHEN kind = 'expiry' THEN minutes < 0
                ELSE minutes < 0 AND -minutes = from_free + from_expired + from_addon + overage END)
);
CREATE INDEX license_ledger_by_sub_account ON license_ledger (sub_account_id, id);
CREATE INDEX license_ledger_by_cycle ON license_ledger (sub_account_id, cycle, id);

-- +goose StatementBegin
CREATE TRIGGER license_ledger_no_update BEFORE UPDATE ON license_ledger
BEGIN
    SELECT RAISE(ABORT, 'the license ledger is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER license_ledger_no_delete BEFORE DELETE ON license_ledger
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = OLD.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'the license ledger is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER license_ledger_no_replace BEFORE INSERT ON license_ledger
WHEN EXISTS (SELECT 1 FROM license_ledger WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the license ledger is append-only');
END;
-- +goose StatementEnd

-- Licenses made before this version get their books when the app starts
-- (backend: LicenseService.openBooks replays their grants and calls once).

-- +goose Down
DROP TABLE license_ledger;
DROP TABLE license_cycles;
DROP TABLE license_books;
DROP INDEX sub_accounts_by_provider_minutes_left;
DROP INDEX sub_accounts_by_status_minutes_left;
DROP INDEX sub_accounts_by_minutes_left;
ALTER TABLE sub_accounts DROP COLUMN license_valid_until;
ALTER TABLE sub_accounts DROP COLUMN minutes_capacity;
ALTER TABLE sub_accounts DROP COLUMN minutes_left;
DROP TRIGGER calls_most_minutes_grow;
ALTER TABLE calls DROP COLUMN most_minutes;
