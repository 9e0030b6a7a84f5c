package backend

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"switchboard/backend/about"
	"switchboard/backend/keychain/keychaintest"
)

// folderRecorder is a file manager that records what it is asked to show.
type folderRecorder struct {
	shown []string
	err   error
}

func (f *folderRecorder) Show(path string) error {
	f.shown = append(f.shown, path)
	return f.err
}

func TestAboutInfoAndOpenDataDir(t *testing.T) {
	dir := t.TempDir()
	folders := &folderRecorder{}
	b, err := New(Config{DataDir: dir, Actor: "dana", Secrets: &keychaintest.Memory{}, Folders: folders, DeferBackground: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	info := b.About.Info()
	if info.Version != about.Version || info.Licence != about.Licence || info.DataDir != dir ||
		info.Database != filepath.Join(dir, "switchboard.db") || info.Keychain == "" || info.Platform == "" {
		t.Errorf("About: %+v", info)
	}
	if info.KeychainState != "not checked yet" {
		t.Errorf("keychain state before the first probe: %q", info.KeychainState)
	}
	b.health.probe()
	if got := b.About.Info().KeychainState; got != "answers" {
		t.Errorf("keychain state after a probe that answered: %q", got)
	}

	if err := b.About.OpenDataDir(); err != nil || len(folders.shown) != 1 || folders.shown[0] != dir {
		t.Errorf("OpenDataDir: %v, shown %v", err, folders.shown)
	}
	folders.err = errors.New("xdg-open: not found")
	err = b.About.OpenDataDir()
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeUnavailable || !strings.Contains(e.Message, dir) {
		t.Errorf("OpenDataDir with no file manager: %v", err)
	}
}
