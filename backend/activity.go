package backend

import (
	"sync/atomic"
	"time"
)

// activeFor is how long after the window last read a list the sync still
// counts it as in use.
const activeFor = 2 * time.Second

// windowActivity records when the window last read a list (sub-accounts,
// calls, audit log), so that a long sync rests between its pages only while
// someone is using the window: idle, the sync runs at full speed; in use,
// the window's reads get the database and a core between pages.
type windowActivity struct {
	last atomic.Int64 // unix nanoseconds of the last read, 0 never
}

// touch records a read now. A nil activity records nothing.
func (a *windowActivity) touch() {
	if a != nil {
		a.last.Store(time.Now().UnixNano())
	}
}

// recent reports whether the window read a list within activeFor.
func (a *windowActivity) recent() bool {
	if a == nil {
		return false
	}
	last := a.last.Load()
	return last != 0 && time.Since(time.Unix(0, last)) < activeFor
}
