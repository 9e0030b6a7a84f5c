// Command fakeproviders serves local fakes of the providers' APIs for
// the browser end-to-end tests: it prints one JSON line with each fake's
// address and the credentials it accepts, then serves until it is stopped
// or its standard input closes.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"switchboard/backend/provider/fake"
)

// Credentials the fakes accept (test values, not secrets).
var credentials = map[string]map[string]string{
	"retell":     {"apiKey": "key_e2e0123456789abcdef01"},
	"vapi":       {"apiKey": "vapi-e2e-0123456789abcdef"},
	"bland":      {"apiKey": "sk-e2e-0123456789abcdef01"},
	"twilio":     {"accountSid": "AC0123456789abcdef0123456789abcdef", "authToken": "0123456789abcdef0123456789abcdef"},
	"telnyx":     {"apiKey": "KEYe2e0123456789abcdef0123", "accountSid": "e2e-account"},
	"synthflow":  {"apiKey": "sf-e2e-0123456789abcdef01", "region": "global"},
	"elevenlabs": {"apiKey": "sk_e2e0123456789abcdef0123456789abcdef"},
}

func main() {
	calls := flag.Int("calls", 120, "calls each fake holds, in the last days before now")
	flag.Parse()
	urls, retell, err := serve(*calls, time.Now())
	if err != nil {
		log.Fatal(err)
	}
	control, err := serveControl(retell)
	if err != nil {
		log.Fatal(err)
	}
	out, _ := json.Marshal(map[string]any{"urls": urls, "credentials": credentials, "retellAgents": RetellAgents, "control": control})
	fmt.Println(string(out))
	io.Copy(io.Discard, os.Stdin) // serve until stdin closes (or the process is killed)
}

// serve starts the fakes on loopback ports and returns their addresses,
// and the Retell fake (the control address adds calls to it).
func serve(calls int, now time.Time) (map[string]string, *fake.RetellServer, error) {
	// The fakes' calls start 5 days before now, so that a first sync (which
	// reads the last 90 days) finds them all.
	epoch := now.UTC().Add(-5 * 24 * time.Hour).Truncate(time.Hour)
	fake.RetellEpoch, fake.VapiEpoch, fake.BlandEpoch, fake.TwilioEpoch, fake.TelnyxEpoch = epoch, epoch, epoch, epoch, epoch
	fake.SynthflowEpoch, fake.ElevenLabsEpoch = epoch, epoch
	c := credentials
	retell := retellWithAgents(c["retell"]["apiKey"], calls)
	handlers := map[string]http.Handler{
		"retell":     retell,
		"vapi":       fake.NewVapi(c["vapi"]["apiKey"], fake.VapiCalls(calls, 2)),
		"bland":      fake.NewBland(c["bland"]["apiKey"], fake.BlandCalls(calls, 3)),
		"twilio":     fake.NewTwilio(c["twilio"]["accountSid"], c["twilio"]["authToken"], fake.TwilioCalls(calls, 4)),
		"telnyx":     fake.NewTelnyx(c["telnyx"]["apiKey"], c["telnyx"]["accountSid"], fake.TelnyxCalls(calls, 5)),
		"synthflow":  fake.NewSynthflow(c["synthflow"]["apiKey"], fake.SynthflowAgents(), fake.SynthflowCalls(calls, 7)),
		"elevenlabs": fake.NewElevenLabs(c["elevenlabs"]["apiKey"], fake.ElevenLabsAgents(3), fake.ElevenLabsConversations(calls, 6)),
	}
	urls := map[string]string{}
	for id, h := range handlers {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, nil, err
		}
		urls[id] = "http://" + ln.Addr().String()
		go http.Serve(ln, h)
	}
	return urls, retell, nil
}

// serveControl serves the tests' control address: POST /retell/calls with
// {"id": "...", "durationSec": N} makes the Retell fake hold one more ended
// inbound call of agent_0, started at the request's time (a call just made,
// after anything the test did before).
func serveControl(retell *fake.RetellServer) (string, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /retell/calls", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			ID          string `json:"id"`
			DurationSec int64  `json:"durationSec"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.ID == "" || in.DurationSec <= 0 {
			http.Error(w, "want {id, durationSec > 0}", http.StatusBadRequest)
			return
		}
		start := time.Now().UnixMilli()
		retell.AddCall(fake.RetellCall{CallID: in.ID, CallType: "phone_call", Direction: "inbound", CallStatus: "ended",
			DisconnectionReason: "user_hangup", FromNumber: "+14155550142", ToNumber: "+14155550100", AgentID: "agent_0", AgentVersion: 1,
			StartTimestamp: start, EndTimestamp: start + in.DurationSec*1000, DurationMs: in.DurationSec * 1000})
		w.WriteHeader(http.StatusNoContent)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(ln, mux)
	return "http://" + ln.Addr().String(), nil
}

// RetellAgents are the Retell fake's two voice agents (name, prompt); its
// calls alternate between them, so that sub-accounts sharing the account
// can be given one each.
var RetellAgents = [][2]string{
	{"Front desk", "You are the front desk of a veterinary clinic. Book appointments."},
	{"Night line", "You answer after hours. Take a message and promise a call back."},
}

// retellWithAgents is the Retell fake with RetellAgents and calls shared
// between them.
func retellWithAgents(key string, n int) *fake.RetellServer {
	calls := fake.RetellCalls(n, 1)
	for i := range calls {
		calls[i].AgentID = fmt.Sprintf("agent_%d", i%len(RetellAgents))
	}
	s := fake.NewRetell(key, calls)
	for i, a := range RetellAgents {
		id, prompt := fmt.Sprintf("agent_%d", i), a[1]
		s.Agents = append(s.Agents, fake.RetellAgent{AgentID: id, AgentName: a[0], Channel: "voice",
			Engine: fake.RetellEngine{Type: "retell-llm", LLMID: "llm_" + id}, Version: 1})
		s.LLMs = append(s.LLMs, fake.RetellLLM{LLMID: "llm_" + id, Version: 1, GeneralPrompt: &prompt})
	}
	return s
}
