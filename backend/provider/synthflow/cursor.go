package synthflow

import (
	"bytes"
	"encoding/base64"
	"encoding/json"

	"switchboard/backend/provider"
)

// cursor is where a listing goes on: the agent at index Agent of the agent
// list (its model_id ID, to see whether the list moved since), from the
// call at Offset of that agent's call list. ID "" means "the agent that is
// at Agent now", from its first call.
type cursor struct {
	Agent  int64  `json:"a"`
	Offset int64  `json:"o"`
	ID     string `json:"m,omitempty"`
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
	if c.Agent < 0 || c.Offset < 0 || c.ID == "" && c.Offset != 0 || !provider.Printable(c.ID) && c.ID != "" {
		return cursor{}, bad
	}
	return c, nil
}
