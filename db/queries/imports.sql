-- name: CreateSubAccounts :many
-- Many new sub-accounts in one statement (the import's and the demo's
-- batched path): rows is a JSON array of {name, name_key, status, provider},
-- all made at one moment. The tally and search-index triggers fire for each
-- row.
INSERT INTO sub_accounts (name, name_key, status, provider, created_at, updated_at)
SELECT json_extract(value, '$.name'), json_extract(value, '$.name_key'), json_extract(value, '$.status'),
       json_extract(value, '$.provider'), CAST(sqlc.arg(at) AS INTEGER), CAST(sqlc.arg(at) AS INTEGER)
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

-- name: CreateUnverifiedConnections :exec
-- The provider connections of new sub-accounts set up without credentials
-- (an import): rows is a JSON array of {sub_account_id, provider, settings};
-- each gets its sync state, automatic sync off until credentials are saved.
INSERT INTO provider_connections (sub_account_id, provider, settings, state, state_reason, created_at, updated_at)
SELECT json_extract(value, '$.sub_account_id'), json_extract(value, '$.provider'), json_extract(value, '$.settings'),
       'not_verified', CAST(sqlc.arg(reason) AS TEXT), CAST(sqlc.arg(at) AS INTEGER), CAST(sqlc.arg(at) AS INTEGER)
FROM json_each(CAST(sqlc.arg(rows) AS TEXT));

-- name: CreateSyncStates :exec
INSERT INTO sync_states (sub_account_id) SELECT value FROM json_each(CAST(sqlc.arg(ids) AS TEXT)) WHERE true
ON CONFLICT (sub_account_id) DO NOTHING;

-- name: CreateFirstUsers :many
-- The first user of each of many new sub-accounts: rows is a JSON array of
-- {sub_account_id, name, email, email_key, role, time_zone}.
INSERT INTO users (sub_account_id, name, email, email_key, role, time_zone, created_at, updated_at)
SELECT json_extract(value, '$.sub_account_id'), json_extract(value, '$.name'), json_extract(value, '$.email'),
       json_extract(value, '$.email_key'), json_extract(value, '$.role'), json_extract(value, '$.time_zone'),
       CAST(sqlc.arg(at) AS INTEGER), CAST(sqlc.arg(at) AS INTEGER)
FROM json_each(CAST(sqlc.arg(rows) AS TEXT)) ORDER BY key
RETURNING *;
