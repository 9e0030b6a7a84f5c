package backend

// The CSV reader of the import: it takes what spreadsheets write (a UTF-8
// byte order mark, CRLF or LF line ends, commas, semicolons or tabs between
// cells, quoted cells with newlines) and turns everything else into one
// clear problem with the file, so that nothing of a broken file is imported.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"unicode/utf8"
)

// Limits of one import.
const (
	// ImportMaxRows is the most data rows one file may hold.
	ImportMaxRows = 100_000
	// ImportMaxBytes is the largest file read.
	ImportMaxBytes = 64 << 20
	// ImportMaxCell is the longest cell, in bytes.
	ImportMaxCell = 64 << 10
)

// csvSource reads the records of an import file after its header. Row
// numbers count records as a spreadsheet shows them: the header is row 1.
type csvSource struct {
	header []string
	sep    rune
	r      *csv.Reader
	sum    hash.Hash
	count  *countingReader
	row    int
}

// countingReader counts and hashes what the CSV reader consumes and stops
// past ImportMaxBytes.
type countingReader struct {
	r   io.Reader
	h   hash.Hash
	n   int64
	max int64
}

var errTooLarge = errors.New("file too large")

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.h.Write(p[:n])
	if c.n > c.max {
		return n, errTooLarge
	}
	return n, err
}

// fileProblem is what is wrong with a file as a whole: nothing of it is
// imported.
func fileProblem(format string, args ...any) *Error {
	return FieldError("file", fmt.Sprintf(format, args...))
}

// openCSV reads the header of r. Errors: invalid on "file" (empty, UTF-16,
// not CSV, too large, a header that names no known column).
func openCSV(r io.Reader) (*csvSource, error) {
	count := &countingReader{r: r, h: sha256.New(), max: ImportMaxBytes}
	br := bufio.NewReaderSize(count, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, readProblem(err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return nil, fileProblem("The file is UTF-16 text: save it as “CSV UTF-8” and choose it again.")
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, fileProblem("The file is empty: it needs a header row naming the columns, then one row per sub-account.")
	}
	src := &csvSource{sep: sniffSeparator(head), sum: count.h, count: count}
	src.r = csv.NewReader(br)
	src.r.Comma = src.sep
	src.r.FieldsPerRecord = -1
	src.r.ReuseRecord = true
	rec, err := src.next()
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, fileProblem("The file is empty: it needs a header row naming the columns, then one row per sub-account.")
	}
	src.header = make([]string, len(rec))
	copy(src.header, rec)
	return src, nil
}

// sniffSeparator picks the separator the first line uses most, outside
// quotes: a comma, a semicolon (spreadsheets in locales with a decimal
// comma) or a tab. A comma when none appears.
func sniffSeparator(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, b := range head {
		if b == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if b == '\n' {
			break
		}
		if b == ',' || b == ';' || b == '\t' {
			counts[b]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// next returns the next record (nil at the end), checked: valid UTF-8,
// cells within ImportMaxCell, at most ImportMaxRows data rows. The record
// is reused by the next call. Errors: invalid on "file".
func (s *csvSource) next() ([]string, error) {
	rec, err := s.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, readProblem(err)
	}
	s.row++
	if s.row-1 > ImportMaxRows {
		return nil, fileProblem("The file has more than %d rows: import at most %d at a time (split the file).", ImportMaxRows, ImportMaxRows)
	}
	for i, cell := range rec {
		if !utf8.ValidString(cell) {
			return nil, fileProblem("Row %d is not UTF-8 text (cell %d): save the file as “CSV UTF-8” and choose it again.", s.row, i+1)
		}
		if len(cell) > ImportMaxCell {
			return nil, fileProblem("Row %d has a cell of %d bytes (cell %d): a cell can hold at most %d.", s.row, len(cell), i+1, ImportMaxCell)
		}
	}
	return rec, nil
}

// fingerprint identifies the bytes read so far: read to the end, the file.
func (s *csvSource) fingerprint() string { return hex.EncodeToString(s.sum.Sum(nil)) }

// readProblem says what stopped the reader.
func readProblem(err error) *Error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errTooLarge):
		return fileProblem("The file is larger than %d MB: import it in parts.", ImportMaxBytes>>20)
	case errors.As(err, &pe):
		return fileProblem("The file is not valid CSV at line %d, column %d: %s. A cell with quotes, separators or line breaks must be in double quotes, with its own quotes doubled.",
			pe.Line, pe.Column, csvReason(pe.Err))
	}
	return fileProblem("The file could not be read: %s.", err.Error())
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return "a quote inside a cell that is not quoted"
	case errors.Is(err, csv.ErrQuote):
		return "a quoted cell that does not end, or a stray quote after one"
	}
	return err.Error()
}
