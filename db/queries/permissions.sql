-- name: GetPermissionDraft :one
SELECT * FROM permission_drafts WHERE sub_account_id = ?;

-- name: UpsertPermissionDraft :exec
INSERT INTO permission_drafts (sub_account_id, hidden, updated_at) VALUES (?, ?, ?)
ON CONFLICT (sub_account_id) DO UPDATE SET hidden = excluded.hidden, updated_at = excluded.updated_at;

-- name: GetLatestPermissionVersion :one
-- The published set: the sub-account's newest version.
SELECT * FROM permission_versions WHERE sub_account_id = ? ORDER BY version DESC LIMIT 1;

-- name: CreatePermissionVersion :exec
INSERT INTO permission_versions (sub_account_id, version, hidden, changes, actor, published_at)
VALUES (?, ?, ?, ?, ?, ?);

-- name: ListPermissionVersions :many
SELECT * FROM permission_versions WHERE sub_account_id = ? ORDER BY version DESC;

-- name: GetPermissionDefaults :one
SELECT * FROM permission_defaults WHERE id = 1;

-- name: SetPermissionDefaults :exec
INSERT INTO permission_defaults (id, hidden, updated_at) VALUES (1, ?, ?)
ON CONFLICT (id) DO UPDATE SET hidden = excluded.hidden, updated_at = excluded.updated_at;

-- name: ListPublishedPermissionsNotEqual :many
-- Every sub-account whose newest version's set is not stored as exactly
-- hidden, in name order: the candidates of drift from the default (the
-- caller compares the sets themselves). The newest versions are found on
-- the (sub_account_id, version) index alone, in one pass.
SELECT a.id, a.name, v.version, v.hidden
FROM (SELECT sub_account_id, max(version) AS version FROM permission_versions GROUP BY sub_account_id) newest
JOIN permission_versions v ON v.sub_account_id = newest.sub_account_id AND v.version = newest.version
JOIN sub_accounts a ON a.id = newest.sub_account_id
WHERE v.hidden <> sqlc.arg(hidden)
ORDER BY a.name_key, a.id;

-- Batches (Apply to others, Align with the default) publish one set to many
-- sub-accounts: each step is one statement over a JSON array of ids or
-- rows, not one statement per sub-account.

-- name: ListSubAccountsByIDs :many
-- The sub-accounts of a JSON array of ids that exist, in id order.
SELECT * FROM sub_accounts WHERE id IN (SELECT value FROM json_each(CAST(sqlc.arg(ids) AS TEXT))) ORDER BY id;

-- name: ListLatestPermissionVersions :many
-- The newest version of each sub-account of a JSON array of ids.
SELECT v.sub_account_id, v.version, v.hidden FROM permission_versions v
WHERE v.sub_account_id IN (SELECT value FROM json_each(CAST(sqlc.arg(ids) AS TEXT)))
  AND v.version = (SELECT max(m.version) FROM permission_versions m WHERE m.sub_account_id = v.sub_account_id);

-- name: CreatePermissionVersions :exec
-- One set published to each sub-account of a JSON array of ids, as its
-- next version, all with the same changes.
INSERT INTO permission_versions (sub_account_id, version, hidden, changes, actor, published_at)
SELECT j.value, coalesce((SELECT max(v.version) FROM permission_versions v WHERE v.sub_account_id = j.value), 0) + 1,
       CAST(sqlc.arg(hidden) AS TEXT), CAST(sqlc.arg(changes) AS TEXT), CAST(sqlc.arg(actor) AS TEXT),
       CAST(sqlc.arg(published_at) AS INTEGER)
FROM json_each(CAST(sqlc.arg(ids) AS TEXT)) j;

-- name: UpsertPermissionDrafts :exec
-- The same draft for each sub-account of a JSON array of ids.
INSERT INTO permission_drafts (sub_account_id, hidden, updated_at)
SELECT j.value, CAST(sqlc.arg(hidden) AS TEXT), CAST(sqlc.arg(updated_at) AS INTEGER)
FROM json_each(CAST(sqlc.arg(ids) AS TEXT)) j WHERE true
ON CONFLICT (sub_account_id) DO UPDATE SET hidden = excluded.hidden, updated_at = excluded.updated_at;

-- name: CreateAuditEntries :exec
-- Many audit entries of one actor at one moment, in one statement: entries
-- is a JSON array of objects with the other columns of CreateAuditEntry
-- (null for no sub-account). One statement writes the log's search index
-- once for the whole array, where one statement per entry writes it once
-- per entry.
INSERT INTO audit_log (at, actor, as_user, access_session_id, action, sub_account_id, sub_account_name,
                       subject_kind, subject_id, subject_name, summary)
SELECT CAST(sqlc.arg(at) AS INTEGER), CAST(sqlc.arg(actor) AS TEXT), CAST(sqlc.arg(as_user) AS TEXT),
       CAST(sqlc.narg(access_session_id) AS INTEGER), json_extract(value, '$.action'), json_extract(value, '$.sub_account_id'),
       json_extract(value, '$.sub_account_name'), json_extract(value, '$.subject_kind'), json_extract(value, '$.subject_id'),
       json_extract(value, '$.subject_name'), json_extract(value, '$.summary')
FROM json_each(CAST(sqlc.arg(entries) AS TEXT)) ORDER BY key;
