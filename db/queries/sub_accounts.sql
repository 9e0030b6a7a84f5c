-- name: CreateSubAccount :one
INSERT INTO sub_accounts (name, name_key, status, created_at, updated_at)
VALUES (?, ?, 'active', ?, ?)
RETURNING *;

-- name: GetSubAccountByID :one
SELECT * FROM sub_accounts WHERE id = ?;

-- name: GetSubAccountByNameKey :one
SELECT * FROM sub_accounts WHERE name_key = ?;

-- name: SetSubAccountStatus :one
UPDATE sub_accounts SET status = ?, updated_at = ? WHERE id = ?
RETURNING *;

-- name: SetSubAccountsStatus :many
-- Bulk enable and disable: the sub-accounts of a JSON array of ids that do
-- not have the status yet get it, in one statement.
UPDATE sub_accounts SET status = sqlc.arg(status), updated_at = sqlc.arg(updated_at)
WHERE id IN (SELECT value FROM json_each(CAST(sqlc.arg(ids) AS TEXT))) AND status <> sqlc.arg(status)
RETURNING *;

-- name: SetSubAccountActivity :exec
-- The demo's loader: a provider and a last call (sign-ins move last_login_at:
-- see sign_ins).
UPDATE sub_accounts
SET provider = ?, last_call_at = ?, updated_at = ?
WHERE id = ?;

-- name: DeleteSubAccount :execrows
DELETE FROM sub_accounts WHERE id = ?;

-- name: CountSubAccounts :one
SELECT count(*) FROM sub_accounts;
