package main

import (
	"context"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// paintedEvent is what the frontend sends once the first page of the list is
// on screen (frontend/src/lib/painted.ts): from the first paint
// (firstscreen.go) when there is one, else from the app's own list.
const paintedEvent = "window:painted"

// readyEvent is what the frontend sends once that list is live (hydrated or
// mounted): it answers clicks and keys.
const readyEvent = "window:ready"

// reportPaintEnv, set to 1, makes the app print paintedLine and readyLine on
// standard output at those two moments: the start-up bench
// (tests/bench/startup) times the app by them, and the bare Wails app it is
// compared with prints paintedLine.
const reportPaintEnv = "SWITCHBOARD_REPORT_PAINT"

const (
	paintedLine = "switchboard: painted"
	readyLine   = "switchboard: ready"
)

// onFirstScreen reports the two moments and runs then once, when the first
// screen is live.
func onFirstScreen(ctx context.Context, then func()) {
	report := os.Getenv(reportPaintEnv) == "1"
	runtime.EventsOnce(ctx, paintedEvent, func(...any) {
		if report {
			fmt.Println(paintedLine)
		}
	})
	runtime.EventsOnce(ctx, readyEvent, func(...any) {
		if report {
			fmt.Println(readyLine)
		}
		then()
	})
}
