//go:build !linux

package main

// handOff reports that no window was asked to come forward: on Windows and
// macOS the data-directory lock refuses a second launch with its message.
func handOff(string) bool { return false }
