-- name: UpsertAgent :exec
-- An agent read from its provider: name, number and prompt are refreshed,
-- the assignment is kept.
INSERT INTO provider_agents (provider, account_key, agent_id, kind, name, number, prompt, prompt_digest, seen_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (provider, account_key, agent_id) DO UPDATE SET
    kind = excluded.kind, name = excluded.name, number = excluded.number, prompt = excluded.prompt,
    prompt_digest = excluded.prompt_digest, seen_at = excluded.seen_at;

-- name: DeleteAgent :exec
-- An agent the provider no longer lists.
DELETE FROM provider_agents WHERE id = ?;

-- name: ListAccountAgents :many
SELECT * FROM provider_agents WHERE provider = ? AND account_key = ? ORDER BY kind, name, agent_id;

-- name: GetAgent :one
SELECT * FROM provider_agents WHERE id = ?;

-- name: AssignAgent :exec
UPDATE provider_agents SET sub_account_id = sqlc.narg(sub_account_id) WHERE id = sqlc.arg(id);

-- name: ListPoolConnections :many
-- The sub-accounts connected to one provider account, by id.
SELECT c.sub_account_id, a.name FROM provider_connections c
JOIN sub_accounts a ON a.id = c.sub_account_id
WHERE c.provider = ? AND c.account_key = ? AND c.account_key <> ''
ORDER BY c.sub_account_id;

-- name: CountUnassignedCalls :one
SELECT count(*) FROM calls WHERE sub_account_id IS NULL AND provider = ? AND account_key = ?;

-- name: RouteAgentCalls :exec
-- Gives an agent's stored calls of the account to its new owner (NULL:
-- unassigned).
UPDATE calls SET sub_account_id = sqlc.narg(sub_account_id)
WHERE provider = sqlc.arg(provider) AND account_key = sqlc.arg(account_key) AND agent_id = sqlc.arg(agent_id)
  AND agent_id <> '';

-- name: RouteNumberCalls :exec
-- Gives the stored calls on one of the account's numbers (and of no owned
-- agent) to the number's new owner.
UPDATE calls SET sub_account_id = sqlc.narg(sub_account_id)
WHERE provider = sqlc.arg(provider) AND account_key = sqlc.arg(account_key)
  AND ((direction = 'in' AND to_number = sqlc.arg(number)) OR (direction = 'out' AND from_number = sqlc.arg(number)))
  AND agent_id NOT IN (SELECT agent_id FROM provider_agents
                       WHERE provider = sqlc.arg(provider) AND account_key = sqlc.arg(account_key)
                         AND kind = 'agent' AND sub_account_id IS NOT NULL);

-- name: ClaimUnassignedCalls :exec
-- The only sub-account left on a provider account takes the calls that were
-- unassigned while the account was shared.
UPDATE calls SET sub_account_id = sqlc.arg(sub_account_id)
WHERE sub_account_id IS NULL AND provider = sqlc.arg(provider) AND account_key = sqlc.arg(account_key);
