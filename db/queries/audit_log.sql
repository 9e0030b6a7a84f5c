-- name: CreateAuditEntry :exec
INSERT INTO audit_log (at, actor, as_user, access_session_id, action, sub_account_id, sub_account_name,
                       subject_kind, subject_id, subject_name, summary)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: CountAuditEntries :one
SELECT n FROM audit_log_tally WHERE one = 1;

-- name: CountAuditEntriesBySubAccount :one
SELECT count(*) FROM audit_log WHERE sub_account_id = ?;

-- name: ListAuditFacets :many
SELECT kind, value, n FROM audit_facets ORDER BY kind, value;

-- name: GetAuditFacetCount :one
SELECT n FROM audit_facets WHERE kind = ? AND value = ?;
