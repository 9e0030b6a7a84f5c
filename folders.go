package main

import (
	"os/exec"
	"runtime"
)

// fileManager opens folders with the operating system's file manager.
type fileManager struct{}

// Show starts the file manager on path and does not wait for it.
func (fileManager) Show(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", path)
	case "windows":
		cmd = exec.Command("explorer", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it
	return nil
}
