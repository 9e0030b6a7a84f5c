-- name: CreateSubAccounts :many
-- Many new sub-accounts in one statement (the import's and the demo's
-- batched path): rows is a JSON array of {name, name_key, status}, all made
-- at one moment. The tally and search-index triggers fire for each row.
INSERT INTO sub_accounts (name, name_key, status, created_at, updated_at)
SELECT json_extract(value, '$.name'), json_extract(value, '$.name_key'), json_extract(value, '$.status'),
       CAST(sqlc.arg(at) AS INTEGER), CAST(sqlc.arg(at) AS INTEGER)
FROM json_each(CAST(sqlc.arg(rows) AS TEXT)) ORDER BY key
RETURNING *;

-- name: ListTakenNameKeys :many
-- Which of the name keys (a JSON array of strings) a sub-account has.
SELECT name_key FROM sub_accounts
WHERE name_key IN (SELECT value FROM json_each(CAST(sqlc.arg(keys) AS TEXT)));

-- name: CreateFirstPermissionVersions :exec
-- Version 1 and the draft of many new sub-accounts (ids: a JSON array), all
-- from the same set.
INSERT INTO permission_versions (sub_account_id, version, hidden, changes, actor, published_at)
SELECT value, 1, CAST(sqlc.arg(hidden) AS TEXT), CAST(sqlc.arg(changes) AS TEXT), CAST(sqlc.arg(actor) AS TEXT), CAST(sqlc.arg(at) AS INTEGER)
FROM json_each(CAST(sqlc.arg(ids) AS TEXT));

-- name: CreatePermissionDrafts :exec
INSERT INTO permission_drafts (sub_account_id, hidden, updated_at)
SELECT value, CAST(sqlc.arg(hidden) AS TEXT), CAST(sqlc.arg(at) AS INTEGER)
FROM json_each(CAST(sqlc.arg(ids) AS TEXT));
