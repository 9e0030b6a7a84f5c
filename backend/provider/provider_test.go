package provider_test

import (
	"testing"
	"time"

	"switchboard/backend/provider"
)

func TestSecondsBetween(t *testing.T) {
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name       string
		start, end time.Time
		want       int64
	}{
		{"whole seconds", t0, t0.Add(90 * time.Second), 90},
		{"rounds half up", t0, t0.Add(1500 * time.Millisecond), 2},
		{"rounds down", t0, t0.Add(1499 * time.Millisecond), 1},
		{"unknown end", t0, time.Time{}, 0},
		{"unknown start", time.Time{}, t0, 0},
		{"end before start", t0, t0.Add(-time.Second), 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := provider.SecondsBetween(tc.start, tc.end); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}
