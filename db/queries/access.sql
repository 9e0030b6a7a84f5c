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

-- name: UsageByDay :many
-- Calls and minutes per day (Unix ms of the day's start in the customer's
-- zone: offset_ms shifts UTC to it) of a sub-account's conversations from
-- since on.
SELECT CAST((started_at + CAST(sqlc.arg(offset_ms) AS INTEGER)) / 86400000 AS INTEGER) AS day,
       count(*) AS calls, CAST(coalesce(sum(most_minutes), 0) AS INTEGER) AS minutes
FROM calls
WHERE sub_account_id = CAST(sqlc.arg(sub_account_id) AS INTEGER) AND parent_call_id = ''
  AND started_at >= CAST(sqlc.arg(since) AS INTEGER)
GROUP BY day ORDER BY day;

-- name: FirstAccessUser :one
-- The user Access Account signs in as by default: the first Admin, else the first user.
SELECT * FROM users WHERE sub_account_id = ? ORDER BY role <> 'admin', id LIMIT 1;
