package bland

import (
	"context"
	"testing"
	"time"

	"switchboard/backend/provider"
	"switchboard/backend/provider/fake"
	"switchboard/backend/provider/providertest"
)

// BenchmarkListCallsLatency lists 200 calls (one list request and 200
// detail requests) from a fake that takes 20 ms to answer each request:
// the time is dominated by the details, detailsInFlight at a time.
func BenchmarkListCallsLatency(b *testing.B) {
	calls := fake.BlandCalls(200, 9)
	f := fake.NewBland(testKey, calls)
	f.Latency = 20 * time.Millisecond
	h := providertest.Serve(b, f, New)
	w := provider.Window{Since: calls[0].CreatedAt, Until: calls[len(calls)-1].CreatedAt.Add(time.Second)}
	b.ResetTimer()
	for range b.N {
		page, err := h.Adapter.ListCalls(context.Background(), creds, w, "")
		if err != nil || len(page.Calls) != len(calls) || page.Requests != len(calls)+1 {
			b.Fatalf("%d calls, %d requests, %v", len(page.Calls), page.Requests, err)
		}
	}
	b.ReportMetric(float64(len(calls)), "calls/op")
}
