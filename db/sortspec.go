package db

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownSort is returned for a sort key a list does not know.
var ErrUnknownSort = errors.New("unknown sort key")

// SortSpec is the whitelist of ORDER BY clauses of one hand-built list: one
// fixed clause per sort key, and nothing else ever reaches the SQL. sqlc
// cannot bind ORDER BY, and a CASE over a bound key defeats the indexes, so
// the lists that sort by any column are assembled from a SortSpec.
type SortSpec[K ~string] struct {
	// Table is the table whose columns the clauses name.
	Table string
	// Default is the key of an empty sort.
	Default   K
	keys      []K
	columns   map[K][]string
	nullsLast map[K]bool
}

// SortKeyColumns is one sort key and its columns, ascending.
type SortKeyColumns[K ~string] struct {
	Key     K
	Columns []string
}

// WithNullsLast returns the spec with the rows whose first sort column is
// NULL ("never", "none") last in either direction for keys. SQLite still
// reads such an order straight off an index whose first column (after any
// equality) is that column: the other rows first, then the NULLs.
func (s SortSpec[K]) WithNullsLast(keys ...K) SortSpec[K] {
	m := make(map[K]bool, len(keys))
	for _, k := range keys {
		if _, ok := s.columns[k]; !ok {
			panic(fmt.Sprintf("nulls last: unknown sort key %q", k))
		}
		m[k] = true
	}
	s.nullsLast = m
	return s
}

// NullsLast reports whether key puts NULLs last.
func (s SortSpec[K]) NullsLast(key K) bool { return s.nullsLast[key] }

// NewSortSpec returns the spec of a list over table; the first key is the
// default.
func NewSortSpec[K ~string](table string, keys ...SortKeyColumns[K]) SortSpec[K] {
	s := SortSpec[K]{Table: table, Default: keys[0].Key, columns: map[K][]string{}}
	for _, k := range keys {
		s.keys = append(s.keys, k.Key)
		s.columns[k.Key] = k.Columns
	}
	return s
}

// Keys lists the sort keys in declaration order.
func (s SortSpec[K]) Keys() []K { return append([]K(nil), s.keys...) }

// Parse returns the key named raw, the default for "", or ErrUnknownSort.
func (s SortSpec[K]) Parse(raw string) (K, error) {
	if raw == "" {
		return s.Default, nil
	}
	k := K(raw)
	if _, ok := s.columns[k]; !ok {
		return s.Default, fmt.Errorf("%w %q", ErrUnknownSort, raw)
	}
	return k, nil
}

// Columns lists every column the spec names, for checks against the schema.
func (s SortSpec[K]) Columns() []string {
	var out []string
	for _, k := range s.keys {
		out = append(out, s.columns[k]...)
	}
	return out
}

// OrderBy returns the ORDER BY clause of key, every column in one direction.
func (s SortSpec[K]) OrderBy(key K, desc bool) (string, error) {
	cols, ok := s.columns[key]
	if !ok {
		return "", fmt.Errorf("%w %q", ErrUnknownSort, key)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c + dir
	}
	if s.nullsLast[key] && !desc { // descending, SQLite puts NULLs last already
		parts[0] += " NULLS LAST"
	}
	return " ORDER BY " + strings.Join(parts, ", "), nil
}
