-- +goose Up
-- Audit entries of every area. actor stays the OS user who made the change;
-- as_user is the customer user they acted as during an Access Account
-- session (access_session_id), '' otherwise: nothing is recorded under a
-- customer alone. subject_* name what was changed when it is not the
-- sub-account itself (a plan, a user, a permission version); agency-level
-- entries have no sub_account_id.
ALTER TABLE audit_log ADD COLUMN as_user TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN access_session_id INTEGER
    CHECK ((access_session_id IS NULL) = (as_user = ''));
ALTER TABLE audit_log ADD COLUMN subject_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN subject_id   TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN subject_name TEXT NOT NULL DEFAULT '';

-- Trigram index for substring search over the log, kept by an insert
-- trigger (the log is append-only, so rows never change or go).
CREATE VIRTUAL TABLE audit_log_fts USING fts5 (
    actor, as_user, action, sub_account_name, subject_name, summary,
    content = 'audit_log', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO audit_log_fts (audit_log_fts) VALUES ('rebuild');

-- +goose StatementBegin
CREATE TRIGGER audit_log_fts_insert AFTER INSERT ON audit_log BEGIN
    INSERT INTO audit_log_fts (rowid, actor, as_user, action, sub_account_name, subject_name, summary)
    VALUES (NEW.id, NEW.actor, NEW.as_user, NEW.action, NEW.sub_account_name, NEW.subject_name, NEW.summary);
END;
-- +goose StatementEnd

-- The number of entries, kept by a trigger: the log's total is read at every
-- page and counting a million rows is not instant.
CREATE TABLE audit_log_tally (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    n   INTEGER NOT NULL CHECK (n >= 0)
);
INSERT INTO audit_log_tally (one, n) SELECT 1, count(*) FROM audit_log;

-- +goose StatementBegin
CREATE TRIGGER audit_log_tally_insert AFTER INSERT ON audit_log BEGIN
    UPDATE audit_log_tally SET n = n + 1 WHERE one = 1;
END;
-- +goose StatementEnd

-- REPLACE deletes the row it conflicts with and inserts anew: it must not
-- rewrite an audit entry nor give a sub-account's id another name. (With
-- recursive_triggers on, see db.DSN, the rows REPLACE deletes also fire the
-- delete triggers, so tallies and search indexes follow.)
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sub_accounts_no_replace BEFORE INSERT ON sub_accounts
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'sub-account names cannot be edited');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER sub_accounts_no_replace;
DROP TRIGGER audit_log_no_replace;
DROP TRIGGER audit_log_tally_insert;
DROP TABLE audit_log_tally;
DROP TRIGGER audit_log_fts_insert;
DROP TABLE audit_log_fts;
ALTER TABLE audit_log DROP COLUMN subject_name;
ALTER TABLE audit_log DROP COLUMN subject_id;
ALTER TABLE audit_log DROP COLUMN subject_kind;
ALTER TABLE audit_log DROP COLUMN access_session_id;
ALTER TABLE audit_log DROP COLUMN as_user;
