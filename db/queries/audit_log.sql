-- name: CreateAuditEntry :exec
INSERT INTO audit_log (at, actor, action, sub_account_id, sub_account_name, summary)
VALUES (?, ?, ?, ?, ?, ?);

-- name: ListAuditEntries :many
-- search must already be lower-case.
SELECT * FROM audit_log
WHERE (CAST(sqlc.narg(sub_account_id) AS INTEGER) IS NULL OR sub_account_id = sqlc.narg(sub_account_id))
  AND (CAST(sqlc.narg(search) AS TEXT) IS NULL
       OR instr(lower(sub_account_name), sqlc.narg(search)) > 0
       OR instr(lower(action), sqlc.narg(search)) > 0
       OR instr(lower(summary), sqlc.narg(search)) > 0
       OR instr(lower(actor), sqlc.narg(search)) > 0)
ORDER BY id DESC
LIMIT sqlc.arg(page_limit) OFFSET sqlc.arg(page_offset);

-- name: CountAuditEntries :one
SELECT count(*) FROM audit_log
WHERE (CAST(sqlc.narg(sub_account_id) AS INTEGER) IS NULL OR sub_account_id = sqlc.narg(sub_account_id))
  AND (CAST(sqlc.narg(search) AS TEXT) IS NULL
       OR instr(lower(sub_account_name), sqlc.narg(search)) > 0
       OR instr(lower(action), sqlc.narg(search)) > 0
       OR instr(lower(summary), sqlc.narg(search)) > 0
       OR instr(lower(actor), sqlc.narg(search)) > 0);
