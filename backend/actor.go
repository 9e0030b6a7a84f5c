package backend

import (
	"fmt"
	"os"
	"os/user"
	"sync"
)

// AccessSession is an Access Account session: the admin acting as one of a
// sub-account's customer users.
type AccessSession struct {
	ID        int64
	UserEmail string
	// ReadOnly holds until "Enable changes" is chosen: the audit then
	// refuses every change but the session's own.
	ReadOnly bool
}

// Actor is who makes a change: always the OS user at the keyboard, and,
// during an Access Account session, the customer user they act as.
type Actor struct {
	OSUser string
	As     *AccessSession
}

// Label says the actor in words: "alice", or "alice as customer user
// bob@example.com (session 12)".
func (a Actor) Label() string {
	if a.As == nil {
		return a.OSUser
	}
	return fmt.Sprintf("%s as customer user %s (session %d)", a.OSUser, a.As.UserEmail, a.As.ID)
}

// Identity is the one place where the acting identity lives. Every service
// that records a change reads it from here when it records; Access Account
// begins and ends sessions on it.
type Identity struct {
	mu      sync.Mutex
	osUser  string
	session *AccessSession
}

// NewIdentity returns the identity of osUser, with no access session.
func NewIdentity(osUser string) *Identity { return &Identity{osUser: osUser} }

// Current returns the actor now.
func (i *Identity) Current() Actor {
	i.mu.Lock()
	defer i.mu.Unlock()
	a := Actor{OSUser: i.osUser}
	if i.session != nil {
		s := *i.session
		a.As = &s
	}
	return a
}

// BeginAccess makes the OS user act as a customer user until EndAccess.
func (i *Identity) BeginAccess(s AccessSession) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.session = &s
}

// AllowChanges lets the access session id make changes.
func (i *Identity) AllowChanges(id int64) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.session != nil && i.session.ID == id {
		i.session.ReadOnly = false
	}
}

// EndAccess ends the access session, if any.
func (i *Identity) EndAccess() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.session = nil
}

// CurrentOSUser is the OS user name, the actor of every change.
func CurrentOSUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}
