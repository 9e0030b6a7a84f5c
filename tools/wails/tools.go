//go:build tools

// Package tools pins the Wails CLI, used only to regenerate frontend/wailsjs.
package tools

import _ "github.com/wailsapp/wails/v2/cmd/wails"
