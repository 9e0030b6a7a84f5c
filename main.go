// Command switchboard is the Switchboard desktop app. With a subcommand
// (version, doctor, demo, backup) it runs as a command-line tool and needs no
// display; without one it opens the window.
package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/options/windows"

	"switchboard/backend"
	"switchboard/backend/about"
	"switchboard/backend/cli"
	"switchboard/backend/datadir"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var icon []byte

func main() {
	if handled, code := cli.Run(os.Args[1:], os.Stdout, os.Stderr); handled {
		os.Exit(code)
	}
	dataDirFlag, err := guiDataDir(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "switchboard:", err)
		os.Exit(2)
	}
	dataDir, err := datadir.Resolve(dataDirFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, "switchboard:", err)
		os.Exit(1)
	}
	// A window is already open on this data directory: bring it forward.
	id := instanceID(dataDir)
	if handOff(id) {
		os.Exit(0)
	}
	app, err := NewApp(dataDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "switchboard:", err)
		os.Exit(1)
	}
	err = wails.Run(&options.App{
		Title:              "Switchboard",
		Width:              1280,
		Height:             820,
		MinWidth:           960,
		MinHeight:          600,
		AssetServer:        &assetserver.Options{Assets: assets, Middleware: withFirstScreen(app.backend.SubAccounts.List, testNow())},
		BackgroundColour:   &options.RGBA{R: 246, G: 247, B: 249, A: 255},
		OnStartup:          app.startup,
		OnShutdown:         app.shutdown,
		SingleInstanceLock: app.singleInstanceLock(id),
		Bind:               app.Bindings(),
		EnumBind:           backend.Enums(),
		ErrorFormatter:     app.formatError,
		Linux:              &linux.Options{ProgramName: "switchboard", Icon: icon, WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
		Windows:            &windows.Options{Theme: windows.SystemDefault},
		Mac:                &mac.Options{About: &mac.AboutInfo{Title: "Switchboard", Message: "Sub-account console for voice-AI resellers. Version " + about.Version, Icon: icon}},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "switchboard:", err)
		os.Exit(1)
	}
}

// guiDataDir reads --data-dir for the window. The flags that Wails dev builds
// read themselves are accepted and ignored here.
func guiDataDir(args []string) (string, error) {
	fs := flag.NewFlagSet("switchboard", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("data-dir", "", "data directory")
	for _, name := range []string{"assetdir", "devserver", "frontenddevserverurl", "loglevel"} {
		fs.String(name, "", "used by development builds")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cli.Usage(os.Stdout)
			os.Exit(0)
		}
		return "", fmt.Errorf("%v (see \"switchboard help\")", err)
	}
	return *dir, nil
}
