package backend

import (
	"strconv"

	"switchboard/db"
	"switchboard/db/gen"
)

// AuditPorts are how the audit export reaches the window: the save dialog
// and the progress events. A nil Dialogs has no window to ask, so an export
// is cancelled; nil Events drops the progress.
type AuditPorts struct {
	Dialogs Dialogs
	Events  Events
}

// auditCSVHeader names the export's columns.
var auditCSVHeader = []string{"Time (UTC)", "Actor", "As user", "Access session", "Action", "Action label",
	"Sub-account", "Subject", "Summary"}

// ExportCSV writes every entry q's filters and search select (its page and
// limit are ignored), newest first, to a CSV file the person picks in the
// save dialog. The entries are read a few thousand at a time, never all at
// once; the file appears complete or not at all (rows go to a temporary
// file beside it, renamed at the end). Emits EventExport with
// ExportProgress every few thousand rows and once at the end; stops when
// the app closes. Errors: invalid (as List); internal (the file could not
// be written, or the app closed: nothing is left behind).
func (s *AuditService) ExportCSV(q AuditQuery) (ExportResult, error) {
	q.Before, q.After, q.Oldest = 0, 0, false
	p, err := s.auditParams(q, exportProgressEvery)
	if err != nil {
		return ExportResult{}, err
	}
	if s.ports.Dialogs == nil {
		return ExportResult{Cancelled: true}, nil
	}
	path, err := s.ports.Dialogs.SaveFile("Export audit log", s.exportName(q.SubAccountID))
	if err != nil {
		return ExportResult{}, Internal("open the save dialog", err)
	}
	if path == "" {
		return ExportResult{Cancelled: true}, nil
	}
	total, err := s.store.CountAudit(s.ctx, p)
	if err != nil {
		return ExportResult{}, Internal("count the audit entries", err)
	}
	rows, err := s.writeCSV(path, p, total)
	if err != nil {
		return ExportResult{}, Internal("export the audit log", err)
	}
	s.emit(ExportProgress{Written: rows, Total: rows})
	return ExportResult{Path: path, Rows: rows}, nil
}

// exportName is the file name the save dialog proposes: the sub-account's
// name first when the export is of one that still exists.
func (s *AuditService) exportName(subAccountID int64) string {
	if subAccountID != 0 {
		if sub, err := getSubAccount(s.ctx, s.store.Queries, subAccountID); err == nil {
			return safeFileName(sub.Name) + "-audit-log.csv"
		}
	}
	return "audit-log.csv"
}

func (s *AuditService) emit(p ExportProgress) {
	if s.ports.Events != nil {
		s.ports.Events.Emit(EventExport, p)
	}
}

// writeCSV streams the entries to a temporary file beside path and renames
// it to path once complete; on any failure (the app closing included) the
// temporary file is removed and path is untouched.
func (s *AuditService) writeCSV(path string, p db.AuditPageParams, total int64) (int64, error) {
	// EachAudit reads exportProgressEvery entries a statement and checks
	// the context between them.
	return writeCSVFile(s.ctx, path, auditCSVHeader, func(write func([]string) error) error {
		return s.store.EachAudit(s.ctx, p, func(a gen.AuditLog) error { return write(auditCSVRecord(a)) })
	}, func(rows int64) { s.emit(ExportProgress{Written: rows, Total: max(total, rows)}) })
}

// auditCSVRecord is one entry as a CSV row: the time RFC 3339 in UTC, the
// session's id ("" outside one), the subject by name (by kind and id when
// it has none), every cell guarded against formula injection.
func auditCSVRecord(a gen.AuditLog) []string {
	session := ""
	if a.AccessSessionID != nil {
		session = strconv.FormatInt(*a.AccessSessionID, 10)
	}
	subject := a.SubjectName
	if subject == "" && a.SubjectID != "" {
		subject = a.SubjectKind + " " + a.SubjectID
	}
	rec := []string{formatMillis(&a.At), a.Actor, a.AsUser, session, a.Action, actionLabel(a.Action),
		a.SubAccountName, subject, a.Summary}
	for i, v := range rec {
		rec[i] = csvSafe(v)
	}
	return rec
}
