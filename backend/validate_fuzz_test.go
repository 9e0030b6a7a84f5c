package backend_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"switchboard/backend"
	"switchboard/backend/provider"
)

// FuzzValidateCredentials runs every provider's credential check on
// arbitrary field values: it never panics, never reaches the network (there
// is none here), and a refusal names only the provider's own fields, each
// with a message, never repeating a secret field's value.
func FuzzValidateCredentials(f *testing.F) {
	for _, s := range []string{"", " ", "key_0123456789abcdef0123", "AC0123456789abcdef0123456789abcdef",
		"SK0123456789abcdef0123456789abcdef", "sk_0123456789abcdef", "\x00", "a\nb", strings.Repeat("k", 300), "ü", "us"} {
		f.Add(s, s)
	}
	adapters := backend.NewAdapters(nil, nil)
	f.Fuzz(func(t *testing.T, a, b string) {
		for id, ad := range adapters {
			fields := ad.Fields()
			creds := provider.Credentials{}
			keys := []string{}
			for i, fl := range fields {
				creds[fl.Key] = a
				if i%2 == 1 {
					creds[fl.Key] = b
				}
				keys = append(keys, fl.Key)
			}
			err := ad.Validate(creds)
			if err == nil {
				continue
			}
			var fe provider.FieldErrors
			if !errors.As(err, &fe) || len(fe) == 0 {
				t.Fatalf("%s: %T %v, want field errors", id, err, err)
			}
			for k, msg := range fe {
				if !slices.Contains(keys, k) || msg == "" {
					t.Fatalf("%s: error on %q (%q), not one of its fields %v", id, k, msg, keys)
				}
				for _, fl := range fields {
					if fl.Secret && len(creds[fl.Key]) >= 8 && strings.Contains(msg, creds[fl.Key]) {
						t.Fatalf("%s: the message on %s repeats the secret: %q", id, k, msg)
					}
				}
			}
		}
	})
}
