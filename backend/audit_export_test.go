package backend_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"switchboard/backend"
	"switchboard/db"
	"switchboard/db/gen"
)

// auditExporter is an AuditService over b's database whose save dialog
// answers path and whose progress events go to events.
func auditExporter(ctx context.Context, b *backend.Backend, path string) (*backend.AuditService, *saveDialog, *exportEvents) {
	dialog, events := &saveDialog{path: path}, &exportEvents{}
	return backend.NewAuditService(ctx, b.Store, backend.AuditPorts{Dialogs: dialog, Events: events}), dialog, events
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestAuditExportWritesTheFilteredEntriesNewestFirst(t *testing.T) {
	b, _ := newBackend(t)
	filterFixture(t, b)
	ctx := context.Background()
	// Text that a spreadsheet would run as a formula, in every text column.
	if err := b.Store.InTx(ctx, func(tx *db.Tx) error {
		return tx.CreateAuditEntry(ctx, gen.CreateAuditEntryParams{At: hoursIn(60), Actor: "=cmd|' /C calc'!A0", AsUser: "+owner@acme.example",
			AccessSessionID: ptr(int64(14)), Action: "plan.create", SubAccountName: "@Acme", SubjectKind: "plan", SubjectID: "p9",
			SubjectName: "-Gold", Summary: "\tTabbed, \"quoted\"\nand two lines"})
	}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "audit.csv")
	audit, dialog, events := auditExporter(ctx, b, path)

	res, err := audit.ExportCSV(backend.AuditQuery{Action: "plan.create", Before: 3, Limit: 2}) // page and limit ignored
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != path || res.Rows != 13 || res.Cancelled {
		t.Fatalf("result %+v", res)
	}
	if dialog.title != "Export audit log" || dialog.defaultName != "audit-log.csv" {
		t.Errorf("dialog %q %q", dialog.title, dialog.defaultName)
	}
	recs := readCSV(t, path)
	if want := []string{"Time (UTC)", "Actor", "As user", "Access session", "Action", "Action label", "Sub-account", "Subject", "Summary"}; !slices.Equal(recs[0], want) {
		t.Errorf("header %q", recs[0])
	}
	if len(recs) != 14 {
		t.Fatalf("%d records, want the header and 13 entries", len(recs))
	}
	if want := []string{"2026-03-03T12:00:00Z", "'=cmd|' /C calc'!A0", "'+owner@acme.example", "14", "plan.create", "Created plan",
		"'@Acme", "'-Gold", "'\tTabbed, \"quoted\"\nand two lines"}; !slices.Equal(recs[1], want) {
		t.Errorf("first row\n %q\nwant %q", recs[1], want)
	}
	// The rest: every plan.create entry of the fixture (every fourth from 2), newest first.
	for i, rec := range recs[2:] {
		n := 46 - 4*i
		if want := []string{hoursText(n), []string{"dana", "lee", "Dana"}[n%3], rec[2], rec[3], "plan.create", "Created plan", "",
			map[bool]string{true: "Gold", false: "Silver"}[n%8 == 2], fmt.Sprintf("Entry %02d", n)}; !slices.Equal(rec, want) {
			t.Errorf("row %d: %q, want %q", i+2, rec, want)
		}
		if (n%5 == 0) != (rec[2] == "owner@acme.example" && rec[3] == "12") {
			t.Errorf("row %d: session %q %q", i+2, rec[2], rec[3])
		}
	}
	if got := events.progress; len(got) != 2 || got[0] != (backend.ExportProgress{Written: 0, Total: 13}) || got[1] != (backend.ExportProgress{Written: 13, Total: 13}) {
		t.Errorf("progress %+v", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.part")); len(leftovers) != 0 {
		t.Errorf("left behind %v", leftovers)
	}
}

func hoursText(h int) string { return time.UnixMilli(hoursIn(h)).UTC().Format(time.RFC3339) }

func TestAuditExportOfOneSubAccountNamesTheFile(t *testing.T) {
	b, _ := newBackend(t)
	acme := mustCreate(t, b, "Acme: Dental/Care")
	audit, dialog, _ := auditExporter(context.Background(), b, filepath.Join(t.TempDir(), "acme.csv"))
	res, err := audit.ExportCSV(backend.AuditQuery{SubAccountID: acme.ID})
	if err != nil || res.Rows != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if dialog.defaultName != "Acme_ Dental_Care-audit-log.csv" {
		t.Errorf("default name %q", dialog.defaultName)
	}
}

func TestAuditExportCancelledWritesNothing(t *testing.T) {
	b, _ := newBackend(t)
	filterFixture(t, b)
	audit, _, events := auditExporter(context.Background(), b, "")
	res, err := audit.ExportCSV(backend.AuditQuery{})
	if err != nil || !res.Cancelled || res.Path != "" || len(events.progress) != 0 {
		t.Errorf("%+v %v, events %v", res, err, events.progress)
	}
	// Without a window (the service built without ports), an export is cancelled too.
	res, err = backend.NewAuditService(context.Background(), b.Store).ExportCSV(backend.AuditQuery{})
	if err != nil || !res.Cancelled {
		t.Errorf("without a window: %+v %v", res, err)
	}
}

// TestAuditExportStreamsInPagesAndStopsWhenTheAppCloses exports 12,001
// entries: progress every 5,000 rows with the total counted first, then the
// same export stopped by the app closing after its first 5,000 rows leaves
// no file behind.
func TestAuditExportStreamsInPagesAndStopsWhenTheAppCloses(t *testing.T) {
	b, _ := newBackend(t)
	if _, err := b.Store.SQL().Exec(`INSERT INTO audit_log (at, actor, action, summary)
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
		SELECT 1772323200000 + i, 'dana', 'plan.update', 'Entry ' || i FROM n`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	audit, _, events := auditExporter(context.Background(), b, filepath.Join(dir, "all.csv"))
	res, err := audit.ExportCSV(backend.AuditQuery{Search: "entry"})
	if err != nil || res.Rows != 12001 {
		t.Fatalf("%+v %v", res, err)
	}
	want := []backend.ExportProgress{{0, 12001}, {5000, 12001}, {10000, 12001}, {12001, 12001}}
	if !slices.Equal(events.progress, want) {
		t.Errorf("progress %v, want %v", events.progress, want)
	}
	recs := readCSV(t, res.Path)
	if len(recs) != 12002 || recs[1][8] != "Entry 12000" || recs[12001][8] != "Entry 0" || recs[5001][8] != "Entry 7000" {
		t.Errorf("%d records, first %q, last %q", len(recs), recs[1], recs[len(recs)-1])
	}
	for i := 2; i < len(recs); i++ {
		at, err := time.Parse(time.RFC3339, recs[i][0])
		before, _ := time.Parse(time.RFC3339, recs[i-1][0])
		if err != nil || at.After(before) {
			t.Fatalf("row %d (%s) is newer than the one before (%s)", i, recs[i][0], recs[i-1][0])
		}
	}

	ctx, closeApp := context.WithCancel(context.Background())
	defer closeApp()
	path := filepath.Join(dir, "stopped.csv")
	audit, _, events = auditExporter(ctx, b, path)
	events.onEmit = func(p backend.ExportProgress) {
		if p.Written == 5000 {
			closeApp()
		}
	}
	if _, err := audit.ExportCSV(backend.AuditQuery{}); backend.ErrorCode(err) != backend.CodeInternal {
		t.Fatalf("export after the app closed: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"all.csv"}) {
		t.Errorf("files %v: the stopped export left something behind", names)
	}
	if last := events.progress[len(events.progress)-1]; last.Written != 5000 {
		t.Errorf("progress after closing: %+v", events.progress)
	}
}
