-- +goose Up
-- Permissions: which menus and features of the customer application each
-- sub-account sees. The tree of menus and features is defined in Go
-- (backend/permtree.go); the database keeps sets of it. A set is a JSON
-- array of the HIDDEN leaf keys ("reports.export", or "dashboard" for a menu
-- without features), sorted; everything else is shown, so a node a later
-- version adds starts shown, and keys a version no longer knows are ignored.
-- Times are Unix milliseconds, UTC.

-- The admin's unpublished edits, one per sub-account. The customer never
-- sees a draft: only the newest published version reaches them.
CREATE TABLE permission_drafts (
    sub_account_id INTEGER PRIMARY KEY REFERENCES sub_accounts (id) ON DELETE CASCADE,
    hidden         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(hidden) AND json_type(hidden) = 'array'),
    updated_at     INTEGER NOT NULL
);

-- Every published set of every sub-account, numbered 1, 2, 3... per
-- sub-account; the highest number is what the customer sees. changes is the
-- JSON diff against the version before ([{key, label, from, to}]), actor who
-- published it. Versions are history: they never change, and go only with
-- their sub-account (see the triggers below).
CREATE TABLE permission_versions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sub_account_id INTEGER NOT NULL REFERENCES sub_accounts (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL CHECK (version >= 1),
    hidden         TEXT    NOT NULL CHECK (json_valid(hidden) AND json_type(hidden) = 'array'),
    changes        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(changes) AND json_type(changes) = 'array'),
    actor          TEXT    NOT NULL CHECK (actor <> ''),
    published_at   INTEGER NOT NULL,
    UNIQUE (sub_account_id, version)
);

-- A new version follows the newest one: no gaps, no going back.
-- +goose StatementBegin
CREATE TRIGGER permission_versions_in_order BEFORE INSERT ON permission_versions
WHEN NEW.version <> coalesce((SELECT max(version) FROM permission_versions WHERE sub_account_id = NEW.sub_account_id), 0) + 1
BEGIN
    SELECT RAISE(ABORT, 'permission versions are numbered one after another');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER permission_versions_no_update BEFORE UPDATE ON permission_versions BEGIN
    SELECT RAISE(ABORT, 'published permission versions cannot change');
END;
-- +goose StatementEnd

-- A version goes only when its sub-account is gone, that is by the cascade
-- of deleting the sub-account (the row is deleted before its children).
-- +goose StatementBegin
CREATE TRIGGER permission_versions_no_delete BEFORE DELETE ON permission_versions
WHEN EXISTS (SELECT 1 FROM sub_accounts WHERE id = OLD.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'published permission versions cannot change');
END;
-- +goose StatementEnd

-- The agency's default set: what a new sub-account starts from, and what
-- Drift compares the published sets with. One row.
CREATE TABLE permission_defaults (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    hidden     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(hidden) AND json_type(hidden) = 'array'),
    updated_at INTEGER NOT NULL
);

INSERT INTO permission_defaults (id, hidden, updated_at) VALUES (1, '[]', CAST(unixepoch('subsec') * 1000 AS INTEGER));

-- Every sub-account always has a published version: those that exist now
-- start with everything shown, published by "system", with a matching draft.
INSERT INTO permission_versions (sub_account_id, version, hidden, changes, actor, published_at)
SELECT id, 1, '[]', '[]', 'system', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM sub_accounts ORDER BY id;

INSERT INTO permission_drafts (sub_account_id, hidden, updated_at)
SELECT id, '[]', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM sub_accounts;

-- +goose Down
DROP TRIGGER permission_versions_no_delete;
DROP TRIGGER permission_versions_no_update;
DROP TRIGGER permission_versions_in_order;
DROP TABLE permission_defaults;
DROP TABLE permission_versions;
DROP TABLE permission_drafts;
