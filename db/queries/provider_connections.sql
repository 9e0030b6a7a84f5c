-- name: GetProviderConnection :one
SELECT * FROM provider_connections WHERE sub_account_id = ?;

-- name: UpsertProviderConnection :one
INSERT INTO provider_connections (sub_account_id, provider, settings, secret_hint, state, state_reason, checked_at, account_key, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (sub_account_id) DO UPDATE SET
    provider = excluded.provider, settings = excluded.settings, secret_hint = excluded.secret_hint,
    state = excluded.state, state_reason = excluded.state_reason, checked_at = excluded.checked_at,
    account_key = excluded.account_key, updated_at = excluded.updated_at
RETURNING *;

-- name: SetProviderConnectionState :exec
UPDATE provider_connections SET state = ?, state_reason = ?, checked_at = ?, updated_at = ?
WHERE sub_account_id = ?;

-- name: DeleteProviderConnection :execrows
DELETE FROM provider_connections WHERE sub_account_id = ?;

-- name: SetSubAccountProvider :exec
UPDATE sub_accounts SET provider = ?, updated_at = ? WHERE id = ?;
