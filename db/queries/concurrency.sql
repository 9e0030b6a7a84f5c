-- name: GetConcurrencySettings :one
SELECT * FROM concurrency_settings WHERE sub_account_id = ?;

-- name: UpsertConcurrencySettings :one
INSERT INTO concurrency_settings (sub_account_id, limit_total, limit_source, outbound, pool_name, updated_at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (sub_account_id) DO UPDATE SET
    limit_total = excluded.limit_total, limit_source = excluded.limit_source,
    outbound = excluded.outbound, pool_name = excluded.pool_name, updated_at = excluded.updated_at
RETURNING *;

-- name: DeleteConcurrencySettings :exec
DELETE FROM concurrency_settings WHERE sub_account_id = ?;

-- name: ListPoolMembers :many
-- The sub-accounts that share a pool: the same pool name when one is set by
-- hand, else the same provider account.
SELECT a.id, a.name, coalesce(cs.outbound, 0) AS outbound, cs.limit_total
FROM sub_accounts a
JOIN provider_connections c ON c.sub_account_id = a.id
LEFT JOIN concurrency_settings cs ON cs.sub_account_id = a.id
WHERE c.provider = sqlc.arg(provider)
  AND ((CAST(sqlc.arg(pool_name) AS TEXT) <> '' AND coalesce(cs.pool_name, '') = sqlc.arg(pool_name))
    OR (sqlc.arg(pool_name) = '' AND coalesce(cs.pool_name, '') = '' AND c.account_key <> '' AND c.account_key = sqlc.arg(account_key)))
ORDER BY a.name_key;
