//go:build tools

// Package tools pins sqlc, used only to regenerate db/gen.
package tools

import _ "github.com/sqlc-dev/sqlc/cmd/sqlc"
