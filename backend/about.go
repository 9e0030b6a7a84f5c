package backend

import (
	"errors"
	"path/filepath"
	"runtime"

	"switchboard/backend/about"
	"switchboard/backend/keychain"
	"switchboard/db"
)

// Folders shows a folder in the operating system's file manager.
type Folders interface {
	Show(path string) error
}

// AboutInfo is what the About dialog shows; `switchboard doctor` prints the same.
type AboutInfo struct {
	Version  string `json:"version"`
	Platform string `json:"platform"`
	DataDir  string `json:"dataDir"`
	Database string `json:"database"`
	Licence  string `json:"licence"`
	// Keychain names the keychain in use; KeychainState says whether it
	// answers, as last probed (see HealthService).
	Keychain      string `json:"keychain"`
	KeychainState string `json:"keychainState"`
}

// AboutService tells the window the version, data directory, licence and
// keychain, and opens the data directory in the file manager.
type AboutService struct {
	dataDir string
	health  *keychainHealth
	folders Folders
}

// Info returns the facts.
func (s *AboutService) Info() AboutInfo {
	state := "not checked yet"
	if st := s.health.get(); st.Checked && st.Available {
		state = "answers"
	} else if st.Checked {
		state = st.Problem
	}
	return AboutInfo{
		Version: about.Version, Platform: runtime.GOOS + "/" + runtime.GOARCH,
		DataDir: s.dataDir, Database: filepath.Join(s.dataDir, db.FileName), Licence: about.Licence,
		Keychain: keychain.Describe(), KeychainState: state,
	}
}

// OpenDataDir shows the data directory in the file manager. Errors:
// unavailable when the file manager could not be started.
func (s *AboutService) OpenDataDir() error {
	if err := s.folders.Show(s.dataDir); err != nil {
		return Errorf(CodeUnavailable, "The file manager could not be opened (%v). The data folder is %s.", err, s.dataDir)
	}
	return nil
}

type noFolders struct{}

func (noFolders) Show(string) error { return errors.New("no file manager here") }
