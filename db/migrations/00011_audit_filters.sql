-- +goose Up
-- Audit log filters (issue 11): by actor, "as" user, action, Access Account
-- session and time, each alone a keyset page read from an index, and the
-- facets that fill the filter controls.

-- Each filter reads its entries newest first from its own index: the
-- column, then id (the keyset). Only entries of an Access Account session
-- have an "as" user and a session id, so those two indexes hold only them
-- (a query names "as_user <> ''" to use its index).
CREATE INDEX audit_log_by_actor   ON audit_log (actor, id);
CREATE INDEX audit_log_by_action  ON audit_log (action, id);
CREATE INDEX audit_log_by_as_user ON audit_log (as_user, id) WHERE as_user <> '';
CREATE INDEX audit_log_by_session ON audit_log (access_session_id, id) WHERE access_session_id IS NOT NULL;

-- Time: a range is read from this index, newest first by time (then id),
-- and stops at the page's end. (Ids are not in step with times: a clock set
-- back, or the demo's entries dated weeks ago, put them out of order.)
CREATE INDEX audit_log_by_at ON audit_log (at);

-- audit_facets: the actors, "as" users and actions that occur in the log,
-- with how many entries each has, kept by an insert trigger (the log is
-- append-only): the filter controls read a few rows instead of a DISTINCT
-- over a million, and a filter by one of them alone is counted exactly.
CREATE TABLE audit_facets (
    kind  TEXT    NOT NULL CHECK (kind IN ('actor', 'as_user', 'action')),
    value TEXT    NOT NULL CHECK (value <> ''),
    n     INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;

INSERT INTO audit_facets (kind, value, n) SELECT 'actor', actor, count(*) FROM audit_log GROUP BY actor;
INSERT INTO audit_facets (kind, value, n) SELECT 'as_user', as_user, count(*) FROM audit_log WHERE as_user <> '' GROUP BY as_user;
INSERT INTO audit_facets (kind, value, n) SELECT 'action', action, count(*) FROM audit_log GROUP BY action;

-- One statement for the three facets: half the cost of one statement each.
-- +goose StatementBegin
CREATE TRIGGER audit_facets_insert AFTER INSERT ON audit_log BEGIN
    INSERT INTO audit_facets (kind, value, n)
    SELECT 'actor', NEW.actor, 1
    UNION ALL SELECT 'action', NEW.action, 1
    UNION ALL SELECT 'as_user', NEW.as_user, 1 WHERE NEW.as_user <> ''
    ON CONFLICT (kind, value) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_facets_insert;
DROP TABLE audit_facets;
DROP INDEX audit_log_by_at;
DROP INDEX audit_log_by_session;
DROP INDEX audit_log_by_as_user;
DROP INDEX audit_log_by_action;
DROP INDEX audit_log_by_actor;
