package bland

import (
	"context"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

func TestListCallsMapping(t *testing.T) {
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	yes, no := true, false
	price := func(v float64) *float64 { return &v }
	calls := []fake.BlandCall{
		{CallID: "in", CreatedAt: at, StartedAt: at.Add(time.Second), EndAt: at.Add(141 * time.Second), CallLength: 2.345,
			From: "+14155550101", To: "+14155550000", Inbound: &yes, Price: price(0.285), Status: "completed", Completed: true},
		{CallID: "out", CreatedAt: at.Add(time.Minute), CallLength: 0.0083, From: "+14155550000", To: "+12125550199",
			Inbound: &no, QueueStatus: "complete", Completed: true},
		{CallID: "unknown", CreatedAt: at.Add(2 * time.Minute), CallLength: 1.5, Completed: true},
		{CallID: "unfinished", CreatedAt: at.Add(3 * time.Minute)},
	}
	h := providertest.Serve(t, fake.NewBland(testKey, calls), New)
	page, err := h.Adapter.ListCalls(context.Background(), creds, provider.Window{Since: at, Until: at.Add(time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.Call{
		{ProviderCallID: "in", Direction: provider.DirectionIn, Status: "completed", From: "+14155550101", To: "+14155550000",
			StartedAt: at.Add(time.Second), EndedAt: at.Add(141 * time.Second), DurationSec: 141, CostMicros: 290000, Currency: "USD"},
		{ProviderCallID: "out", Direction: provider.DirectionOut, Status: "complete", From: "+14155550000", To: "+12125550199",
			StartedAt: at.Add(time.Minute)},
		{ProviderCallID: "unknown", Direction: provider.DirectionUnknown, Status: "completed", StartedAt: at.Add(2 * time.Minute), DurationSec: 90},
		{ProviderCallID: "unfinished", Direction: provider.DirectionUnknown, StartedAt: at.Add(3 * time.Minute)},
	}
	if page.Next != "" {
		t.Errorf("Next = %q", page.Next)
	}
	providertest.SameCalls(t, page.Calls, want)
}

func TestParseCalls(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr bool
		check   func(t *testing.T, l callList)
	}{
		{"count defaults to len", `{"total_count":9,"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z"}]}`, false,
			func(t *testing.T, l callList) {
				if l.count != 1 || l.total != 9 {
					t.Errorf("count %d total %d", l.count, l.total)
				}
			}},
		{"postgres time with short offset", `{"calls":[{"call_id":"a","created_at":"2025-03-01 05:30:00.123+05:30"}]}`, false,
			func(t *testing.T, l callList) {
				if got := l.items[0].created; !got.Equal(time.Date(2025, 3, 1, 0, 0, 0, 123e6, time.UTC)) || got.Location() != time.UTC {
					t.Errorf("created = %v", got)
				}
			}},
		{"no zone is UTC", `{"calls":[{"call_id":"a","created_at":"2025-03-01T10:00:00"}]}`, false,
			func(t *testing.T, l callList) {
				if got := l.items[0].call.StartedAt; !got.Equal(time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)) {
					t.Errorf("started = %v", got)
				}
			}},
		{"numbers as strings", `{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":"0.5","price":"0.07"}]}`, false,
			func(t *testing.T, l callList) {
				if c := l.items[0].call; c.DurationSec != 30 || c.CostMicros != 7 || c.Currency != "USD" {
					t.Errorf("call = %+v", c)
				}
			}},
		{"nulls tolerated", `{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":null,"price":null,"inbound":null,"to":null}]}`, false,
			func(t *testing.T, l callList) {
				if c := l.items[0].call; c.Currency != "" || c.Direction != provider.DirectionUnknown {
					t.Errorf("call = %+v", c)
				}
			}},
		{"no calls key", `{"total_count":0}`, true, nil},
		{"unparseable created_at", `{"calls":[{"call_id":"a","created_at":"March 1st"}]}`, true, nil},
		{"missing created_at", `{"calls":[{"call_id":"a"}]}`, true, nil},
		{"missing call_id", `{"calls":[{"created_at":"2025-03-01T00:00:00Z"}]}`, true, nil},
		{"call_length not a number", `{"calls":[{"call_id":"a","created_at":"2025-03-01T00:00:00Z","call_length":"long"}]}`, true, nil},
		{"not JSON", `Bad Gateway`, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseCalls([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if provider.KindOf(err) != provider.KindMalformed {
					t.Errorf("kind = %q", provider.KindOf(err))
				}
				return
			}
			tt.check(t, l)
		})
	}
}
