-- name: GetSyncState :one
SELECT * FROM sync_states WHERE sub_account_id = ?;

-- name: EnsureSyncState :exec
INSERT INTO sync_states (sub_account_id) VALUES (?) ON CONFLICT (sub_account_id) DO NOTHING;

-- name: SetAutoSync :exec
UPDATE sync_states SET auto_sync = ? WHERE sub_account_id = ?;

-- name: BeginSyncRun :exec
UPDATE sync_states SET run_since = ?, run_until = ?, run_cursor = '' WHERE sub_account_id = ?;

-- name: AdvanceSyncRun :exec
UPDATE sync_states SET run_cursor = sqlc.arg(run_cursor), watermark = max(coalesce(watermark, 0), CAST(sqlc.arg(newest_start) AS INTEGER)) WHERE sub_account_id = sqlc.arg(sub_account_id);

-- name: FinishSyncRun :exec
UPDATE sync_states
SET run_since = NULL, run_until = NULL, run_cursor = '', last_sync_at = sqlc.arg(at), last_attempt_at = sqlc.arg(at),
    last_error = '', paused = 0
WHERE sub_account_id = sqlc.arg(sub_account_id);

-- name: FailSyncRun :exec
UPDATE sync_states SET last_attempt_at = ?, last_error = ?, paused = ? WHERE sub_account_id = ?;

-- name: RestartSyncRun :exec
-- Sends a run whose pagination looped back to its window's first page: the
-- stuck cursor goes, the window stays. The pages stored before the loop
-- moved the watermark, past older calls not read yet when the provider lists
-- newest first, so only the whole window again misses none.
UPDATE sync_states SET run_cursor = '' WHERE sub_account_id = ?;

-- name: UnpauseSync :exec
UPDATE sync_states SET paused = 0, last_error = '' WHERE sub_account_id = ?;

-- name: DeleteSyncState :exec
DELETE FROM sync_states WHERE sub_account_id = ?;

-- name: ListAutoSyncDue :many
-- Active, connected sub-accounts with auto-sync on and not paused, whose
-- credentials the provider has not refused, least recently synced first,
-- with their provider account.
SELECT s.sub_account_id, c.provider, c.account_key FROM sync_states s
JOIN sub_accounts a ON a.id = s.sub_account_id
JOIN provider_connections c ON c.sub_account_id = s.sub_account_id
WHERE s.auto_sync = 1 AND s.paused = 0 AND a.status = 'active' AND c.state <> 'invalid'
  AND (s.last_attempt_at IS NULL OR s.last_attempt_at <= CAST(sqlc.arg(synced_before) AS INTEGER))
ORDER BY coalesce(s.last_attempt_at, 0), s.sub_account_id
LIMIT sqlc.arg(max_rows);

-- name: MarkSyncedWithPool :exec
-- Another sub-account's sync read this one's shared provider account to the
-- end and routed its calls here: it counts as this one's sync too.
UPDATE sync_states
SET last_sync_at = sqlc.arg(at), last_attempt_at = sqlc.arg(at), last_error = '',
    watermark = max(coalesce(watermark, 0), CAST(sqlc.arg(newest_start) AS INTEGER))
WHERE sub_account_id = sqlc.arg(sub_account_id) AND run_since IS NULL;
