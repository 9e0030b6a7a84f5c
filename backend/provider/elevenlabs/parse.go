package elevenlabs

import (
	"encoding/json"
	"time"

	"switchboard/backend/provider"
)

// wireSummary is the part of a ConversationSummaryResponseModel (GET
// /v1/convai/conversations) that Switchboard reads; other fields are
// ignored. The schema requires conversation_id, agent_id,
// start_time_unix_secs, call_duration_secs and status; direction and
// conversation_initiation_source are optional and may be null.
type wireSummary struct {
	ConversationID   string  `json:"conversation_id"`
	AgentID          string  `json:"agent_id"`
	StartTimeUnix    *int64  `json:"start_time_unix_secs"`
	CallDurationSecs *int64  `json:"call_duration_secs"`
	Status           string  `json:"status"`
	Direction        *string `json:"direction"`
	InitiationSource *string `json:"conversation_initiation_source"`
}

// wirePage is GetConversationsPageResponseModel.
type wirePage struct {
	Conversations *[]wireSummary `json:"conversations"`
	NextCursor    *string        `json:"next_cursor"`
	HasMore       bool           `json:"has_more"`
}

// maxUnix is 9999-12-31T23:59:59Z in unix seconds.
const maxUnix = 253402300799

// maxDuration bounds a believable call_duration_secs (a year).
const maxDuration = 366 * 24 * 3600

// parsePage decodes a page of GET /v1/convai/conversations into calls, in
// the order listed, unfiltered, and the next cursor: next_cursor when
// has_more, else "" (the spec's own example pairs has_more false with a
// next_cursor, so has_more decides). A page without the conversations
// array, has_more without a cursor, or a conversation without an id or a
// valid start makes the whole page KindMalformed.
func parsePage(body []byte) ([]conversation, string, error) {
	var p wirePage
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, "", provider.Malformed("conversations: %v", err)
	}
	if p.Conversations == nil {
		return nil, "", provider.Malformed("conversations: no conversations array")
	}
	next := ""
	if p.HasMore {
		if p.NextCursor == nil || *p.NextCursor == "" {
			return nil, "", provider.Malformed("conversations: has_more without next_cursor")
		}
		next = *p.NextCursor
	}
	convs := make([]conversation, 0, len(*p.Conversations))
	for _, w := range *p.Conversations {
		c, err := w.conversation()
		if err != nil {
			return nil, "", err
		}
		convs = append(convs, c)
	}
	return convs, next, nil
}

// conversation is a listed conversation mapped to a call, with what the
// mapping of its details needs.
type conversation struct {
	call   provider.Call
	source string // conversation_initiation_source, "" when not listed
}

// conversation maps one listed conversation. StartedAt is
// start_time_unix_secs; DurationSec is call_duration_secs (a negative or
// unbelievable one is left 0). ElevenLabs gives no end time: EndedAt is
// the start plus the duration once the status is final (done or failed).
// Direction is the listed direction when there is one; the details may
// tell it otherwise (see applyDetail).
func (w wireSummary) conversation() (conversation, error) {
	if w.ConversationID == "" {
		return conversation{}, provider.Malformed("conversations: a conversation without conversation_id")
	}
	if w.StartTimeUnix == nil || *w.StartTimeUnix < 0 || *w.StartTimeUnix > maxUnix {
		return conversation{}, provider.Malformed("conversations: conversation %s: missing or invalid start_time_unix_secs", w.ConversationID)
	}
	status := mapStatus(w.Status)
	c := provider.Call{
		ProviderCallID: w.ConversationID,
		AgentID:        w.AgentID,
		Direction:      provider.DirectionUnknown,
		Status:         status,
		RawStatus:      w.Status,
		StartedAt:      time.Unix(*w.StartTimeUnix, 0).UTC(),
	}
	if d := w.CallDurationSecs; d != nil && *d >= 0 && *d <= maxDuration {
		c.DurationSec = *d
	}
	if status == provider.StatusCompleted || status == provider.StatusFailed {
		c.EndedAt = c.StartedAt.Add(time.Duration(c.DurationSec) * time.Second)
	}
	if w.Direction != nil {
		c.Direction = mapDirection(*w.Direction)
	}
	conv := conversation{call: c}
	if w.InitiationSource != nil {
		conv.source = *w.InitiationSource
	}
	return conv, nil
}

// mapStatus normalises a conversation's status. The schema
// (ConversationSummaryResponseModel.status, the same enum on the detail)
// lists five values:
//
//   - "done" → completed: the conversation ended and ElevenLabs finished
//     processing it;
//   - "failed" → failed: it ended in an error (ElevenLabs does not say
//     whether a phone call was busy or unanswered: its webhooks do, the
//     list does not);
//   - "initiated" → in_progress: created, not yet connected (an outbound
//     call still ringing);
//   - "in-progress" → in_progress: under way;
//   - "processing" → in_progress: the call is over but ElevenLabs is still
//     analysing it; the record (cost, outcome) is not final, and becomes
//     done or failed, which a later sync reads.
//
// Anything else (the SDKs accept unknown values) is unknown.
func mapStatus(s string) provider.Status {
	switch s {
	case "done":
		return provider.StatusCompleted
	case "failed":
		return provider.StatusFailed
	case "initiated", "in-progress", "processing":
		return provider.StatusInProgress
	}
	return provider.StatusUnknown
}

// mapDirection maps a TelephonyDirection ("inbound" | "outbound").
func mapDirection(s string) provider.Direction {
	switch s {
	case "inbound":
		return provider.DirectionIn
	case "outbound":
		return provider.DirectionOut
	}
	return provider.DirectionUnknown
}

// webSources are the conversation_initiation_source values
// (ConversationInitiationSource) of a conversation held in a browser or
// app rather than on a phone line: the widget and the client SDKs.
var webSources = map[string]bool{
	"widget": true, "js_sdk": true, "react_sdk": true, "react_native_sdk": true,
	"android_sdk": true, "swift_sdk": true, "flutter_sdk": true, "node_js_sdk": true,
	"python_sdk": true, "template_preview": true,
}
