-- +goose Up
-- Access Account (PRODUCT.md §9): every time the admin opens a customer's
-- view is a session, and every sign-in to a sub-account, the customer's own
-- or an admin's through Access Account, is kept apart, so an admin's access
-- never passes for the customer's sign-in. Times are Unix ms, UTC.

-- access_sessions: who (admin: the OS user) opened which sub-account as
-- which of its users (kept by email and name: the user may be removed
-- later), why, when, and when it ended. The view opens read-only;
-- changes_at and changes_reason record the explicit step that allows
-- changes. A session changes only forward: changes enabled once, ended once.
CREATE TABLE access_sessions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sub_account_id INTEGER NOT NULL REFERENCES sub_accounts (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL,
    user_email     TEXT    NOT NULL CHECK (user_email <> ''),
    user_name      TEXT    NOT NULL,
    admin          TEXT    NOT NULL CHECK (admin <> ''),
    reason         TEXT    NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    started_at     INTEGER NOT NULL,
    changes_at     INTEGER,
    changes_reason TEXT    NOT NULL DEFAULT '' CHECK (length(changes_reason) <= 500),
    ended_at       INTEGER,
    CHECK (changes_at IS NULL OR (changes_at >= started_at AND changes_reason <> '')),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX access_sessions_by_sub_account ON access_sessions (sub_account_id, id);

-- +goose StatementBegin
CREATE TRIGGER access_sessions_forward BEFORE UPDATE ON access_sessions
WHEN NEW.id IS NOT OLD.id OR NEW.sub_account_id IS NOT OLD.sub_account_id OR NEW.user_id IS NOT OLD.user_id
  OR NEW.user_email IS NOT OLD.user_email OR NEW.user_name IS NOT OLD.user_name OR NEW.admin IS NOT OLD.admin
  OR NEW.reason IS NOT OLD.reason OR NEW.started_at IS NOT OLD.started_at
  OR (OLD.changes_at IS NOT NULL AND (NEW.changes_at IS NOT OLD.changes_at OR NEW.changes_reason IS NOT OLD.changes_reason))
  OR (OLD.changes_at IS NULL AND NEW.changes_at IS NULL AND NEW.changes_reason IS NOT OLD.changes_reason)
  OR (OLD.ended_at IS NOT NULL AND (NEW.ended_at IS NOT OLD.ended_at OR NEW.changes_at IS NOT OLD.changes_at))
BEGIN
    SELECT RAISE(ABORT, 'an access session is a record: it can only be ended, or have changes enabled, once');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER access_sessions_no_delete BEFORE DELETE ON access_sessions
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = OLD.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'access sessions are append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER access_sessions_no_replace BEFORE INSERT ON access_sessions
WHEN EXISTS (SELECT 1 FROM access_sessions WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'access sessions are append-only');
END;
-- +goose StatementEnd

-- sign_ins: every sign-in to a sub-account's customer application that
-- Switchboard knows of: via 'customer' (the customer's own, reported by the
-- customer's platform: the demo makes some) or 'access_account' (an admin,
-- named in admin, through a session). Append-only.
CREATE TABLE sign_ins (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sub_account_id INTEGER NOT NULL REFERENCES sub_accounts (id) ON DELETE CASCADE,
    user_email     TEXT    NOT NULL CHECK (user_email <> ''),
    at             INTEGER NOT NULL,
    via            TEXT    NOT NULL CHECK (via IN ('customer', 'access_account')),
    admin          TEXT    NOT NULL DEFAULT '',
    session_id     INTEGER REFERENCES access_sessions (id) ON DELETE CASCADE,
    CHECK ((via = 'customer' AND admin = '' AND session_id IS NULL)
        OR (via = 'access_account' AND admin <> '' AND session_id IS NOT NULL))
);
CREATE INDEX sign_ins_by_sub_account ON sign_ins (sub_account_id, at);

-- +goose StatementBegin
CREATE TRIGGER sign_ins_no_update BEFORE UPDATE ON sign_ins
BEGIN
    SELECT RAISE(ABORT, 'sign-ins are append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sign_ins_no_delete BEFORE DELETE ON sign_ins
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = OLD.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'sign-ins are append-only');
END;
-- +goose StatementEnd

-- The list's "Last login": last_login_at is the latest sign-in of any kind;
-- last_login_admin names the admin when that was an Access Account session
-- ('' when it was the customer); customer_login_at is the customer's own
-- latest sign-in, kept apart. Only sign-ins move them (the trigger below),
-- so an admin's access can never pass for the customer's.
ALTER TABLE sub_accounts ADD COLUMN last_login_admin TEXT NOT NULL DEFAULT '';
ALTER TABLE sub_accounts ADD COLUMN customer_login_at INTEGER;
UPDATE sub_accounts SET customer_login_at = last_login_at;

-- +goose StatementBegin
CREATE TRIGGER sign_ins_last_login AFTER INSERT ON sign_ins
BEGIN
    UPDATE sub_accounts SET
        last_login_admin = CASE WHEN last_login_at IS NULL OR NEW.at >= last_login_at THEN NEW.admin ELSE last_login_admin END,
        last_login_at = CASE WHEN last_login_at IS NULL OR NEW.at >= last_login_at THEN NEW.at ELSE last_login_at END,
        customer_login_at = CASE WHEN NEW.via = 'customer' AND (customer_login_at IS NULL OR NEW.at > customer_login_at)
                                 THEN NEW.at ELSE customer_login_at END
    WHERE id = NEW.sub_account_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER sign_ins_last_login;
ALTER TABLE sub_accounts DROP COLUMN customer_login_at;
ALTER TABLE sub_accounts DROP COLUMN last_login_admin;
DROP TABLE sign_ins;
DROP TABLE access_sessions;
