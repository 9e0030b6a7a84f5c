package backend

import (
	"encoding/csv"
	"os"
	"strconv"
	"time"
)

// UsageReport is the customer's Reports page: usage by day for the last 90
// days, in the customer's zone (TimeZone), oldest first.
type UsageReport struct {
	From     string     `json:"from"`
	TimeZone string     `json:"timeZone"`
	Days     []UsageDay `json:"days"`
	Calls    int64      `json:"calls"`
	Minutes  int64      `json:"minutes"`
}

// reportDays is how far back Reports reads.
const reportDays = 90

// sessionPage checks that id is the open session and that the customer has
// the page key; it returns the session's sub-account.
func (s *AccessService) sessionPage(id int64, key string) (int64, error) {
	if err := s.current(id); err != nil {
		return 0, err
	}
	row, err := s.store.GetAccessSession(s.ctx, id)
	if err != nil {
		return 0, Internal("load the session", err)
	}
	pub, err := loadPublished(s.ctx, s.store.Queries, row.SubAccountID)
	if err != nil {
		return 0, err
	}
	if !pub.set.visible(permIndex.byKey[key]) {
		return 0, Errorf(CodeForbidden, "This customer does not have %s.", permLabel(key))
	}
	return row.SubAccountID, nil
}

// permLabel names a node of the tree ("Reports → Export").
func permLabel(key string) string {
	ref := permIndex.byKey[key]
	if ref.leaf >= 0 {
		return permIndex.leaves[ref.leaf].label
	}
	return permIndex.menus[ref.menu].label
}

// Calls is the customer's Call Logs page. Errors: not_found (the session);
// forbidden (Call Logs hidden); invalid as CallService.List.
func (s *AccessService) Calls(sessionID int64, q CallQuery) (CallPage, error) {
	sub, err := s.sessionPage(sessionID, "call_logs")
	if err != nil {
		return CallPage{}, err
	}
	q.SubAccountID = sub
	page, err := s.views.calls.List(q)
	if err != nil {
		return CallPage{}, err
	}
	// The customer sees its calls under the agency's brand: not which
	// provider carried them, nor what the provider charged the agency.
	for i := range page.Items {
		c := &page.Items[i]
		c.Provider, c.ProviderName, c.StatusRaw, c.AgentID = "", "", "", ""
		c.CostMicros, c.Currency, c.Cost, c.CostNote = 0, "", "", ""
	}
	page.Totals.Costs = []Money{}
	return page, nil
}

// Report is the customer's Reports page. Errors: not_found; forbidden
// (Reports hidden).
func (s *AccessService) Report(sessionID int64) (UsageReport, error) {
	sub, err := s.sessionPage(sessionID, "reports")
	if err != nil {
		return UsageReport{}, err
	}
	return s.report(sub)
}

func (s *AccessService) report(sub int64) (UsageReport, error) {
	st, err := loadLicenseState(s.ctx, s.store.Queries, sub)
	if err != nil {
		return UsageReport{}, err
	}
	now := s.audit.now().In(st.loc)
	y, m, d := now.Date()
	from := time.Date(y, m, d-reportDays+1, 0, 0, 0, 0, st.loc)
	days, err := usageByDay(s.ctx, s.store.Queries, sub, from, now, st.loc)
	if err != nil {
		return UsageReport{}, Internal("load the report", err)
	}
	out := UsageReport{From: formatTime(from), TimeZone: st.zone, Days: days}
	for _, d := range days {
		out.Calls += d.Calls
		out.Minutes += d.Minutes
	}
	return out, nil
}

// ExportReport writes the Reports page as CSV where the save dialog says.
// Errors: not_found; forbidden (Reports → Export hidden).
func (s *AccessService) ExportReport(sessionID int64) (ExportResult, error) {
	sub, err := s.sessionPage(sessionID, "reports.export")
	if err != nil {
		return ExportResult{}, err
	}
	r, err := s.report(sub)
	if err != nil {
		return ExportResult{}, err
	}
	row, err := s.store.GetSubAccountByID(s.ctx, sub)
	if err != nil {
		return ExportResult{}, Internal("export the report", err)
	}
	path, err := s.views.dialogs.SaveFile("Export report", safeFileName(row.Name)+"-usage.csv")
	if err != nil {
		return ExportResult{}, Internal("open the save dialog", err)
	}
	if path == "" {
		return ExportResult{Cancelled: true}, nil
	}
	if err := writeUsageCSV(path, r); err != nil {
		return ExportResult{}, Internal("write the report", err)
	}
	return ExportResult{Path: path, Rows: int64(len(r.Days))}, nil
}

func writeUsageCSV(path string, r UsageReport) (err error) {
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
	w.Write([]string{"Day (" + r.TimeZone + ")", "Calls", "Minutes"})
	for _, d := range r.Days {
		w.Write([]string{d.Day, strconv.FormatInt(d.Calls, 10), strconv.FormatInt(d.Minutes, 10)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Sync()
}

// AddUser adds a user from the customer's Users page: only once changes are
// enabled (the audit refuses it before), recorded with the admin and the
// user acted as. Errors: as UserService.Create; forbidden (read-only, or
// Users hidden).
func (s *AccessService) AddUser(sessionID int64, in UserInput) (User, error) {
	sub, err := s.sessionPage(sessionID, "settings.users")
	if err != nil {
		return User{}, err
	}
	in.SubAccountID = sub
	return s.views.users.Create(in)
}

// UpdateUser changes a user from the customer's Users page (see AddUser).
// Errors: as UserService.Update; not_found (another sub-account's user).
func (s *AccessService) UpdateUser(sessionID, userID int64, in UserUpdate) (User, error) {
	sub, err := s.sessionPage(sessionID, "settings.users")
	if err != nil {
		return User{}, err
	}
	u, err := s.store.GetUser(s.ctx, userID)
	if err != nil || u.SubAccountID != sub {
		return User{}, Errorf(CodeNotFound, "This user is not one of this customer's users.")
	}
	return s.views.users.Update(userID, in)
}
