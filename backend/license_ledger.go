package backend

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"switchboard/backend/license"
	"switchboard/db"
	"switchboard/db/gen"
)

// LicenseState is a license's warning state, as the list and the License tab
// show it (license.State).
type LicenseState string

// LicenseStates lists the states; a sub-account with no license has "".
var LicenseStates = []struct {
	Value  LicenseState
	TSName string
}{
	{license.StateOK, "OK"},
	{license.StateLow, "Low"},
	{license.StateExpiring, "Expiring"},
	{license.StateExpired, "Expired"},
}

// LedgerKind names a ledger line.
type LedgerKind string

// LedgerKinds lists the kinds of ledger lines.
var LedgerKinds = []struct {
	Value  LedgerKind
	TSName string
}{
	{LedgerKind(license.KindGrantValidity), "GrantValidity"},
	{LedgerKind(license.KindGrantFree), "GrantFree"},
	{LedgerKind(license.KindGrantAddOn), "GrantAddOn"},
	{LedgerKind(license.KindCycleAllowance), "CycleAllowance"},
	{LedgerKind(license.KindUsage), "Usage"},
	{LedgerKind(license.KindExpiry), "Expiry"},
	{LedgerKind(license.KindAdjustment), "Adjustment"},
}

// LedgerLine is one entry of a license's minute ledger: what changed, where
// a charge's minutes came from and the balance after it. Cycle counts from 1.
// Text says it in words, dates in the customer's zone.
type LedgerLine struct {
	ID           int64  `json:"id"`
	At           string `json:"at"`
	Kind         string "json:\"kind\" ts_type:\"`${LedgerKind}`\""
	Cycle        int64  `json:"cycle"`
	Minutes      int64  `json:"minutes"`
	FromFree     int64  `json:"fromFree"`
	FromExpired  int64  `json:"fromExpired"`
	FromAddOn    int64  `json:"fromAddOn"`
	Overage      int64  `json:"overage"`
	FreeBalance  int64  `json:"freeBalance"`
	AddOnBalance int64  `json:"addOnBalance"`
	Balance      int64  `json:"balance"`
	Calls        int64  `json:"calls"`
	Text         string `json:"text"`
	Remarks      string `json:"remarks"`
}

// LedgerQuery selects a page of the ledger, newest first.
type LedgerQuery struct {
	SubAccountID int64 `json:"subAccountId"`
	Limit        int   `json:"limit"`
	Offset       int   `json:"offset"`
}

// LedgerPage is one page of the ledger and how many lines there are.
type LedgerPage struct {
	Lines    []LedgerLine `json:"lines"`
	Total    int64        `json:"total"`
	Offset   int          `json:"offset"`
	Limit    int          `json:"limit"`
	TimeZone string       `json:"timeZone"`
}

// CycleStatement is one cycle's statement: its opening balance, what was
// granted, used (on time and late, by calls that started in it), expired,
// and its closing balance. Cycle counts from 1; From and Until are RFC 3339
// UTC (Until is exclusive).
type CycleStatement struct {
	Cycle        int64  `json:"cycle"`
	From         string `json:"from"`
	Until        string `json:"until"`
	Closed       bool   `json:"closed"`
	OpeningFree  int64  `json:"openingFree"`
	OpeningAddOn int64  `json:"openingAddOn"`
	GrantedFree  int64  `json:"grantedFree"`
	GrantedAddOn int64  `json:"grantedAddOn"`
	Used         int64  `json:"used"`
	UsedLate     int64  `json:"usedLate"`
	Expired      int64  `json:"expired"`
	Overage      int64  `json:"overage"`
	ClosingFree  int64  `json:"closingFree"`
	ClosingAddOn int64  `json:"closingAddOn"`
}

// Ledger returns a page of the sub-account's minute ledger, newest first.
// Errors: not_found; invalid (limit, offset).
func (s *LicenseService) Ledger(q LedgerQuery) (LedgerPage, error) {
	limit, offset, err := pageBounds(q.Limit, q.Offset)
	if err != nil {
		return LedgerPage{}, err
	}
	if _, err := getSubAccount(s.ctx, s.store.Queries, q.SubAccountID); err != nil {
		return LedgerPage{}, err
	}
	if err := s.books.rollIfDue(s.ctx, s.store); err != nil {
		return LedgerPage{}, err
	}
	out := LedgerPage{Lines: []LedgerLine{}, Offset: offset, Limit: limit, TimeZone: "UTC"}
	err = s.store.InTx(s.ctx, func(tx *db.Tx) error {
		terms, err := tx.GetLicenseTerms(s.ctx, q.SubAccountID)
		if errors.Is(err, db.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		loc := zoneLocation(terms.TimeZone)
		out.TimeZone = terms.TimeZone
		if out.Total, err = tx.CountLedgerEntries(s.ctx, q.SubAccountID); err != nil {
			return err
		}
		rows, err := tx.ListLedgerEntries(s.ctx, gen.ListLedgerEntriesParams{SubAccountID: q.SubAccountID, Limit: int64(limit), Offset: int64(offset)})
		if err != nil {
			return err
		}
		for _, r := range rows {
			out.Lines = append(out.Lines, ledgerLine(r, loc))
		}
		return nil
	})
	if err != nil {
		return LedgerPage{}, Internal("load the ledger", err)
	}
	return out, nil
}

func ledgerEntry(r gen.LicenseLedger) license.Entry {
	e := license.Entry{At: time.UnixMilli(r.At), Kind: license.Kind(r.Kind), Cycle: int(r.Cycle), Minutes: r.Minutes,
		FromFree: r.FromFree, FromExpired: r.FromExpired, FromAddOn: r.FromAddon, Overage: r.Overage,
		Balance: license.Balance{Free: r.FreeBalance, AddOn: r.AddonBalance}, Calls: r.Calls, Ref: r.Ref, Remarks: r.Remarks}
	if r.ValidUntil != nil {
		v := time.UnixMilli(*r.ValidUntil)
		e.ValidUntil = &v
	}
	return e
}

func ledgerLine(r gen.LicenseLedger, loc *time.Location) LedgerLine {
	return LedgerLine{ID: r.ID, At: formatMillis(&r.At), Kind: r.Kind, Cycle: r.Cycle + 1, Minutes: r.Minutes,
		FromFree: r.FromFree, FromExpired: r.FromExpired, FromAddOn: r.FromAddon, Overage: r.Overage,
		FreeBalance: r.FreeBalance, AddOnBalance: r.AddonBalance, Balance: r.FreeBalance + r.AddonBalance,
		Calls: r.Calls, Text: ledgerEntry(r).Describe(loc), Remarks: r.Remarks}
}

// Statements returns a statement per cycle, newest first. Errors: not_found.
func (s *LicenseService) Statements(subAccountID int64) ([]CycleStatement, error) {
	if _, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err != nil {
		return nil, err
	}
	if err := s.books.rollIfDue(s.ctx, s.store); err != nil {
		return nil, err
	}
	cycles, err := s.cycles(s.store.Queries, subAccountID)
	if err != nil {
		return nil, Internal("load the statements", err)
	}
	out := make([]CycleStatement, len(cycles))
	for i, c := range cycles {
		out[i] = cycleStatement(c)
	}
	return out, nil
}

func (s *LicenseService) cycles(q db.Queries, subID int64) ([]license.Cycle, error) {
	raws, err := q.ListLicenseCycles(s.ctx, subID)
	if err != nil {
		return nil, err
	}
	out := make([]license.Cycle, len(raws))
	for i, raw := range raws {
		if err := json.Unmarshal([]byte(raw), &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func cycleStatement(c license.Cycle) CycleStatement {
	return CycleStatement{Cycle: int64(c.Index) + 1, From: formatTime(c.From), Until: formatTime(c.Until), Closed: c.Closed,
		OpeningFree: c.Opening.Free, OpeningAddOn: c.Opening.AddOn, GrantedFree: c.Grants.Free, GrantedAddOn: c.Grants.AddOn,
		Used: c.Usage.Minutes, UsedLate: c.Late.Minutes, Expired: c.Expired, Overage: c.Overage,
		ClosingFree: c.Closing.Free, ClosingAddOn: c.Closing.AddOn}
}

// ExportStatement writes one cycle's statement as CSV where the native save
// dialog says: the statement's figures, then each ledger entry of the cycle
// (its charges include late ones), dates in the customer's zone. Errors:
// not_found (the sub-account or the cycle); cancelled is no error.
func (s *LicenseService) ExportStatement(subAccountID int64, cycle int64) (ExportResult, error) {
	sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID)
	if err != nil {
		return ExportResult{}, err
	}
	if err := s.books.rollIfDue(s.ctx, s.store); err != nil {
		return ExportResult{}, err
	}
	var c license.Cycle
	var rows []gen.LicenseLedger
	var terms gen.LicenseTerm
	err = s.store.InTx(s.ctx, func(tx *db.Tx) error {
		if terms, err = tx.GetLicenseTerms(s.ctx, subAccountID); err != nil {
			return err
		}
		raw, err := tx.GetLicenseCycle(s.ctx, gen.GetLicenseCycleParams{SubAccountID: subAccountID, Cycle: cycle - 1})
		if err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return err
		}
		rows, err = tx.ListCycleLedgerEntries(s.ctx, gen.ListCycleLedgerEntriesParams{SubAccountID: subAccountID, Cycle: cycle - 1})
		return err
	})
	if errors.Is(err, db.ErrNoRows) {
		return ExportResult{}, Errorf(CodeNotFound, "This license has no cycle %d.", cycle)
	}
	if err != nil {
		return ExportResult{}, Internal("load the statement", err)
	}
	path, err := s.dialogs.SaveFile("Export statement", fmt.Sprintf("%s-license-cycle-%d.csv", safeFileName(sub.Name), cycle))
	if err != nil {
		return ExportResult{}, Internal("open the save dialog", err)
	}
	if path == "" {
		return ExportResult{Cancelled: true}, nil
	}
	if err := writeStatementCSV(path, c, rows, zoneLocation(terms.TimeZone)); err != nil {
		return ExportResult{}, Internal("write the statement", err)
	}
	return ExportResult{Path: path, Rows: int64(len(rows))}, nil
}

// statementTime is how the statement's CSV writes an instant: in the
// customer's zone, with its offset.
const statementTime = "2006-01-02 15:04:05 -07:00"

func writeStatementCSV(path string, c license.Cycle, rows []gen.LicenseLedger, loc *time.Location) (err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := csv.NewWriter(f)
	n := strconv.FormatInt
	st := cycleStatement(c)
	header := [][]string{
		{"Statement", "Cycle " + n(st.Cycle, 10)},
		{"Time zone", loc.String()},
		{"From", c.From.In(loc).Format(statementTime)},
		{"Until", c.Until.In(loc).Format(statementTime)},
		{"Closed", strconv.FormatBool(c.Closed)},
		{"Opening free minutes", n(st.OpeningFree, 10)},
		{"Opening add-on minutes", n(st.OpeningAddOn, 10)},
		{"Granted free minutes", n(st.GrantedFree, 10)},
		{"Granted add-on minutes", n(st.GrantedAddOn, 10)},
		{"Used", n(st.Used, 10)},
		{"Used late", n(st.UsedLate, 10)},
		{"Expired", n(st.Expired, 10)},
		{"Overage", n(st.Overage, 10)},
		{"Closing free minutes", n(st.ClosingFree, 10)},
		{"Closing add-on minutes", n(st.ClosingAddOn, 10)},
		{},
		{"Date", "Kind", "Description", "Minutes", "From free", "From expired", "From add-on", "Overage",
			"Free balance", "Add-on balance", "Calls", "Remarks"},
	}
	if err := w.WriteAll(header); err != nil {
		return err
	}
	for _, r := range rows {
		e := ledgerEntry(r)
		rec := []string{e.At.In(loc).Format(statementTime), r.Kind, csvSafe(e.Describe(loc)), n(r.Minutes, 10), n(r.FromFree, 10),
			n(r.FromExpired, 10), n(r.FromAddon, 10), n(r.Overage, 10), n(r.FreeBalance, 10), n(r.AddonBalance, 10),
			n(r.Calls, 10), csvSafe(r.Remarks)}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Sync()
}
