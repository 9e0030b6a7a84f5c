package backend

import (
	"fmt"
	"hash/maphash"
	"time"

	"switchboard/backend/provider"
)

// Pagination loops. A run stops as a loop, keeping the calls it stored,
// when:
//   - a page's next cursor is one the run has already read (Retell
//     answering the pagination_key it was sent, Twilio's or Telnyx's
//     next_page_uri going A→B→A, a Vapi walk that does not move);
//   - staleLimit pages with calls in a row bring no call id that the
//     recentPages pages with calls before them did not already have (Bland
//     counting a huge total_count over the same page);
//   - it reads more than maxRunPages(window) pages: loopBasePages, plus
//     loopPagesPerDay for each day of the window and the two days around it
//     that whole-day filters add. At Telnyx's 100 calls a page, the smallest
//     Switchboard asks for, that is 200,000 calls a day for one
//     sub-account, far past any real account; it ends a provider whose
//     cursor keeps moving over pages that never end.
//
// An adapter whose cursor can tell (Bland's carries the first call of the
// page before) reports a repeated page itself: provider.ErrPageRepeated.
//
// Pages without calls (all outside the window, as at the edge of a
// whole-day filter) neither count as stale nor end a stale streak. Memory
// stays bounded: the cursors seen are 64-bit hashes, at most one a page up
// to the page cap, and the call ids only those of the last recentPages pages.
const (
	staleLimit      = 5
	recentPages     = 8
	loopBasePages   = 1000
	loopPagesPerDay = 2000
)

// maxRunPages is the most pages a run over w may read (see staleLimit).
func maxRunPages(w provider.Window) int {
	days := int((w.Until.Sub(w.Since) + 24*time.Hour - 1) / (24 * time.Hour))
	return loopBasePages + loopPagesPerDay*(max(days, 0)+2)
}

// paginationLoop is why a run stopped as a loop: provider's display name,
// the pages read, and which rule saw it.
type paginationLoop struct {
	provider string
	pages    int
	rule     string
}

func (e *paginationLoop) Error() string {
	return fmt.Sprintf("pagination loop after %d pages: %s", e.pages, e.rule)
}

// message is the loop in words, for the status section and the event.
func (e *paginationLoop) message() string {
	unit := "pages"
	if e.pages == 1 {
		unit = "page"
	}
	return fmt.Sprintf("%s's pagination repeated itself; the sync stopped after %d %s and kept the calls stored. "+
		"The next sync reads the same period again from its first page.", e.provider, e.pages, unit)
}

// loopGuard watches one run's pages for a pagination loop (see staleLimit).
type loopGuard struct {
	provider string
	seed     maphash.Seed
	cursors  map[uint64]struct{}
	recent   [recentPages]map[uint64]struct{} // ids of the last pages with calls, a ring
	next     int                              // where the ring writes next
	stale    int                              // pages with calls in a row that brought no new id
	pages    int
	limit    int
}

// newLoopGuard watches a run over w of the provider named name, starting at
// cursor ("" for a first page).
func newLoopGuard(name string, w provider.Window, cursor string) *loopGuard {
	g := &loopGuard{provider: name, seed: maphash.MakeSeed(), cursors: map[uint64]struct{}{}, limit: maxRunPages(w)}
	if cursor != "" {
		g.cursors[maphash.String(g.seed, cursor)] = struct{}{}
	}
	return g
}

// check takes the run's next page and returns a *paginationLoop when the
// run must stop before storing it.
func (g *loopGuard) check(p provider.Page) error {
	g.pages++
	stop := func(rule string) error { return &paginationLoop{provider: g.provider, pages: g.pages, rule: rule} }
	if g.pages > g.limit {
		return stop(fmt.Sprintf("more than %d pages for the window", g.limit))
	}
	if p.Next != "" {
		h := maphash.String(g.seed, p.Next)
		if _, seen := g.cursors[h]; seen {
			return stop("a next page already read")
		}
		g.cursors[h] = struct{}{}
	}
	if len(p.Calls) == 0 {
		return nil
	}
	ids := make(map[uint64]struct{}, len(p.Calls))
	fresh := false
	for _, c := range p.Calls {
		h := maphash.String(g.seed, c.ProviderCallID)
		ids[h] = struct{}{}
		if !fresh && !g.seen(h) {
			fresh = true
		}
	}
	g.recent[g.next] = ids
	g.next = (g.next + 1) % recentPages
	if fresh {
		g.stale = 0
		return nil
	}
	if g.stale++; g.stale >= staleLimit {
		return stop(fmt.Sprintf("%d pages in a row with no new call", g.stale))
	}
	return nil
}

// repeated is the loop an adapter saw with its own cursor (see
// provider.ErrPageRepeated), at the run's next page.
func (g *loopGuard) repeated() error {
	g.pages++
	return &paginationLoop{provider: g.provider, pages: g.pages, rule: "the provider answered a next page with the page before it"}
}

// seen reports whether one of the last pages with calls had the id hash h.
func (g *loopGuard) seen(h uint64) bool {
	for _, ids := range g.recent {
		if _, ok := ids[h]; ok {
			return true
		}
	}
	return false
}
