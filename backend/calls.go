package backend

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"switchboard/backend/provider"
	"switchboard/db"
	"switchboard/db/gen"
)

// Call directions, as stored and as the direction filter takes them.
const (
	DirectionIn      = "in"
	DirectionOut     = "out"
	DirectionWeb     = "web"
	DirectionUnknown = "unknown"
)

// exportProgressEvery is how many rows an export writes between two
// EventExport progress events.
const exportProgressEvery = 5000

// CallQuery selects a sub-account's calls. Empty strings mean no filter.
// FromDate and ToDate are calendar days (YYYY-MM-DD), both included, in
// TimeZone (an IANA name such as "Europe/Berlin"; "" is UTC): the range
// runs from FromDate's midnight there to the midnight after ToDate.
type CallQuery struct {
	SubAccountID int64  `json:"subAccountId"`
	Direction    string "json:\"direction\" ts_type:\"'' | `${CallDirection}`\""
	Status       string "json:\"status\" ts_type:\"'' | `${CallStatus}`\"" // normalised
	FromDate     string `json:"fromDate"`
	ToDate       string `json:"toDate"`
	TimeZone     string `json:"timeZone"`
	Sort         string "json:\"sort\" ts_type:\"'' | `${db.CallSortKey}`\""
	Desc         bool   `json:"desc"`
	Offset       int    `json:"offset"`
	Limit        int    `json:"limit"` // 1-500; 0 means 100
}

// Call is one synced call. Times are RFC 3339 in UTC, EndedAt "" when the
// provider did not say. Status is normalised, StatusRaw the provider's own
// word. CostMicros is the cost in millionths of Currency's major unit (ISO
// 4217), as precise as the provider reported it; Cost is the same amount as
// a decimal with at least the currency's minor digits ("0.25", "0.00425"),
// "" when the provider reported no cost (Currency ""). ParentCallID links a
// leg to its call: the leg's cost counts, its minutes are its parent's.
type Call struct {
	ID             int64  `json:"id"`
	Provider       string `json:"provider"`
	ProviderName   string `json:"providerName"`
	ProviderCallID string `json:"providerCallId"`
	ParentCallID   string `json:"parentCallId"`
	AgentID        string `json:"agentId"`
	Direction      string "json:\"direction\" ts_type:\"`${CallDirection}`\""
	Status         string "json:\"status\" ts_type:\"`${CallStatus}`\""
	StatusLabel    string `json:"statusLabel"`
	StatusRaw      string `json:"statusRaw"`
	From           string `json:"from"`
	To             string `json:"to"`
	StartedAt      string `json:"startedAt"`
	EndedAt        string `json:"endedAt"`
	DurationSec    int64  `json:"durationSec"`
	CostMicros     int64  `json:"costMicros"`
	Currency       string `json:"currency"`
	Cost           string `json:"cost"`
	// Exponent is the currency's minor-unit digits, the decimals a cost
	// shows at least (0 when there is no cost).
	Exponent int `json:"exponent"`
	// CostNote says why there is no cost ("Cost not available from
	// Telnyx"), "" when there is one.
	CostNote string `json:"costNote"`
}

// Money is an amount in integer minor units of an ISO 4217 currency; Amount
// is the same as a decimal in the currency's units ("12.50").
type Money struct {
	Currency    string `json:"currency"`
	AmountMinor int64  `json:"amountMinor"`
	Amount      string `json:"amount"`
	// Exponent is the currency's minor-unit digits (2 for cents, 0 for
	// yen): AmountMinor counts 10^-Exponent of the currency.
	Exponent int `json:"exponent"`
}

// CallTotals sums every call a query matches, not only the page. Minutes
// rounds each call up to whole minutes, then sums: a call of 0 s counts 0
// minutes, 1-60 s count 1, 61 s count 2. Costs has one entry per currency,
// in currency order; calls without a reported cost add to none.
type CallTotals struct {
	Count   int64   `json:"count"`
	Minutes int64   `json:"minutes"`
	Costs   []Money `json:"costs"`
}

// CallPage is one page of calls with the totals of all matching calls;
// Total equals Totals.Count.
type CallPage struct {
	Items  []Call     `json:"items"`
	Total  int64      `json:"total"`
	Totals CallTotals `json:"totals"`
	Offset int        `json:"offset"`
	Limit  int        `json:"limit"`
}

// ExportResult says where an export went. Cancelled is true when the person
// closed the save dialog; nothing was written then.
type ExportResult struct {
	Path      string `json:"path"`
	Rows      int64  `json:"rows"`
	Cancelled bool   `json:"cancelled"`
}

// ExportProgress is the payload of EventExport: rows written so far, of
// Total. The last event of an export has Written == Total.
type ExportProgress struct {
	Written int64 `json:"written"`
	Total   int64 `json:"total"`
}

// CallService serves the Calls tab: a sub-account's synced calls, filtered,
// sorted and paged, with totals, and their CSV export.
type CallService struct {
	ctx      context.Context
	activity *windowActivity
	store    *db.Store
	dialogs  Dialogs
	events   Events
}

// NewCallService returns the service. ctx bounds every query and export;
// dialogs asks where to save an export; events receives export progress.
func NewCallService(ctx context.Context, store *db.Store, dialogs Dialogs, events Events) *CallService {
	return &CallService{ctx: ctx, store: store, dialogs: dialogs, events: events}
}

// List returns one page of the sub-account's calls matching q, and the
// totals of all of them. Errors: not_found; invalid on the field at fault
// (direction, from, to, sort, limit, offset).
func (s *CallService) List(q CallQuery) (CallPage, error) {
	s.activity.touch()
	p, err := callListParams(q, true)
	if err != nil {
		return CallPage{}, err
	}
	if _, err := getSubAccount(s.ctx, s.store.Queries, q.SubAccountID); err != nil {
		return CallPage{}, err
	}
	rows, err := s.store.ListCalls(s.ctx, p)
	if err != nil {
		return CallPage{}, Internal("load the calls", err)
	}
	totals, err := s.totals(p.CallFilter)
	if err != nil {
		return CallPage{}, err
	}
	page := CallPage{Items: make([]Call, len(rows)), Total: totals.Count, Totals: totals, Offset: p.Offset, Limit: p.Limit}
	for i, r := range rows {
		page.Items[i] = toCall(r)
	}
	return page, nil
}

func (s *CallService) totals(f db.CallFilter) (CallTotals, error) {
	rows, err := s.store.CallTotals(s.ctx, f)
	if err != nil {
		return CallTotals{}, Internal("total the calls", err)
	}
	t := CallTotals{Costs: []Money{}}
	for _, r := range rows {
		t.Count += r.Count
		t.Minutes += r.Minutes
		if r.Currency != "" {
			minor := provider.MinorFromMicros(r.CostMicros, r.Currency) // the one rounding, for the total
			t.Costs = append(t.Costs, Money{Currency: r.Currency, AmountMinor: minor, Amount: formatMinor(minor, r.Currency), Exponent: minorDigits(r.Currency)})
		}
	}
	return t, nil
}

// callListParams validates q. paged is false for the export, which ignores
// Offset and Limit and selects every matching call.
func callListParams(q CallQuery, paged bool) (db.ListCallsParams, error) {
	v := Validation{}
	p := db.ListCallsParams{
		CallFilter: db.CallFilter{SubAccountID: q.SubAccountID, Direction: q.Direction, Status: q.Status},
		Desc:       q.Desc,
	}
	if paged {
		limit, offset, err := pageBounds(q.Limit, q.Offset)
		if err != nil {
			return p, err
		}
		p.Limit, p.Offset = limit, offset
	}
	p.Sort = parseSort(db.CallSort, q.Sort, v)
	if q.Status != "" && !slices.Contains(provider.Statuses, provider.Status(q.Status)) {
		v.Add("status", "Status must be completed, no answer, busy, failed, canceled, in progress or unknown.")
	}
	switch q.Direction {
	case "", DirectionIn, DirectionOut, DirectionWeb, DirectionUnknown:
	default:
		v.Add("direction", "Direction must be inbound, outbound, web or unknown.")
	}
	p.Since, p.Until = dayRange(q.FromDate, q.ToDate, q.TimeZone, v)
	return p, v.Err()
}

func toCall(r gen.Call) Call {
	c := Call{
		ID: r.ID, Provider: r.Provider, ProviderName: providerName(r.Provider), ProviderCallID: r.ProviderCallID,
		ParentCallID: r.ParentCallID, AgentID: r.AgentID,
		Direction: r.Direction, Status: r.Status, StatusLabel: statusLabels[r.Status], StatusRaw: r.StatusRaw,
		From: r.FromNumber, To: r.ToNumber,
		StartedAt: formatMillis(&r.StartedAt), EndedAt: formatMillis(r.EndedAt),
		DurationSec: r.DurationS, CostMicros: r.CostMicros, Currency: r.Currency,
	}
	if r.Currency != "" {
		c.Cost, c.Exponent = formatMicros(r.CostMicros, r.Currency), minorDigits(r.Currency)
	} else {
		c.CostNote = "Cost not available from " + cmp.Or(c.ProviderName, r.Provider)
	}
	return c
}

// minorScale is 10 to the power of the currency's minor-unit digits, taken
// from provider.MinorUnits so that formatting always undoes the conversion
// the adapters made (JPY 1; USD, EUR, GBP and unknown codes 100).
func minorScale(currency string) int64 {
	n, err := provider.MinorUnits("1", currency)
	if err != nil || n < 1 {
		return 100
	}
	return n
}

// formatMinor writes an amount of minor units as a decimal in the
// currency's units, exactly (no floats): 1234 USD is "12.34", 5 USD is
// "0.05", 500 JPY is "500".
// minorDigits is the currency's minor-unit digits, as minorScale counts them.
func minorDigits(currency string) int {
	return len(strconv.FormatInt(minorScale(currency), 10)) - 1
}

func formatMinor(amount int64, currency string) string {
	scale := minorScale(currency)
	sign := ""
	if amount < 0 {
		sign, amount = "-", -amount
	}
	whole := strconv.FormatInt(amount/scale, 10)
	if scale == 1 {
		return sign + whole
	}
	digits := len(strconv.FormatInt(scale, 10)) - 1
	return fmt.Sprintf("%s%s.%0*d", sign, whole, digits, amount%scale)
}

// formatMicros writes an amount of micros as a decimal with the currency's
// minor digits and as many more as the amount needs, exactly: 4250 USD is
// "0.00425", 250000 USD is "0.25", 1500000 JPY is "1.5", 2000000 JPY "2".
func formatMicros(micros int64, currency string) string {
	sign := ""
	if micros < 0 {
		sign, micros = "-", -micros
	}
	frac := fmt.Sprintf("%06d", micros%provider.MicrosPerUnit)
	keep := len(strconv.FormatInt(minorScale(currency), 10)) - 1
	frac = strings.TrimRight(frac, "0")
	if len(frac) < keep {
		frac += strings.Repeat("0", keep-len(frac))
	}
	whole := strconv.FormatInt(micros/provider.MicrosPerUnit, 10)
	if frac == "" {
		return sign + whole
	}
	return sign + whole + "." + frac
}

// ExportCSV writes every call matching q (Offset and Limit are ignored), in
// q's order, to a CSV file the person picks in the save dialog. The file
// appears complete or not at all: rows go to a temporary file beside it,
// renamed at the end. Emits EventExport with ExportProgress every few
// thousand rows and once at the end. Errors: not_found; invalid (as List);
// internal (the file could not be written: nothing is left behind).
func (s *CallService) ExportCSV(q CallQuery) (ExportResult, error) {
	p, err := callListParams(q, false)
	if err != nil {
		return ExportResult{}, err
	}
	sub, err := getSubAccount(s.ctx, s.store.Queries, q.SubAccountID)
	if err != nil {
		return ExportResult{}, err
	}
	path, err := s.dialogs.SaveFile("Export calls", safeFileName(sub.Name)+"-calls.csv")
	if err != nil {
		return ExportResult{}, Internal("open the save dialog", err)
	}
	if path == "" {
		return ExportResult{Cancelled: true}, nil
	}
	totals, err := s.totals(p.CallFilter)
	if err != nil {
		return ExportResult{}, err
	}
	rows, err := s.writeCSV(path, p, totals.Count)
	if err != nil {
		return ExportResult{}, Internal("export the calls", err)
	}
	s.events.Emit(EventExport, ExportProgress{Written: rows, Total: rows})
	return ExportResult{Path: path, Rows: rows}, nil
}

// callCSVHeader names the export's columns.
var callCSVHeader = []string{"Started at", "Ended at", "Direction", "Status", "Provider status", "From", "To",
	"Duration (s)", "Cost", "Currency", "Provider", "Provider call ID", "Leg of call ID"}

// writeCSV streams the calls to a temporary file beside path and renames it
// to path once complete; on any failure the temporary file is removed and
// path is untouched.
func (s *CallService) writeCSV(path string, p db.ListCallsParams, total int64) (int64, error) {
	return writeCSVFile(s.ctx, path, callCSVHeader, func(write func([]string) error) error {
		return s.store.EachCall(s.ctx, p, func(c gen.Call) error { return write(callCSVRecord(c)) })
	}, func(rows int64) { s.events.Emit(EventExport, ExportProgress{Written: rows, Total: max(total, rows)}) })
}

var statusLabels = map[string]string{
	string(CallCompleted): "Completed", string(CallNoAnswer): "No answer", string(CallBusy): "Busy",
	string(CallFailed): "Failed", string(CallCanceled): "Canceled", string(CallInProgress): "In progress",
	string(CallUnknown): "Unknown",
}

var directionLabels = map[string]string{
	DirectionIn: "Inbound", DirectionOut: "Outbound", DirectionWeb: "Web", DirectionUnknown: "Unknown",
}

// callCSVRecord is one call as a CSV row: times RFC 3339 UTC, cost as a
// decimal in the currency's units, every cell guarded against formula
// injection.
func callCSVRecord(c gen.Call) []string {
	cost := ""
	if c.Currency != "" {
		cost = formatMicros(c.CostMicros, c.Currency)
	}
	direction := directionLabels[c.Direction]
	if direction == "" {
		direction = c.Direction
	}
	prov := providerName(c.Provider)
	if prov == "" {
		prov = c.Provider
	}
	rec := []string{
		formatMillis(&c.StartedAt), formatMillis(c.EndedAt), direction, statusLabels[c.Status], c.StatusRaw,
		c.FromNumber, c.ToNumber, strconv.FormatInt(c.DurationS, 10), cost, c.Currency, prov, c.ProviderCallID,
		c.ParentCallID,
	}
	for i, v := range rec {
		rec[i] = csvSafe(v)
	}
	return rec
}

// csvSafe keeps a spreadsheet from running a cell as a formula: a cell whose
// first character other than spaces, tabs and line breaks (which some
// spreadsheets skip) is = + - @, or that starts with a tab or carriage
// return, gets a leading single quote.
func csvSafe(v string) string {
	if v == "" {
		return v
	}
	if first := strings.TrimLeft(v, " \t\r\n"); v[0] == '\t' || v[0] == '\r' ||
		first != "" && strings.ContainsRune("=+-@", rune(first[0])) {
		return "'" + v
	}
	return v
}

// safeFileName turns a sub-account name into a file name: NFC, with '_' for
// each character that file systems refuse (<>:"/\|?*) and each that no free
// text may hold (see sanitizeText), and without the leading dots that would
// hide the file or the trailing spaces and dots that Windows drops. Names
// stored before the free-text rules may hold any of these.
func safeFileName(name string) string {
	name = strings.TrimSpace(sanitizeText(name, `<>:"/\|?*`))
	name = strings.Trim(name, ". ")
	if name == "" {
		return "sub-account"
	}
	return name
}
