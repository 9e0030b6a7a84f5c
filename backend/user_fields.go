package backend

// A user's fields as Go checks them: the name, role and zone, the email
// rules (trimmed, validated, the domain lower-cased, a case-folded key for
// uniqueness), and the User that crosses the boundary.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"switchboard/db"
	"switchboard/db/gen"
)

// insertUser stores a new user after checking the email is free in the
// sub-account. Errors: conflict on "email".
func insertUser(ctx context.Context, tx *db.Tx, subID int64, d userFields, email, key string, now time.Time) (gen.User, error) {
	if _, err := tx.GetUserByEmailKey(ctx, gen.GetUserByEmailKeyParams{SubAccountID: subID, EmailKey: key}); err == nil {
		msg := "Another user of this sub-account has this email."
		return gen.User{}, &Error{Code: CodeConflict, Message: msg, Fields: map[string]string{"email": msg}}
	} else if !errors.Is(err, db.ErrNoRows) {
		return gen.User{}, Internal("add the user", err)
	}
	u, err := tx.CreateUser(ctx, gen.CreateUserParams{SubAccountID: subID, Name: d.Name, Email: email, EmailKey: key,
		Role: string(d.Role), TimeZone: d.TimeZone, CreatedAt: now.UnixMilli(), UpdatedAt: now.UnixMilli()})
	if err != nil {
		return gen.User{}, Internal("add the user", err)
	}
	return u, nil
}

// userFields are a user's checked name, role and zone.
type userFields struct {
	Name     string
	Role     Role
	TimeZone string
}

// userNameRule is the rule of user names.
var userNameRule = textRule{Field: "name", Label: "Name", Min: 1, Max: 80}

// validateUser checks the name, role and zone, adding every broken rule to v.
func validateUser(v Validation, name string, role Role, timeZone string) userFields {
	clean, err := cleanText(userNameRule, name)
	if err != nil {
		v.Add("name", err.Message)
	}
	if role != RoleAdmin && role != RoleUser {
		v.Add("role", "Role must be Admin or User.")
	}
	zoneName, _, zerr := checkTimeZone(timeZone)
	if zerr != nil {
		v.Add("timeZone", zerr.Message)
	}
	return userFields{Name: clean, Role: role, TimeZone: zoneName}
}

// maxEmail is the longest email, in bytes (RFC 5321).
const maxEmail = 254

// cleanEmail returns an email as stored (trimmed, NFC, domain lower-cased,
// local part as typed) and its key (case-folded, for uniqueness), or an
// invalid error on "email" naming the rule broken.
func cleanEmail(raw string) (email, key string, _ *Error) {
	email = strings.TrimSpace(norm.NFC.String(raw))
	bad := func(msg string) (string, string, *Error) { return "", "", FieldError("email", msg) }
	switch {
	case email == "":
		return bad("Email is required.")
	case len(email) > maxEmail:
		return bad(fmt.Sprintf("An email must be %d characters or fewer.", maxEmail))
	case strings.ContainsFunc(email, func(r rune) bool { return unicode.IsSpace(r) || forbiddenRune(r) }):
		return bad("An email cannot contain spaces or control characters.")
	case strings.Count(email, "@") != 1:
		return bad("An email has exactly one @, such as dana@example.com.")
	}
	local, domain, _ := strings.Cut(email, "@")
	labels := strings.Split(domain, ".")
	switch {
	case local == "":
		return bad("An email needs a name before the @, such as dana@example.com.")
	case len(local) > 64:
		return bad("The part of an email before the @ must be 64 characters or fewer.")
	case len(labels) < 2 || slices.Contains(labels, ""):
		return bad("The domain of an email needs a dot between its parts, such as example.com.")
	}
	email = local + "@" + strings.ToLower(domain)
	return email, foldKey(email), nil
}

func roleLabel(role string) string {
	if Role(role) == RoleAdmin {
		return "Admin"
	}
	return "User"
}

func toUser(r gen.User, now time.Time) User {
	if r.ID == 0 {
		return User{}
	}
	at := now.In(zoneLocation(r.TimeZone))
	return User{ID: r.ID, SubAccountID: r.SubAccountID, Name: r.Name, Email: r.Email, Role: Role(r.Role), TimeZone: r.TimeZone,
		UTCOffset: utcOffset(at), LocalTime: at.Format("Mon 15:04"), CreatedAt: formatMillis(&r.CreatedAt)}
}
