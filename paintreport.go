package main

import (
	"context"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// paintedEvent is what the frontend sends once the first page of the list is
// on screen (frontend/src/lib/painted.ts).
const paintedEvent = "window:painted"

// reportPaintEnv, set to 1, makes the app print paintedLine on standard
// output when the first screen is painted: the start-up bench
// (tests/bench/startup) times the app by it, and the bare Wails app it is
// compared with prints the same line.
const reportPaintEnv = "SWITCHBOARD_REPORT_PAINT"

const paintedLine = "switchboard: painted"

// onFirstPaint runs then once, when the frontend reports its first screen
// painted.
func onFirstPaint(ctx context.Context, then func()) {
	report := os.Getenv(reportPaintEnv) == "1"
	runtime.EventsOnce(ctx, paintedEvent, func(...any) {
		if report {
			fmt.Println(paintedLine)
		}
		then()
	})
}
