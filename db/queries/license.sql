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
SELECT provider, provider_call_id, started_at, duration_s, most_minutes FROM calls
WHERE sub_account_id = CAST(sqlc.arg(sub_account_id) AS INTEGER) AND parent_call_id = ''
  AND started_at >= CAST(sqlc.arg(since) AS INTEGER)
ORDER BY started_at;

-- name: GetLicenseBook :one
SELECT * FROM license_books WHERE sub_account_id = ?;

-- name: CreateLicenseBook :exec
INSERT INTO license_books (sub_account_id, allowance, overage, open_cycle, cycle_until) VALUES (?, ?, ?, ?, ?);

-- name: UpdateLicenseBook :exec
UPDATE license_books SET allowance = ?, overage = ?, open_cycle = ?, cycle_until = ? WHERE sub_account_id = ?;

-- name: GetLicenseCycle :one
SELECT statement FROM license_cycles WHERE sub_account_id = ? AND cycle = ?;

-- name: SaveLicenseCycle :exec
INSERT INTO license_cycles (sub_account_id, cycle, statement) VALUES (?, ?, ?)
ON CONFLICT (sub_account_id, cycle) DO UPDATE SET statement = excluded.statement;

-- name: ListLicenseCycles :many
-- A license's cycle statements, newest first.
SELECT statement FROM license_cycles WHERE sub_account_id = ? ORDER BY cycle DESC;

-- name: AddLedgerEntry :exec
INSERT INTO license_ledger (sub_account_id, at, kind, cycle, minutes, from_free, from_expired, from_addon, overage,
    free_balance, addon_balance, valid_until, calls, ref, remarks)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: ListLedgerEntries :many
-- One page of a license's ledger, newest first.
SELECT * FROM license_ledger WHERE sub_account_id = ? ORDER BY id DESC LIMIT ? OFFSET ?;

-- name: CountLedgerEntries :one
SELECT count(*) FROM license_ledger WHERE sub_account_id = ?;

-- name: ListCycleLedgerEntries :many
-- The entries of one cycle, oldest first: its allowance, grants, charges
-- (late ones too) and expiry.
SELECT * FROM license_ledger WHERE sub_account_id = ? AND cycle = ? ORDER BY id;

-- name: ChargedSince :one
-- The minutes charged from since on (the forecast's rate).
SELECT CAST(coalesce(sum(-minutes), 0) AS INTEGER) FROM license_ledger
WHERE sub_account_id = ? AND kind IN ('usage', 'adjustment') AND at >= ?;

-- name: SetSubAccountMinutes :exec
-- The list's license columns (see migration 00010).
UPDATE sub_accounts SET minutes_left = ?, minutes_capacity = ?, license_valid_until = ? WHERE id = ?;

-- name: ListDueLicenseBooks :many
-- Licenses whose open cycle has ended by now: the roll-over's work.
SELECT sub_account_id FROM license_books WHERE cycle_until <= ? ORDER BY cycle_until LIMIT ?;

-- name: NextLicenseRollOver :one
SELECT CAST(coalesce(min(cycle_until), 9223372036854775807) AS INTEGER) FROM license_books;

-- name: ListUnbookedLicenses :many
-- Licenses made before the ledger existed, which get their books once.
SELECT t.sub_account_id FROM license_terms t
WHERE NOT EXISTS (SELECT 1 FROM license_books b WHERE b.sub_account_id = t.sub_account_id)
ORDER BY t.sub_account_id;

-- name: GetLicenseStart :one
SELECT started_at, time_zone FROM license_terms WHERE sub_account_id = ?;
