-- +goose Up
-- accepted: 1 once the provider has accepted the connection's credentials
-- (it reached Connected, or a sync finished). It never goes back to 0 while
-- the connection exists: a connection never accepted may be replaced by
-- another provider's in one step; one once accepted is changed through
-- "Change provider", which lists what it deletes.
ALTER TABLE provider_connections ADD COLUMN accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0, 1));
UPDATE provider_connections SET accepted = 1
WHERE state = 'connected'
   OR EXISTS (SELECT 1 FROM sync_states s WHERE s.sub_account_id = provider_connections.sub_account_id AND s.last_sync_at IS NOT NULL);

-- +goose Down
ALTER TABLE provider_connections DROP COLUMN accepted;
