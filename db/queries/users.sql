-- name: CreateUser :one
INSERT INTO users (sub_account_id, name, email, email_key, role, time_zone, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = ?;

-- name: GetUserByEmailKey :one
-- The user of the sub-account with that email, whatever its case.
SELECT * FROM users WHERE sub_account_id = ? AND email_key = ?;

-- name: ListSubAccountUsers :many
-- Every user of a sub-account, by id; the list is searched, sorted and paged
-- in Go, with Unicode case folding (a sub-account has hundreds of users, not
-- millions).
SELECT * FROM users WHERE sub_account_id = ? ORDER BY id;

-- name: CountUserRoles :one
-- How many users and Admins a sub-account has, for the Admin rule.
SELECT count(*) AS users, CAST(coalesce(sum(role = 'admin'), 0) AS INTEGER) AS admins
FROM users WHERE sub_account_id = ?;

-- name: UpdateUser :one
-- Name, role and time zone; never the email.
UPDATE users SET name = ?, role = ?, time_zone = ?, updated_at = ?
WHERE id = ?
RETURNING *;

-- name: DeleteUser :exec
DELETE FROM users WHERE id = ?;
