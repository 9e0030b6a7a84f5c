package backend

import (
	"context"
	"strconv"

	"switchboard/db"
	"switchboard/db/gen"
)

// subAccountCSVHeader names the list export's columns.
var subAccountCSVHeader = []string{"Name", "Status", "Voice provider", "Last login (UTC)", "Last call (UTC)",
	"Minutes left", "Created (UTC)"}

// ExportCSV writes the selection (the list's search, filters and sort, or
// the ids chosen, in the list's sort) to a CSV file the person picks in the
// save dialog, streamed row by row; the file appears complete or not at
// all. Emits EventExport with ExportProgress every few thousand rows and
// once at the end; stops when the app closes. Errors: invalid (as Run);
// internal (the file could not be written: nothing is left behind).
func (s *BulkService) ExportCSV(sel Selection) (ExportResult, error) {
	if _, err := selectionParams(sel); err != nil {
		return ExportResult{}, err
	}
	path, err := s.dialogs.SaveFile("Export sub-accounts", "sub-accounts.csv")
	if err != nil {
		return ExportResult{}, Internal("open the save dialog", err)
	}
	if path == "" {
		return ExportResult{Cancelled: true}, nil
	}
	rows, err := ExportSubAccounts(s.ctx, s.store, path, sel, func(p ExportProgress) { s.events.Emit(EventExport, p) })
	if err != nil {
		return ExportResult{}, err
	}
	return ExportResult{Path: path, Rows: rows}, nil
}

// ExportSubAccounts writes the selection to path as CSV (ExportCSV without
// the dialog; the command line's `switchboard export`), every cell guarded
// against formula injection, through a temporary file renamed at the end.
// progress gets ExportProgress every few thousand rows and at the end.
// Errors: invalid (the selection); internal.
func ExportSubAccounts(ctx context.Context, store *db.Store, path string, sel Selection, progress func(ExportProgress)) (int64, error) {
	p, err := selectionParams(sel)
	if err != nil {
		return 0, err
	}
	total, err := store.CountSelected(ctx, p)
	if err != nil {
		return 0, Internal("count the sub-accounts", err)
	}
	rows, err := writeCSVFile(ctx, path, subAccountCSVHeader, func(write func([]string) error) error {
		return store.EachSubAccount(ctx, p, func(a gen.SubAccount) error { return write(subAccountCSVRecord(a)) })
	}, func(rows int64) { progress(ExportProgress{Written: rows, Total: max(total, rows)}) })
	if err != nil {
		return 0, Internal("export the sub-accounts", err)
	}
	progress(ExportProgress{Written: rows, Total: rows})
	return rows, nil
}

// subAccountCSVRecord is one sub-account as a CSV row: times RFC 3339 in
// UTC ("" for never), the provider by name, minutes left "" without a
// license.
func subAccountCSVRecord(a gen.SubAccount) []string {
	minutes := ""
	if a.MinutesLeft != nil {
		minutes = strconv.FormatInt(*a.MinutesLeft, 10)
	}
	rec := []string{a.Name, statusLabel(a.Status), providerName(a.Provider), formatMillis(a.LastLoginAt), formatMillis(a.LastCallAt),
		minutes, formatMillis(&a.CreatedAt)}
	for i, v := range rec {
		rec[i] = csvSafe(v)
	}
	return rec
}

func statusLabel(status string) string {
	if status == StatusActive {
		return "Active"
	}
	return "Inactive"
}
