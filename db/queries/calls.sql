-- name: RefreshLastCall :exec
UPDATE sub_accounts
SET last_call_at = (SELECT max(started_at) FROM calls WHERE sub_account_id = CAST(sqlc.arg(id) AS INTEGER))
WHERE id = sqlc.arg(id);

-- name: CountCallsBySubAccount :one
SELECT count(*) FROM calls WHERE sub_account_id = CAST(sqlc.arg(sub_account_id) AS INTEGER);

-- name: ListCallSpans :many
-- Start and end of the calls that overlap a window, for peak concurrency.
SELECT started_at, CAST(coalesce(ended_at, started_at + duration_s * 1000) AS INTEGER) AS ended_at
FROM calls
WHERE sub_account_id = CAST(sqlc.arg(sub_account_id) AS INTEGER) AND started_at < sqlc.arg(until)
  AND coalesce(ended_at, started_at + duration_s * 1000) > CAST(sqlc.arg(since) AS INTEGER)
ORDER BY started_at;
