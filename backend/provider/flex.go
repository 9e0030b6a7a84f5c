package provider

import (
	"bytes"
	"encoding/json"
	"errors"
)

// FlexString is a JSON scalar read as text: a string, or a number kept
// exactly as written (so "price": -0.0175 loses no digits). null and a
// missing key give "". Objects, arrays and booleans are errors. Twilio's
// and Telnyx's TeXML call resources type durations and prices as strings;
// this takes numbers too, in case.
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*f = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = FlexString(s)
	case b[0] == '-' || b[0] >= '0' && b[0] <= '9':
		*f = FlexString(b)
	default:
		return errors.New("expected a string or a number")
	}
	return nil
}
