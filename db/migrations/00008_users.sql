-- +goose Up
-- users: the people of a sub-account who sign in to the customer's
-- application (PRODUCT.md §6), each an Admin or a User, with the time zone
-- their times are shown in. A sub-account that has users keeps at least one
-- Admin (the service enforces it: the rule spans rows). Times are Unix
-- milliseconds, UTC. Users go with their sub-account.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sub_account_id INTEGER NOT NULL REFERENCES sub_accounts (id) ON DELETE CASCADE,
    -- The display name, trimmed, 1-80 characters.
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 80 AND name = trim(name)),
    -- The email as stored: trimmed, domain lower-cased, local part as typed.
    -- It never changes (see the triggers below); "Replace email" creates a
    -- new user and removes the old one.
    email          TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND instr(email, '@') > 1 AND email = trim(email)),
    -- The email case-folded: emails are unique in a sub-account regardless of case.
    email_key      TEXT    NOT NULL CHECK (email_key <> ''),
    role           TEXT    NOT NULL CHECK (role IN ('admin', 'user')),
    -- An IANA zone name ("Europe/Zurich"), checked by the service against
    -- the embedded tz database.
    time_zone      TEXT    NOT NULL CHECK (time_zone <> ''),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (sub_account_id, email_key)
);

-- The Admin rule counts a sub-account's Admins.
CREATE INDEX users_by_role ON users (sub_account_id, role);

-- An email cannot be edited once the user exists, whatever code runs.
-- +goose StatementBegin
CREATE TRIGGER users_email_immutable BEFORE UPDATE OF email, email_key ON users
WHEN NEW.email IS NOT OLD.email OR NEW.email_key IS NOT OLD.email_key
BEGIN
    SELECT RAISE(ABORT, 'a user''s email cannot change');
END;
-- +goose StatementEnd

-- Nor by REPLACE over the same user id with another email (REPLACE deletes
-- the row it replaces, so the UPDATE trigger does not see it).
-- +goose StatementBegin
CREATE TRIGGER users_email_not_replaced BEFORE INSERT ON users
WHEN EXISTS (SELECT 1 FROM users WHERE id = NEW.id AND (email IS NOT NEW.email OR email_key IS NOT NEW.email_key))
BEGIN
    SELECT RAISE(ABORT, 'a user''s email cannot change');
END;
-- +goose StatementEnd

-- A user belongs to one sub-account for good.
-- +goose StatementBegin
CREATE TRIGGER users_sub_account_immutable BEFORE UPDATE OF sub_account_id ON users
WHEN NEW.sub_account_id IS NOT OLD.sub_account_id
BEGIN
    SELECT RAISE(ABORT, 'a user cannot move to another sub-account');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE users;
