-- name: UpsertCall :exec
INSERT INTO calls (sub_account_id, provider, provider_call_id, direction, status, from_number, to_number,
                   started_at, ended_at, duration_s, cost_minor, currency)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (provider, provider_call_id) DO UPDATE SET
    direction = excluded.direction, status = excluded.status, from_number = excluded.from_number,
    to_number = excluded.to_number, started_at = excluded.started_at, ended_at = excluded.ended_at,
    duration_s = excluded.duration_s, cost_minor = excluded.cost_minor, currency = excluded.currency;

-- name: RefreshLastCall :exec
UPDATE sub_accounts
SET last_call_at = (SELECT max(started_at) FROM calls WHERE sub_account_id = sqlc.arg(id))
WHERE id = sqlc.arg(id);

-- name: CountCallsBySubAccount :one
SELECT count(*) FROM calls WHERE sub_account_id = ?;

-- name: ListCallSpans :many
-- Start and end of the calls that overlap a window, for peak concurrency.
SELECT started_at, CAST(coalesce(ended_at, started_at + duration_s * 1000) AS INTEGER) AS ended_at
FROM calls
WHERE sub_account_id = sqlc.arg(sub_account_id) AND started_at < sqlc.arg(until)
  AND coalesce(ended_at, started_at + duration_s * 1000) > CAST(sqlc.arg(since) AS INTEGER)
ORDER BY started_at;
