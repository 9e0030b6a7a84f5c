-- name: GetLicenseTerms :one
SELECT * FROM license_terms WHERE sub_account_id = ?;

-- name: CreateLicenseTerms :one
-- A license's terms, with its first grant: valid_until starts at started_at
-- and the grants' trigger moves it forward.
INSERT INTO license_terms (sub_account_id, started_at, time_zone, valid_until)
VALUES (?, ?, ?, ?)
RETURNING *;

-- name: CreateLicenseGrant :one
INSERT INTO license_grants (sub_account_id, at, valid_until, free_minutes, addon_minutes, remarks, actor)
VALUES (?, ?, ?, ?, ?, ?, ?)
RETURNING *;

-- name: ListLicenseGrants :many
-- Every grant of a sub-account, oldest first; the history is sorted and
-- paged in Go (a license has tens of grants, not millions).
SELECT * FROM license_grants WHERE sub_account_id = ? ORDER BY id;

-- name: FirstAdminTimeZone :one
-- The zone of the sub-account's first Admin, which a new license counts its
-- cycles in.
SELECT time_zone FROM users WHERE sub_account_id = ? AND role = 'admin' ORDER BY id LIMIT 1;

-- name: ListLicenseCalls :many
-- The calls that use a sub-account's minutes: every call that started from
-- since on, once per conversation (a leg's minutes are its parent's).
SELECT provider, provider_call_id, started_at, duration_s FROM calls
WHERE sub_account_id = CAST(sqlc.arg(sub_account_id) AS INTEGER) AND parent_call_id = ''
  AND started_at >= CAST(sqlc.arg(since) AS INTEGER)
ORDER BY started_at;
