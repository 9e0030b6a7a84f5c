// Package about holds the facts that the About dialog and `switchboard
// doctor` both show: the version and the licence.
package about

// Version is set at build time with
// -ldflags "-X switchboard/backend/about.Version=…" (build/version.sh).
var Version = "dev"

// Licence is the licence Switchboard is distributed under (LICENSE).
const Licence = "Proprietary: all rights reserved (see LICENSE)"
