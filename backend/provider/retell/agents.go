package retell

import (
	"context"

	"switchboard/backend/provider"
)

// ListAgents is not read from this provider yet (interim: being written).
func (a *adapter) ListAgents(ctx context.Context, c provider.Credentials) ([]provider.Agent, error) {
	return nil, provider.ErrNotSupported
}
