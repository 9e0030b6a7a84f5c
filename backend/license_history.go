package backend

import (
	"cmp"
	"fmt"
	"slices"

	"switchboard/db/gen"
)

// LicenseHistorySort is a key the license history sorts by.
type LicenseHistorySort string

// The license history's sort keys, one per column; at is the default.
const (
	LicenseSortAt                LicenseHistorySort = "at"
	LicenseSortValidUntil        LicenseHistorySort = "validUntil"
	LicenseSortFreeMinutes       LicenseHistorySort = "freeMinutes"
	LicenseSortAddOnMinutes      LicenseHistorySort = "addOnMinutes"
	LicenseSortResultingValidity LicenseHistorySort = "resultingValidity"
	LicenseSortRemarks           LicenseHistorySort = "remarks"
	LicenseSortActor             LicenseHistorySort = "actor"
)

// LicenseHistoryQuery selects a page of a sub-account's license history:
// Sort a LicenseHistorySort ("" for at); Limit 1-500, 0 for 100.
type LicenseHistoryQuery struct {
	SubAccountID int64  `json:"subAccountId"`
	Sort         string "json:\"sort\" ts_type:\"'' | `${LicenseHistorySort}`\""
	Desc         bool   `json:"desc"`
	Offset       int    `json:"offset"`
	Limit        int    `json:"limit"`
}

// LicenseGrantRow is one addition: when (At), the validity it gave
// (ValidUntil, "" when it left it as it was), the minutes it added, the
// validity after it (ResultingValidity), its internal remarks and who added
// it. Times are RFC 3339 UTC.
type LicenseGrantRow struct {
	ID                int64  `json:"id"`
	At                string `json:"at"`
	ValidUntil        string `json:"validUntil"`
	FreeMinutes       int64  `json:"freeMinutes"`
	AddOnMinutes      int64  `json:"addOnMinutes"`
	ResultingValidity string `json:"resultingValidity"`
	Remarks           string `json:"remarks"`
	Actor             string `json:"actor"`
}

// LicenseHistoryPage is one page of the history and how many additions in all.
type LicenseHistoryPage struct {
	Items []LicenseGrantRow `json:"items"`
	Total int64             `json:"total"`
}

// History returns a page of the sub-account's additions, sorted by any
// column either way (ties by id). Errors: not_found; invalid (sort, limit,
// offset).
func (s *LicenseService) History(q LicenseHistoryQuery) (LicenseHistoryPage, error) {
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return LicenseHistoryPage{}, err
	}
	key := LicenseHistorySort(cmp.Or(q.Sort, string(LicenseSortAt)))
	switch key {
	case LicenseSortAt, LicenseSortValidUntil, LicenseSortFreeMinutes, LicenseSortAddOnMinutes,
		LicenseSortResultingValidity, LicenseSortRemarks, LicenseSortActor:
	default:
		return LicenseHistoryPage{}, FieldError("sort", fmt.Sprintf("Cannot sort by %q.", q.Sort))
	}
	if _, err := getSubAccount(s.ctx, s.store.Queries, q.SubAccountID); err != nil {
		return LicenseHistoryPage{}, err
	}
	grants, err := s.store.ListLicenseGrants(s.ctx, q.SubAccountID)
	if err != nil {
		return LicenseHistoryPage{}, Internal("load the license history", err)
	}
	type row struct {
		g         gen.LicenseGrant
		resulting *int64
	}
	rows := make([]row, len(grants))
	var validity *int64
	for i, g := range grants {
		if g.ValidUntil != nil && (validity == nil || *g.ValidUntil > *validity) {
			validity = g.ValidUntil
		}
		rows[i] = row{g, validity}
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		c := compareGrants(key, a.g, b.g, a.resulting, b.resulting)
		if q.Desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.g.ID, b.g.ID))
	})
	page := LicenseHistoryPage{Items: []LicenseGrantRow{}, Total: int64(len(rows))}
	for _, r := range rows[min(offset, len(rows)):min(offset+limit, len(rows))] {
		page.Items = append(page.Items, LicenseGrantRow{ID: r.g.ID, At: formatMillis(&r.g.At), ValidUntil: formatMillis(r.g.ValidUntil),
			FreeMinutes: r.g.FreeMinutes, AddOnMinutes: r.g.AddonMinutes, ResultingValidity: formatMillis(r.resulting),
			Remarks: r.g.Remarks, Actor: r.g.Actor})
	}
	return page, nil
}

// compareGrants orders two additions by key; a missing validity sorts first.
func compareGrants(key LicenseHistorySort, a, b gen.LicenseGrant, ra, rb *int64) int {
	opt := func(x, y *int64) int {
		if x == nil || y == nil {
			return cmp.Compare(btoi(x != nil), btoi(y != nil))
		}
		return cmp.Compare(*x, *y)
	}
	switch key {
	case LicenseSortValidUntil:
		return opt(a.ValidUntil, b.ValidUntil)
	case LicenseSortFreeMinutes:
		return cmp.Compare(a.FreeMinutes, b.FreeMinutes)
	case LicenseSortAddOnMinutes:
		return cmp.Compare(a.AddonMinutes, b.AddonMinutes)
	case LicenseSortResultingValidity:
		return opt(ra, rb)
	case LicenseSortRemarks:
		return cmp.Compare(foldKey(a.Remarks), foldKey(b.Remarks))
	case LicenseSortActor:
		return cmp.Compare(foldKey(a.Actor), foldKey(b.Actor))
	}
	return cmp.Compare(a.At, b.At)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
