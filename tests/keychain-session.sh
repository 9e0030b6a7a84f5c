#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked
# Secret Service (gnome-keyring), so that keychain code is tested for real and
# nothing touches the user's own keyring. Usage: tests/keychain-session.sh CMD...
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d)" # fresh keyring store
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
exec_in_session='echo -n switchboard-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"'
dbus-run-session -- sh -ec "$exec_in_session" sh "$@"
