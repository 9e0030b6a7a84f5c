-- name: GetProviderConnection :one
SELECT * FROM provider_connections WHERE sub_account_id = ?;

-- name: UpsertProviderConnection :one
-- accepted only ever goes from 0 to 1 (see migration 00014).
INSERT INTO provider_connections (sub_account_id, provider, settings, secret_hint, state, state_reason, checked_at, account_key, accepted, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (sub_account_id) DO UPDATE SET
    provider = excluded.provider, settings = excluded.settings, secret_hint = excluded.secret_hint,
    state = excluded.state, state_reason = excluded.state_reason, checked_at = excluded.checked_at,
    account_key = excluded.account_key, accepted = max(provider_connections.accepted, excluded.accepted),
    updated_at = excluded.updated_at
RETURNING *;

-- name: SetProviderConnectionState :exec
-- accepted only ever goes from 0 to 1: pass 1 when the provider accepted the credentials.
UPDATE provider_connections SET state = sqlc.arg(state), state_reason = sqlc.arg(state_reason), checked_at = sqlc.arg(checked_at), updated_at = sqlc.arg(updated_at), accepted = max(accepted, CAST(sqlc.arg(accepted) AS INTEGER))
WHERE sub_account_id = sqlc.arg(sub_account_id);

-- name: DeleteProviderConnection :execrows
DELETE FROM provider_connections WHERE sub_account_id = ?;

-- name: SetSubAccountProvider :exec
UPDATE sub_accounts SET provider = ?, updated_at = ? WHERE id = ?;
