package backend

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"switchboard/db"
)

// ImportService imports sub-accounts from a CSV file: choose the file, map
// its columns, preview every row with the forms' rules, then import the
// valid rows. Secrets are never read from a file.
//
// The unit of an import is the file's valid rows. Problems with the file as
// a whole (not CSV, not UTF-8, too large, no header) are found by a full
// read before anything is written, so a broken file writes nothing. The
// valid rows are then written in batches of importBatch, each batch one
// transaction with every row's audit entries (file name and row number), so
// a row is written whole or not at all. Should the app stop during an
// import, the batches committed stay; running the same file again creates
// only the rest, since a name already in the database is a failing row.
type ImportService struct {
	ctx      context.Context
	store    *db.Store
	subTx    SubAccountTx
	licenses *LicenseService
	adapters Adapters
	picker   FilePicker
	events   Events
	audit    auditor
}

// NewImportService returns the service; picker asks for the file, events
// carry the progress.
func NewImportService(ctx context.Context, store *db.Store, subTx SubAccountTx, licenses *LicenseService,
	adapters Adapters, picker FilePicker, events Events, audit auditor) *ImportService {
	return &ImportService{ctx: ctx, store: store, subTx: subTx, licenses: licenses, adapters: adapters,
		picker: picker, events: events, audit: audit}
}

// ActionImport is the agency-level audit entry of an import.
var ActionImport = defineAction("import.csv", "Imported CSV")

// importBatch is how many rows a transaction of an import writes.
const importBatch = 1000

// importFailuresShown is how many failing rows a preview lists.
const importFailuresShown = 500

// ImportFile is a file chosen for import: its header's columns with the
// target Go proposes for each, and every target a column may take. Path is
// "" when the dialog was cancelled.
type ImportFile struct {
	Path      string         `json:"path"`
	FileName  string         `json:"fileName"`
	Separator string         `json:"separator"`
	Columns   []ImportColumn `json:"columns"`
	Targets   []ImportTarget `json:"targets"`
}

// ImportRequest is a file and its mapping: one target per column of the
// header ("" leaves it unread). Fingerprint, when set, is the preview's:
// Import refuses a file that changed since.
type ImportRequest struct {
	Path        string   `json:"path"`
	Mapping     []string `json:"mapping"`
	Fingerprint string   `json:"fingerprint"`
}

// ImportPreview says what importing would do: how many rows would be
// created, the failing rows (the first importFailuresShown, in row order)
// and why, and how many of the valid rows set up a provider whose
// credentials are still to be saved (NeedCredentialsNames lists the first).
type ImportPreview struct {
	FileName             string          `json:"fileName"`
	Fingerprint          string          `json:"fingerprint"`
	Rows                 int             `json:"rows"`
	Valid                int             `json:"valid"`
	Invalid              int             `json:"invalid"`
	Failures             []ImportFailure `json:"failures"`
	NeedCredentials      int             `json:"needCredentials"`
	NeedCredentialsNames []string        `json:"needCredentialsNames"`
	Users                int             `json:"users"`
	Licenses             int             `json:"licenses"`
	// Ignored are the columns not read: secrets and unmapped ones.
	Ignored []ImportColumn `json:"ignored"`
}

// ImportResult is what an import did. Failures are the rows not imported
// (as in the preview, plus any that another change made invalid meanwhile).
type ImportResult struct {
	FileName        string          `json:"fileName"`
	Created         int             `json:"created"`
	NotImported     int             `json:"notImported"`
	Failures        []ImportFailure `json:"failures"`
	NeedCredentials int             `json:"needCredentials"`
	Stopped         bool            `json:"stopped"`
}

// ImportProgress is EventImport's payload: rows written of those to write.
type ImportProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// ChooseFile asks for a CSV file through the native open dialog and reads
// its header. A cancelled dialog returns an ImportFile without a path.
// Errors: invalid on "file" (see Inspect); unavailable without a window.
func (s *ImportService) ChooseFile() (ImportFile, error) {
	if s.picker == nil {
		return ImportFile{}, Errorf(CodeUnavailable, "Choosing a file needs the window.")
	}
	path, err := s.picker.OpenFile("Import sub-accounts from CSV")
	if err != nil {
		return ImportFile{}, Internal("open the file dialog", err)
	}
	if path == "" {
		return ImportFile{Columns: []ImportColumn{}, Targets: []ImportTarget{}}, nil
	}
	return s.Inspect(path)
}

// Inspect reads the header of the file at path and proposes a mapping.
// Errors: invalid on "file" (unreadable, empty, not CSV, UTF-16, no header
// naming a known column).
func (s *ImportService) Inspect(path string) (ImportFile, error) {
	src, f, err := openImport(path)
	if err != nil {
		return ImportFile{}, err
	}
	defer f.Close()
	cat := newImportCatalog(s.adapters)
	if err := cat.checkMapping(src.header, nil); err != nil && hasField(err, "file") {
		return ImportFile{}, err
	}
	return ImportFile{Path: path, FileName: filepath.Base(path), Separator: string(src.sep), Columns: cat.suggest(src.header),
		Targets: slices.Clone(cat.targets)}, nil
}

// openImport opens the file and reads its header.
func openImport(path string) (*csvSource, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fileProblem("The file could not be opened: %s.", pathless(err))
	}
	src, err := openCSV(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return src, f, nil
}

// pathless is an OS error without the path it names.
func pathless(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

func hasField(err error, field string) bool {
	e := asError(err, "")
	_, ok := e.Fields[field]
	return ok
}

// Preview reads the whole file with the mapping and checks every row, as
// Import would, writing nothing. Errors: invalid on "file" or "mapping".
func (s *ImportService) Preview(req ImportRequest) (ImportPreview, error) {
	return s.preview(req)
}

// preview is Preview; nothing of the rows is kept (Import reads the file
// again to write them).
func (s *ImportService) preview(req ImportRequest) (ImportPreview, error) {
	p := ImportPreview{FileName: filepath.Base(req.Path), Failures: []ImportFailure{}, NeedCredentialsNames: []string{}, Ignored: []ImportColumn{}}
	var failures []ImportFailure
	err := s.scan(req, func(header []string) {
		for _, c := range newImportCatalog(s.adapters).suggest(header) {
			if c.Secret || req.Mapping[c.Index] == "" {
				c.Target = ""
				p.Ignored = append(p.Ignored, c)
			}
		}
	}, func(rows []importRow, failed []ImportFailure) error {
		rows, taken, err := s.withoutTaken(s.store.Queries, rows)
		if err != nil {
			return err
		}
		failures = append(append(failures, failed...), taken...)
		p.Rows += len(rows) + len(failed) + len(taken)
		for _, r := range rows {
			p.Valid++
			if r.provider != "" {
				p.NeedCredentials++
				if len(p.NeedCredentialsNames) < 20 {
					p.NeedCredentialsNames = append(p.NeedCredentialsNames, r.name)
				}
			}
			if r.user != nil {
				p.Users++
			}
			if r.grant != nil {
				p.Licenses++
			}
		}
		return nil
	}, func(fp string) { p.Fingerprint = fp })
	if err != nil {
		return ImportPreview{}, err
	}
	slices.SortFunc(failures, func(a, b ImportFailure) int { return cmp.Compare(a.Row, b.Row) })
	p.Invalid = len(failures)
	p.Failures = failures[:min(len(failures), importFailuresShown)]
	return p, nil
}

// scan reads the file with the mapping: header is told the header, each
// batch of up to importBatch rows is handed over checked (the rows that
// pass, the rows that fail), and done is told the file's fingerprint.
func (s *ImportService) scan(req ImportRequest, header func([]string), batch func([]importRow, []ImportFailure) error, done func(string)) error {
	src, f, err := openImport(req.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	cat := newImportCatalog(s.adapters)
	if err := cat.checkMapping(src.header, req.Mapping); err != nil {
		return err
	}
	header(src.header)
	check := newRowChecker(cat, s.adapters, src.header, req.Mapping, s.audit.now())
	var rows []importRow
	var failed []ImportFailure
	seen := 0
	flush := func() error {
		if len(rows)+len(failed) == 0 {
			return nil
		}
		err := batch(rows, failed)
		rows, failed = nil, nil
		return err
	}
	for {
		rec, err := src.next()
		if err != nil {
			return err
		}
		if rec == nil {
			break
		}
		if isBlank(rec) {
			continue
		}
		seen++
		if r, fail := check.check(src.row, rec); fail != nil {
			failed = append(failed, *fail)
		} else {
			rows = append(rows, r)
		}
		if len(rows)+len(failed) == importBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if seen == 0 {
		return fileProblem("The file has a header but no rows: add one row per sub-account under it.")
	}
	if err := flush(); err != nil {
		return err
	}
	done(src.fingerprint())
	return nil
}

// isBlank says whether a record has nothing but blanks (a spreadsheet's
// trailing empty rows).
func isBlank(rec []string) bool {
	return !slices.ContainsFunc(rec, func(c string) bool { return c != "" && c != " " })
}

// withoutTaken splits off the rows whose name a sub-account has, as failures.
func (s *ImportService) withoutTaken(q db.Queries, rows []importRow) ([]importRow, []ImportFailure, error) {
	if len(rows) == 0 {
		return rows, nil, nil
	}
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = r.key
	}
	taken, err := q.ListTakenNameKeys(s.ctx, jsonText(keys))
	if err != nil {
		return nil, nil, Internal("check the names", err)
	}
	if len(taken) == 0 {
		return rows, nil, nil
	}
	set := map[string]bool{}
	for _, k := range taken {
		set[k] = true
	}
	var failures []ImportFailure
	kept := rows[:0:0]
	for _, r := range rows {
		if set[r.key] {
			failures = append(failures, ImportFailure{Row: r.row, Name: r.name, Problems: []ImportProblem{{Column: "", Message: nameTaken(r.name).Message}}})
		} else {
			kept = append(kept, r)
		}
	}
	return kept, failures, nil
}

// Import previews the file again and writes its valid rows in batches,
// sending EventImport after each, and records one agency-level entry with
// the counts. Errors: invalid on "file" or "mapping" (nothing is written);
// conflict when the file changed since the preview given by Fingerprint.
func (s *ImportService) Import(req ImportRequest) (ImportResult, error) {
	p, err := s.preview(req)
	if err != nil {
		return ImportResult{}, err
	}
	if req.Fingerprint != "" && req.Fingerprint != p.Fingerprint {
		return ImportResult{}, Errorf(CodeConflict, "“%s” changed since its preview: preview it again.", p.FileName)
	}
	res := ImportResult{FileName: p.FileName, Failures: []ImportFailure{}}
	s.emit(ImportProgress{Done: 0, Total: p.Valid})
	err = s.scan(req, func([]string) {}, func(rows []importRow, failed []ImportFailure) error {
		res.Failures = append(res.Failures, failed...)
		return s.store.InTx(s.ctx, func(tx *db.Tx) error {
			rows, taken, err := s.withoutTaken(tx.Queries, rows)
			if err != nil {
				return err
			}
			res.Failures = append(res.Failures, taken...)
			if err := s.write(tx, p.FileName, rows); err != nil {
				return err
			}
			res.Created += len(rows)
			for _, r := range rows {
				if r.provider != "" {
					res.NeedCredentials++
				}
			}
			s.emit(ImportProgress{Done: res.Created, Total: p.Valid})
			return nil
		})
	}, func(string) {})
	if err != nil && s.ctx.Err() == nil {
		return ImportResult{}, err
	}
	res.Stopped = err != nil // the app is closing: the batches written stay
	slices.SortFunc(res.Failures, func(a, b ImportFailure) int { return cmp.Compare(a.Row, b.Row) })
	res.NotImported = len(res.Failures)
	res.Failures = res.Failures[:min(len(res.Failures), importFailuresShown)]
	ctx := context.WithoutCancel(s.ctx) // a stopped import still says what it wrote
	if err := s.store.InTx(ctx, func(tx *db.Tx) error {
		return s.audit.record(ctx, tx, Entry{Action: ActionImport, Summary: importSummary(res)})
	}); err != nil {
		return ImportResult{}, Internal("record the import", err)
	}
	return res, nil
}

func importSummary(r ImportResult) string {
	s := fmt.Sprintf("Imported %s: %d sub-accounts created, %d rows not imported", r.FileName, r.Created, r.NotImported)
	if r.NeedCredentials > 0 {
		s += fmt.Sprintf(", %d still need provider credentials", r.NeedCredentials)
	}
	if r.Stopped {
		s += "; stopped when the app closed"
	}
	return s
}

func (s *ImportService) emit(p ImportProgress) {
	if s.events != nil {
		s.events.Emit(EventImport, p)
	}
}
