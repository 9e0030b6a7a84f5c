package backend

import (
	"context"
	"time"

	"switchboard/db"
	"switchboard/db/gen"
)

// CustomerFeature is a feature of a menu the customer has.
type CustomerFeature struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// CustomerMenu is a menu of the customer's navigation, as published: only
// menus that are not completely hidden, each with only its visible features.
type CustomerMenu struct {
	Key      string            `json:"key"`
	Label    string            `json:"label"`
	Features []CustomerFeature `json:"features"`
}

// UsageDay is one day of a sub-account's usage, in the customer's zone:
// Day is YYYY-MM-DD; Minutes are the calls' whole minutes.
type UsageDay struct {
	Day     string `json:"day"`
	Calls   int64  `json:"calls"`
	Minutes int64  `json:"minutes"`
}

// CustomerDashboard is the customer's Dashboard: the license as the License
// tab shows it, the calls and minutes of this cycle (of the last 30 days
// when there is no license: From and Until say which), and the usage of
// each day of it.
type CustomerDashboard struct {
	License        LicenseView `json:"license"`
	From           string      `json:"from"`
	Until          string      `json:"until"`
	CallsThisCycle int64       `json:"callsThisCycle"`
	MinutesUsed    int64       `json:"minutesUsed"`
	Usage          []UsageDay  `json:"usage"`
}

// CustomerAgent is an agent of the customer: its name and, when the
// customer may see system prompts, its prompt (PromptShown false: hidden).
type CustomerAgent struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Kind        string "json:\"kind\" ts_type:\"`${AgentKind}`\""
	Number      string `json:"number"`
	Prompt      string `json:"prompt"`
	PromptShown bool   `json:"promptShown"`
}

// CustomerView is the customer's application as it stands, built only from
// what is published and visible: the navigation, and the data of each page
// the navigation has (a page it does not have is empty and its flag false).
// Recordings and Transcripts say whether Call Logs shows those columns,
// ReportsExport whether Reports can export; Pricing is the pricing page
// (Visible false: the customer has none).
type CustomerView struct {
	Session       AccessSessionView `json:"session"`
	Nav           []CustomerMenu    `json:"nav"`
	Dashboard     CustomerDashboard `json:"dashboard"`
	Agents        []CustomerAgent   `json:"agents"`
	Users         []User            `json:"users"`
	Pricing       PricingPreview    `json:"pricing"`
	Recordings    bool              `json:"recordings"`
	Transcripts   bool              `json:"transcripts"`
	ReportsExport bool              `json:"reportsExport"`
}

// accessViews are the areas the customer's view reads.
type accessViews struct {
	licenses *LicenseService
	calls    *CallService
	users    *UserService
	dialogs  Dialogs
}

// View returns the customer's view of the open session. Errors: not_found
// (not the open session).
func (s *AccessService) View(sessionID int64) (CustomerView, error) {
	if err := s.current(sessionID); err != nil {
		return CustomerView{}, err
	}
	if err := s.views.licenses.books.rollIfDue(s.ctx, s.store); err != nil {
		return CustomerView{}, err
	}
	var out CustomerView
	err := s.store.InTx(s.ctx, func(tx *db.Tx) error {
		row, err := tx.GetAccessSession(s.ctx, sessionID)
		if err != nil {
			return err
		}
		if out.Session, err = s.viewOf(tx.Queries, row); err != nil {
			return err
		}
		pub, err := loadPublished(s.ctx, tx.Queries, row.SubAccountID)
		if err != nil {
			return err
		}
		out.Nav = customerNav(pub.set)
		has := func(key string) bool { return pub.set.visible(permIndex.byKey[key]) }
		if out.Dashboard, err = s.dashboard(tx.Queries, row.SubAccountID); err != nil {
			return err
		}
		out.Agents = []CustomerAgent{}
		if has("agents.list") {
			if out.Agents, err = customerAgents(s.ctx, tx.Queries, row.SubAccountID, has("agents.system_prompts")); err != nil {
				return err
			}
		}
		out.Users = []User{}
		if has("settings.users") {
			if out.Users, err = customerUsers(s.ctx, tx.Queries, row.SubAccountID, s.audit.now()); err != nil {
				return err
			}
		}
		out.Pricing = PricingPreview{Intervals: []PlanInterval{}, Cards: []PreviewCard{}, Message: MsgPricingHidden}
		if has("billing.plans") {
			pv, err := pricingView(s.ctx, tx.Queries, row.SubAccountID)
			if err != nil {
				return err
			}
			out.Pricing = pv.Preview
		}
		out.Recordings, out.Transcripts = has("call_logs.recordings"), has("call_logs.transcripts")
		out.ReportsExport = has("reports.export")
		return nil
	})
	if err != nil {
		return CustomerView{}, Internal("open the customer's view", err)
	}
	return out, nil
}

// customerNav is the navigation a published set gives.
func customerNav(set permSet) []CustomerMenu {
	out := []CustomerMenu{}
	for mi, m := range permIndex.menus {
		if set.menuState(mi) == PermissionHidden {
			continue
		}
		menu := CustomerMenu{Key: m.key, Label: m.label, Features: []CustomerFeature{}}
		if m.features {
			for i := m.lo; i < m.hi; i++ {
				if !set[i] {
					menu.Features = append(menu.Features, CustomerFeature{Key: permIndex.leaves[i].key, Label: permIndex.leaves[i].short})
				}
			}
		}
		out = append(out, menu)
	}
	return out
}

// dashboard reads the Dashboard's figures: the license, and the usage of
// its open cycle (the last 30 days when unlicensed), by day in its zone.
func (s *AccessService) dashboard(q db.Queries, subID int64) (CustomerDashboard, error) {
	lic, err := s.views.licenses.view(q, subID)
	if err != nil {
		return CustomerDashboard{}, err
	}
	now := s.audit.now()
	loc := zoneLocation(lic.TimeZone)
	from, until := now.Add(-30*24*time.Hour), now
	if lic.Licensed {
		from, _ = time.Parse(time.RFC3339Nano, lic.CycleFrom)
		until, _ = time.Parse(time.RFC3339Nano, lic.CycleUntil)
	}
	out := CustomerDashboard{License: lic, From: formatTime(from), Until: formatTime(until)}
	if out.Usage, err = usageByDay(s.ctx, q, subID, from, earliest(until, now), loc); err != nil {
		return CustomerDashboard{}, err
	}
	for _, d := range out.Usage {
		out.CallsThisCycle += d.Calls
		out.MinutesUsed += d.Minutes
	}
	return out, nil
}

// usageByDay sums a sub-account's conversations by day in loc, from since
// to until: one range of the index a day (a day is its local midnight to the
// next, 23 or 25 hours across a DST change), every day listed, none after
// until.
func usageByDay(ctx context.Context, q db.Queries, subID int64, since, until time.Time, loc *time.Location) ([]UsageDay, error) {
	out := []UsageDay{}
	for from := since; from.Before(until); {
		l := from.In(loc)
		next := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
		end := next
		if end.After(until) {
			end = until
		}
		r, err := q.UsageBetween(ctx, gen.UsageBetweenParams{SubAccountID: subID, FromMs: from.UnixMilli(), UntilMs: end.UnixMilli()})
		if err != nil {
			return nil, err
		}
		out = append(out, UsageDay{Day: l.Format(time.DateOnly), Calls: r.Calls, Minutes: r.Minutes})
		from = next
	}
	return out, nil
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// customerAgents are the agents the sub-account owns (all of its account's
// when it is alone on it), prompts only when the customer may see them.
func customerAgents(ctx context.Context, q db.Queries, subID int64, prompts bool) ([]CustomerAgent, error) {
	v, err := agentsView(ctx, q, subID)
	if err != nil {
		return nil, err
	}
	out := []CustomerAgent{}
	for _, a := range v.Agents {
		if v.Shared && a.OwnerID != subID {
			continue
		}
		c := CustomerAgent{ID: a.ID, Name: a.Name, Kind: a.Kind, Number: a.Number, PromptShown: prompts}
		if prompts {
			c.Prompt = a.Prompt
		}
		out = append(out, c)
	}
	return out, nil
}

// customerUsers are the sub-account's users, by name.
func customerUsers(ctx context.Context, q db.Queries, subID int64, now time.Time) ([]User, error) {
	rows, err := q.ListSubAccountUsers(ctx, subID)
	if err != nil {
		return nil, err
	}
	out := make([]User, len(rows))
	for i, r := range rows {
		out[i] = toUser(r, now)
	}
	return out, nil
}
