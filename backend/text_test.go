package backend

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The messages of the free-text rules, for the field "Name".
const (
	msgNameControl   = "Name cannot contain line breaks or control characters."
	msgNameInvisible = "Name cannot contain invisible or control characters such as zero-width spaces or direction overrides."
	msgNameUTF8      = "Name must be valid text: it contains bytes that are not UTF-8."
)

// hostileTexts are texts every free-text field refuses, with the message
// (for the field "Name") naming the rule each breaks.
var hostileTexts = []struct{ name, input, want string }{
	{"right-to-left override", "Acme \u202eyenoM", msgNameInvisible},
	{"left-to-right override", "Acme \u202dDental", msgNameInvisible},
	{"right-to-left embedding", "Acme \u202bDental", msgNameInvisible},
	{"pop directional formatting", "Acme\u202c Dental", msgNameInvisible},
	{"right-to-left isolate", "Acme \u2067Dental\u2069", msgNameInvisible},
	{"first strong isolate", "Acme \u2068Dental", msgNameInvisible},
	{"left-to-right mark", "Acme\u200e Dental", msgNameInvisible},
	{"arabic letter mark", "Acme\u061c Dental", msgNameInvisible},
	{"zero-width space", "Acme\u200bDental", msgNameInvisible},
	{"zero-width space at the end", "Acme Dental\u200b", msgNameInvisible},
	{"zero-width joiner", "Acme\u200dDental", msgNameInvisible},
	{"zero-width non-joiner", "Acme\u200cDental", msgNameInvisible},
	{"word joiner", "Acme\u2060Dental", msgNameInvisible},
	{"byte-order mark at the start", "\ufeffAcme Dental", msgNameInvisible},
	{"soft hyphen", "Ac\u00adme Dental", msgNameInvisible},
	{"interlinear annotation", "Acme \ufff9Dental", msgNameInvisible},
	{"tag character", "Acme \U000E0041Dental", msgNameInvisible},
	{"C1 next line", "Acme\u0085Dental", msgNameControl},
	{"C1 control sequence introducer", "Acme\u009b31mDental", msgNameControl},
	{"C1 padding", "Acme\u0080Dental", msgNameControl},
	{"line separator", "Acme\u2028Dental", msgNameControl},
	{"paragraph separator", "Acme\u2029Dental", msgNameControl},
	{"NUL", "Acme\x00Dental", msgNameControl},
	{"escape", "Acme\x1b[31mDental", msgNameControl},
	{"tab", "Acme\tDental", msgNameControl},
	{"delete", "Acme\x7fDental", msgNameControl},
	{"carriage return", "Acme\rDental", msgNameControl},
	{"invalid byte", "Acme\xffDental", msgNameUTF8},
	{"truncated sequence", "Acme Dent\xc3", msgNameUTF8},
	{"encoded surrogate", "Acme \xed\xa0\x80Dental", msgNameUTF8},
	{"overlong slash", "Acme\xc0\xafDental", msgNameUTF8},
	{"replacement character", "Acme \uFFFD Dental", msgNameUTF8},
}

func TestCreateRefusesHostileNamesAndAddsNothing(t *testing.T) {
	env := newConcurrencyEnv(t)
	env.sub(t, "Existing Clinic", "", "")
	before := env.auditActions(t, 0)
	for _, tc := range hostileTexts {
		t.Run(tc.name, func(t *testing.T) {
			_, err := env.b.SubAccounts.Create(CreateSubAccountInput{Name: tc.input})
			if got := onField(t, err, "name"); got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
		})
	}
	page, err := env.b.SubAccounts.List(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || !slices.Equal(env.auditActions(t, 0), before) {
		t.Errorf("refused creates left %d sub-accounts and audit %v", page.Total, env.auditActions(t, 0))
	}
}

func TestComposedAndDecomposedNamesCollide(t *testing.T) {
	env := newConcurrencyEnv(t)
	a, err := env.b.SubAccounts.Create(CreateSubAccountInput{Name: "Cafe\u0301 Dental"}) // e + combining acute
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "Caf\u00e9 Dental" {
		t.Errorf("stored %q, want the composed (NFC) form", a.Name)
	}
	for _, name := range []string{"Caf\u00e9 Dental", "CAFE\u0301 DENTAL", "caf\u00c9 dental"} {
		_, err := env.b.SubAccounts.Create(CreateSubAccountInput{Name: name})
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeConflict || e.Fields["name"] == "" {
			t.Errorf("create %q: %v, want a conflict on name", name, err)
		}
	}
	// A search in either form finds it.
	for _, search := range []string{"Caf\u00e9", "Cafe\u0301"} {
		page, err := env.b.SubAccounts.List(ListQuery{Search: search})
		if err != nil || page.Total != 1 {
			t.Errorf("search %q: %d found, %v", search, page.Total, err)
		}
	}
}

func TestConcurrencyRefusesHostilePoolNames(t *testing.T) {
	env := newConcurrencyEnv(t)
	id := env.sub(t, "Acme Dental", "retell", "k1")
	env.save(t, id, intp(10), 4, "North")
	before := env.auditActions(t, id)
	for _, tc := range hostileTexts {
		t.Run(tc.name, func(t *testing.T) {
			_, err := env.svc.Save(id, ConcurrencyInput{Limit: intp(10), Outbound: intp(5), PoolName: tc.input})
			want := "Pool name" + tc.want[len("Name"):]
			if got := onField(t, err, "poolName"); got != want {
				t.Errorf("message %q, want %q", got, want)
			}
		})
	}
	v, err := env.svc.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Outbound != 4 || v.PoolName != "North" || !slices.Equal(env.auditActions(t, id), before) {
		t.Errorf("a refused save changed the settings: %+v", v)
	}
	if v := env.save(t, id, intp(10), 4, "Cafe\u0301 pool"); v.PoolName != "Caf\u00e9 pool" {
		t.Errorf("pool name stored as %q, want the composed (NFC) form", v.PoolName)
	}
}

func TestCleanTextRefusesHostileText(t *testing.T) {
	rule := textRule{Field: "remark", Label: "Remark", Max: 200}
	for _, tc := range hostileTexts {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cleanText(rule, tc.input)
			want := "Remark" + tc.want[len("Name"):]
			if err == nil || err.Code != CodeInvalid || err.Fields["remark"] != want || err.Message != want {
				t.Errorf("cleanText(%q) = %q, %v; want the error %q on remark", tc.input, got, err, want)
			}
		})
	}
}

func TestCleanTextAcceptsText(t *testing.T) {
	rule := textRule{Field: "name", Label: "Name", Min: 2, Max: 10}
	cases := []struct{ name, input, want string }{
		{"trimmed", "  Acme  ", "Acme"},
		{"decomposed is composed", "Cafe\u0301", "Caf\u00e9"},
		{"trailing line break is trimmed", "Acme\n", "Acme"},
		{"ideographic space is trimmed", "\u3000Acme", "Acme"},
		{"no-break space inside", "Acme\u00a0Co", "Acme\u00a0Co"},
		{"right-to-left script", "שלום Co", "שלום Co"},
		{"emoji with variation selector", "\u260e\ufe0f Line", "\u260e\ufe0f Line"},
		{"combining marks compose", "a\u0323\u0302b", "\u1eadb"},
		{"ten characters", "éééééééééé", "éééééééééé"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cleanText(rule, tc.input)
			if err != nil || got != tc.want {
				t.Errorf("cleanText(%q) = %q, %v; want %q", tc.input, got, err, tc.want)
			}
		})
	}
	const msgLength = "Name must be 2 to 10 characters long."
	for input, want := range map[string]string{
		"   ":                      "Name is required.",
		"A":                        msgLength,
		"Cafe\u0301 Dental":        msgLength, // 11 characters in NFC
		"e\u0301":                  msgLength, // 1 character in NFC, 2 decomposed
		strings.Repeat("é", 11):    msgLength,
		"\u200b\u200b\u200b\u200b": msgNameInvisible,
	} {
		if _, err := cleanText(rule, input); err == nil || err.Fields["name"] != want {
			t.Errorf("cleanText(%q): %v, want %q", input, err, want)
		}
	}
	optional := textRule{Field: "poolName", Label: "Pool name", Max: 3}
	if _, err := cleanText(optional, "abcd"); err == nil || err.Fields["poolName"] != "Pool name must be 3 characters or fewer." {
		t.Errorf("optional field too long: %v", err)
	}
	if got, err := cleanText(optional, " "); err != nil || got != "" {
		t.Errorf("optional field empty: %q %v", got, err)
	}
}

func TestNameKeyFoldsCaseAndNormalisation(t *testing.T) {
	keys := map[string]bool{}
	for _, name := range []string{"Caf\u00e9 Dental", "Cafe\u0301 Dental", "CAF\u00c9 DENTAL", "CAFE\u0301 dental"} {
		keys[nameKey(name)] = true
	}
	if len(keys) != 1 {
		t.Errorf("composed, decomposed and upper-case names have %d keys, want 1: %v", len(keys), keys)
	}
	if nameKey("Straße") != nameKey("STRASSE") || nameKey("Acme") == nameKey("Acne") {
		t.Error("nameKey does not fold as a person reads")
	}
}

func TestSafeFileName(t *testing.T) {
	cases := []struct{ name, input, want string }{
		{"file-system characters", `Acme/Dental: East`, "Acme_Dental_ East"},
		{"every refused character", `a<b>c:d"e/f\g|h?i*j`, "a_b_c_d_e_f_g_h_i_j"},
		{"right-to-left override", "Invoice \u202egpj.exe", "Invoice _gpj.exe"},
		{"zero-width space", "Acme\u200bDental", "Acme_Dental"},
		{"C1 control", "Acme\u009bDental", "Acme_Dental"},
		{"line separator", "Acme\u2028Dental", "Acme_Dental"},
		{"a run of invalid bytes", "Acme\xff\xfeDental", "Acme_Dental"},
		{"decomposed is composed", "Cafe\u0301", "Caf\u00e9"},
		{"leading dots would hide the file", "..env", "env"},
		{"trailing dots and spaces", "Acme. . ", "Acme"},
		{"nothing left", "...", "sub-account"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := safeFileName(tc.input); got != tc.want {
				t.Errorf("safeFileName(%q) = %q, want %q", tc.input, got, tc.want)
			}
		})
	}
}

// FuzzCleanText checks the free-text rule on any input: what it accepts is
// NFC, holds no forbidden character, is within the length bounds and comes
// back unchanged when cleaned again; what it refuses is an invalid error on
// the field.
func FuzzCleanText(f *testing.F) {
	for _, tc := range hostileTexts {
		f.Add(tc.input)
	}
	for _, s := range []string{"", " ", "Acme Dental", "  Cafe\u0301  ", "\u3000x\u3000", "Acme\n", "a\u0323\u0302",
		"\u1100\u1161\u11a8", "\ufb01", "ΣΊΣΥΦΟΣ", "\u0958", " \u0301x", "\u2000ab\u2001", "\U0001F468\u200d\U0001F469"} {
		f.Add(s)
	}
	rule := textRule{Field: "name", Label: "Name", Min: 2, Max: 20}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := cleanText(rule, input)
		if err != nil {
			if err.Code != CodeInvalid || err.Fields["name"] == "" || got != "" {
				t.Fatalf("cleanText(%q) refused with %v and returned %q", input, err, got)
			}
			return
		}
		if strings.ContainsFunc(got, forbiddenRune) {
			t.Fatalf("cleanText(%q) = %q holds a forbidden character", input, got)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("cleanText(%q) = %q is not NFC", input, got)
		}
		if n := utf8.RuneCountInString(got); n < rule.Min || n > rule.Max || got != strings.TrimSpace(got) {
			t.Fatalf("cleanText(%q) = %q breaks the length or trimming rule", input, got)
		}
		again, err := cleanText(rule, got)
		if err != nil || again != got {
			t.Fatalf("cleanText is not idempotent: %q -> %q -> %q, %v", input, got, again, err)
		}
		if key := nameKey(got); !norm.NFC.IsNormalString(key) || key != nameKey(norm.NFD.String(got)) {
			t.Fatalf("nameKey(%q) = %q is not NFC, or not that of the decomposed form", got, key)
		}
		if name := safeFileName(got); strings.ContainsFunc(name, forbiddenRune) || !norm.NFC.IsNormalString(name) {
			t.Fatalf("safeFileName(%q) = %q", got, name)
		}
	})
}
