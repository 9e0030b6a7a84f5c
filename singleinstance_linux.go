package main

import (
	"encoding/json"
	"os"

	"github.com/godbus/dbus/v5"
	"github.com/wailsapp/wails/v2/pkg/options"
)

// handOff asks the window already open on this data directory to come
// forward, and reports whether it answered. It speaks the D-Bus protocol of
// Wails' single-instance lock (the name and method Wails exports in the first
// window), so that the second launch can exit with status 0 before it touches
// the data directory. Without a session bus, or without an answer, it
// returns false and the data-directory lock refuses the second launch.
func handOff(id string) bool {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	defer conn.Close()
	name := "org.wails_app_" + id + ".SingleInstance"
	path := dbus.ObjectPath("/org/wails_app_" + id + "/SingleInstance")
	var owned bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&owned); err != nil || !owned {
		return false
	}
	data := options.SecondInstanceData{Args: os.Args[1:]}
	data.WorkingDirectory, _ = os.Getwd()
	message, err := json.Marshal(data)
	if err != nil {
		return false
	}
	return conn.Object(name, path).Call(name+".SendMessage", 0, string(message)).Err == nil
}
