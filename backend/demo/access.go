package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"switchboard/backend"
)

// accessReasons are why the demo's admin opened a customer's view.
var accessReasons = []string{"Customer asked why minutes ran low", "Checking the plans page before a call", "", "Ticket #4312: a user cannot see Reports"}

// addAccess gives every third shaped sub-account with users an Access
// Account session some hours ago: opened as its first Admin, and for every
// sixth changes enabled with a reason and a user's role changed inside,
// then closed. With a clock the session is dated back; the list's "Last
// login" then says it was the admin through Access Account when it is the
// latest sign-in.
func addAccess(b *backend.Backend, rng *rand.Rand, id int64, i int, now time.Time, clock *Clock) error {
	if i%3 != 0 || i%7 == 5 {
		return nil
	}
	at := now.Add(-time.Duration(1+rng.IntN(72)) * time.Hour)
	if clock != nil {
		clock.set(at)
		defer clock.set(time.Time{})
	}
	s, err := b.Access.Open(backend.AccessInput{SubAccountID: id, Reason: accessReasons[rng.IntN(len(accessReasons))]})
	if backend.ErrorCode(err) == backend.CodeInvalid {
		return nil // no users
	}
	if err != nil {
		return fmt.Errorf("access of %d: %w", id, err)
	}
	if i%6 == 0 {
		if clock != nil {
			clock.set(at.Add(4 * time.Minute))
		}
		if _, err := b.Access.EnableChanges(s.ID, "The customer asked for a new colleague's role"); err != nil {
			return fmt.Errorf("access of %d: %w", id, err)
		}
		page, err := b.Users.List(backend.UserQuery{SubAccountID: id, Limit: 5})
		if err != nil {
			return err
		}
		for _, u := range page.Items {
			if u.Role == backend.RoleUser {
				if _, err := b.Access.UpdateUser(s.ID, u.ID, backend.UserUpdate{Name: u.Name, Role: backend.RoleAdmin, TimeZone: u.TimeZone}); err != nil {
					return fmt.Errorf("access of %d: %w", id, err)
				}
				break
			}
		}
	}
	if clock != nil {
		clock.set(at.Add(9 * time.Minute))
	}
	return b.Access.Close()
}
