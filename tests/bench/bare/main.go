// Command bare is a bare Wails "hello" app built like Switchboard (same Wails
// version, build tags and Linux window options), the baseline of the
// start-up bench (tests/bench/startup): with SWITCHBOARD_REPORT_PAINT=1 it
// prints "switchboard: painted" once its page reports its first paint, as
// the app does after the first page of its list.
package main

import (
	"context"
	"embed"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

//go:embed frontend
var assets embed.FS

func main() {
	report := os.Getenv("SWITCHBOARD_REPORT_PAINT") == "1"
	err := wails.Run(&options.App{
		Title:            "Bare",
		Width:            1280,
		Height:           820,
		MinWidth:         960,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 246, G: 247, B: 249, A: 255},
		OnStartup: func(ctx context.Context) {
			runtime.EventsOnce(ctx, "window:painted", func(...any) {
				if report {
					fmt.Println("switchboard: painted")
				}
			})
		},
		Linux: &linux.Options{ProgramName: "bare", WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}
