package synthflow

import (
	"bytes"
	"encoding/base64"
	"encoding/json"

	"switchboard/backend/provider"
)

// cursor is where a listing goes on: the agent ID found at index Agent of
// the agent list when the cursor was made, read up to call Offset of its
// call list, or to its end when Done. ID "" (the first page, or a restart)
// means "from the first agent". Restarts counts the walks begun again
// because the agent list changed under them (see ListCalls).
type cursor struct {
	Agent    int64  `json:"a,omitempty"`
	ID       string `json:"m,omitempty"`
	Offset   int64  `json:"o,omitempty"`
	Done     bool   `json:"d,omitempty"`
	Restarts int    `json:"r,omitempty"`
}

// cursorPrefix marks the cursors this adapter makes.
const cursorPrefix = "sf1."

// encode is the cursor as an opaque string.
func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return cursorPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor made by encode; "" is the first page. A
// cursor it cannot have made is KindRejected.
func decodeCursor(s string) (cursor, error) {
	if s == "" {
		return cursor{}, nil
	}
	bad := &provider.Error{Kind: provider.KindRejected, Reason: "invalid Synthflow page cursor"}
	if len(s) < len(cursorPrefix) || s[:len(cursorPrefix)] != cursorPrefix {
		return cursor{}, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(s[len(cursorPrefix):])
	if err != nil {
		return cursor{}, bad
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var c cursor
	if err := dec.Decode(&c); err != nil || dec.More() {
		return cursor{}, bad
	}
	named := c.ID != "" && provider.Printable(c.ID)
	if c.Agent < 0 || c.Offset < 0 || c.Restarts < 0 || c.Restarts > maxRestarts ||
		c.ID != "" && !named || !named && (c.Agent != 0 || c.Offset != 0 || c.Done) || c.Done && c.Offset != 0 {
		return cursor{}, bad
	}
	return c, nil
}
