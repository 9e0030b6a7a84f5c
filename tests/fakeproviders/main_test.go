package main

import (
	"context"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/backend/provider"
)

// TestEveryFakeAcceptsItsCredentials checks the end-to-end fixture: each
// adapter accepts the credentials this command prints and lists every call.
func TestEveryFakeAcceptsItsCredentials(t *testing.T) {
	now := time.Now()
	urls, _, err := serve(40, now)
	if err != nil {
		t.Fatal(err)
	}
	for id, a := range backend.NewAdapters(urls, nil) {
		t.Run(id, func(t *testing.T) {
			creds := provider.Credentials(credentials[id])
			if err := a.Validate(creds); err != nil {
				t.Fatalf("validate: %v", err)
			}
			ctx := context.Background()
			if err := a.CheckKey(ctx, creds); err != nil {
				t.Fatalf("key check: %v", err)
			}
			w := provider.Window{Since: now.Add(-90 * 24 * time.Hour), Until: now}
			n, cursor := 0, ""
			for {
				page, err := a.ListCalls(ctx, creds, w, cursor)
				if err != nil {
					t.Fatalf("list: %v", err)
				}
				n += len(page.Calls)
				if cursor = page.Next; cursor == "" {
					break
				}
			}
			if n < 30 { // a few fakes leave out queued or child-leg calls
				t.Errorf("listed %d of 40 calls", n)
			}
		})
	}
}
