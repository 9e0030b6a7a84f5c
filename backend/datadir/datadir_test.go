package datadir_test

import (
	"errors"
	"path/filepath"
	"testing"

	"switchboard/backend/datadir"
)

func TestSecondHolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	first, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.Acquire(dir); !errors.Is(err, datadir.ErrInUse) {
		t.Fatalf("second acquire: %v, want ErrInUse", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}

func TestResolveOrder(t *testing.T) {
	env := t.TempDir()
	t.Setenv(datadir.EnvVar, env)
	if got, _ := datadir.Resolve(""); got != env {
		t.Errorf("env: %s", got)
	}
	flag := filepath.Join(t.TempDir(), "x")
	if got, _ := datadir.Resolve(flag); got != flag {
		t.Errorf("flag: %s", got)
	}
	t.Setenv(datadir.EnvVar, "")
	t.Setenv("XDG_CONFIG_HOME", "/tmp/cfg")
	if got, _ := datadir.Resolve(""); got != "/tmp/cfg/Switchboard" {
		t.Errorf("default: %s", got)
	}
}
