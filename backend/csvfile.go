package backend

import (
	"bufio"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
)

// writeCSVFile streams a CSV export to a temporary file beside path and
// renames it to path once complete; on any failure (the app closing
// included: ctx) the temporary file is removed and path is untouched. each
// writes the records after header; progress is told every
// exportProgressEvery rows and at the start (0).
func writeCSVFile(ctx context.Context, path string, header []string, each func(write func([]string) error) error,
	progress func(rows int64)) (rows int64, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	buf := bufio.NewWriterSize(tmp, 64<<10)
	w := csv.NewWriter(buf)
	w.UseCRLF = true // RFC 4180
	if err := w.Write(header); err != nil {
		return 0, err
	}
	progress(0)
	err = each(func(rec []string) error {
		if err := w.Write(rec); err != nil {
			return err
		}
		rows++
		if rows%exportProgressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			progress(rows)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if w.Flush(); w.Error() != nil {
		return 0, w.Error()
	}
	if err := buf.Flush(); err != nil {
		return 0, err
	}
	if err := tmp.Sync(); err != nil {
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, err
	}
	return rows, nil
}
