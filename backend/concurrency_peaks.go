package backend

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"switchboard/db"
	"switchboard/db/gen"
)

// peaks returns the daily peaks of the last peakDays UTC days, today last,
// and the highest of the last 7 and of all of them.
func (s *ConcurrencyService) peaks(q db.Queries, id int64) (series []PeakPoint, peak7, peak30 int, err error) {
	now := s.now().UTC()
	since := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -(peakDays - 1))
	until := since.AddDate(0, 0, peakDays)
	rows, err := q.ListCallSpans(s.ctx, gen.ListCallSpansParams{SubAccountID: id, Since: since.UnixMilli(), Until: until.UnixMilli()})
	if err != nil {
		return nil, 0, 0, Internal("load the peak concurrent calls", err)
	}
	spans := make([]callSpan, len(rows))
	for i, r := range rows {
		spans[i] = callSpan{start: r.StartedAt, end: r.EndedAt}
	}
	daily := peakByDay(spans, since.UnixMilli(), peakDays)
	series = make([]PeakPoint, peakDays)
	for i, p := range daily {
		series[i] = PeakPoint{Day: since.AddDate(0, 0, i).Format(time.DateOnly), Peak: p}
	}
	return series, slices.Max(daily[peakDays-7:]), slices.Max(daily), nil
}

// peakEmpty says why the peaks of the window are all 0: no call synced
// for the sub-account at all, or none in the window. "" when a peak is
// above 0.
func (s *ConcurrencyService) peakEmpty(q db.Queries, id int64, peak30 int) (string, error) {
	if peak30 > 0 {
		return "", nil
	}
	n, err := q.CountCallsBySubAccount(s.ctx, id)
	if err != nil {
		return "", Internal("load the peak concurrent calls", err)
	}
	if n == 0 {
		return "No calls synced yet: the peaks appear after the first sync of the call log.", nil
	}
	return fmt.Sprintf("No calls in the last %d days.", peakDays), nil
}

// callSpan is a call's start and end, Unix milliseconds; the call is in
// progress at t when start <= t < end.
type callSpan struct{ start, end int64 }

// peakByDay returns, for each of days UTC days from since (a midnight, Unix
// milliseconds), the most calls in progress at once during that day. It
// sweeps the calls' starts and ends in time order; at the same instant ends
// come first, so a call that ends as another starts is not counted as
// overlapping it, and a day's starting count (calls carried over from the
// day before) is taken before that instant's starts. Calls of zero or
// negative length are never in progress and are ignored.
func peakByDay(spans []callSpan, since int64, days int) []int {
	const (
		endEvent = iota
		dayEvent
		startEvent
	)
	type event struct {
		at   int64
		kind int
	}
	events := make([]event, 0, 2*len(spans)+days)
	for _, sp := range spans {
		if sp.end > sp.start {
			events = append(events, event{sp.start, startEvent}, event{sp.end, endEvent})
		}
	}
	for d := range days {
		events = append(events, event{since + int64(d)*dayMillis, dayEvent})
	}
	slices.SortFunc(events, func(a, b event) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.kind, b.kind))
	})
	peaks := make([]int, days)
	inProgress := 0
	for _, e := range events {
		switch e.kind {
		case endEvent:
			inProgress--
			continue
		case startEvent:
			inProgress++
		}
		if e.at < since {
			continue
		}
		if d := (e.at - since) / dayMillis; d < int64(days) {
			peaks[d] = max(peaks[d], inProgress)
		}
	}
	return peaks
}
