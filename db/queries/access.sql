-- name: CreateAccessSession :one
INSERT INTO access_sessions (sub_account_id, user_id, user_email, user_name, admin, reason, started_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING *;

-- name: GetAccessSession :one
SELECT * FROM access_sessions WHERE id = ?;

-- name: EnableAccessChanges :one
UPDATE access_sessions SET changes_at = ?, changes_reason = ? WHERE id = ? AND changes_at IS NULL AND ended_at IS NULL
RETURNING *;

-- name: EndAccessSession :execrows
UPDATE access_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL;

-- name: EndOpenAccessSessions :execrows
-- Sessions left open when the app stopped end when it starts again.
UPDATE access_sessions SET ended_at = max(started_at, CAST(sqlc.arg(at) AS INTEGER)) WHERE ended_at IS NULL;

-- name: ListAccessSessions :many
-- A sub-account's sessions, newest first.
SELECT * FROM access_sessions WHERE sub_account_id = ? ORDER BY id DESC LIMIT ?;

-- name: AddSignIn :exec
INSERT INTO sign_ins (sub_account_id, user_email, at, via, admin, session_id) VALUES (?, ?, ?, ?, ?, ?);

-- name: UsageBetween :one
-- The conversations of a sub-account that started in [from, until) and
-- their minutes, read from calls_by_sub_account alone.
SELECT count(*) AS calls, CAST(coalesce(sum(most_minutes), 0) AS INTEGER) AS minutes
FROM calls
WHERE sub_account_id = CAST(sqlc.arg(sub_account_id) AS INTEGER)
  AND started_at >= CAST(sqlc.arg(from_ms) AS INTEGER) AND started_at < CAST(sqlc.arg(until_ms) AS INTEGER)
  AND parent_call_id = '';

-- name: FirstAccessUser :one
-- The user Access Account signs in as by default: the first Admin, else the first user.
SELECT * FROM users WHERE sub_account_id = ? ORDER BY role <> 'admin', id LIMIT 1;
