package backend

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// textRule is the rule every free-text field follows: valid UTF-8,
// normalised to NFC, trimmed of spaces at both ends, no control, format or
// line-separator characters, and Min to Max characters long (Min 0: may be
// empty).
type textRule struct {
	Field string // the field an error names
	Label string // the field as a sentence starts it: "Name", "Pool name"
	Min   int
	Max   int
}

// cleanText returns value as rule stores it, or an invalid error on
// rule.Field naming the first rule broken. The checks, in order:
//   - the bytes are valid UTF-8, without U+FFFD (the mark of bytes that were
//     not: the boundary's JSON decoder turns invalid bytes into it);
//   - no control character (Cc: C0, DEL and C1, NUL among them) and no line
//     or paragraph separator (Zl, Zp): text is one line;
//   - no format character (Cf): zero-width spaces and joiners, the byte-order
//     mark, soft hyphens, bidirectional marks, embeddings, overrides and
//     isolates, tags; they are invisible and make two names look alike or
//     reorder what is shown around them;
//   - the length in characters, after NFC and trimming.
//
// The result is NFC and cleanText of it returns it unchanged.
func cleanText(rule textRule, value string) (string, *Error) {
	if !utf8.ValidString(value) || strings.ContainsRune(value, utf8.RuneError) {
		return "", FieldError(rule.Field, rule.Label+" must be valid text: it contains bytes that are not UTF-8.")
	}
	text := strings.TrimSpace(norm.NFC.String(value))
	if strings.ContainsFunc(text, isLineOrControl) {
		return "", FieldError(rule.Field, rule.Label+" cannot contain line breaks or control characters.")
	}
	if strings.ContainsFunc(text, isInvisible) {
		return "", FieldError(rule.Field, rule.Label+
			" cannot contain invisible or control characters such as zero-width spaces or direction overrides.")
	}
	n := utf8.RuneCountInString(text)
	switch {
	case n == 0 && rule.Min > 0:
		return "", FieldError(rule.Field, rule.Label+" is required.")
	case n > rule.Max && rule.Min == 0:
		return "", FieldError(rule.Field, fmt.Sprintf("%s must be %d characters or fewer.", rule.Label, rule.Max))
	case n < rule.Min || n > rule.Max:
		return "", FieldError(rule.Field, fmt.Sprintf("%s must be %d to %d characters long.", rule.Label, rule.Min, rule.Max))
	}
	return text, nil
}

// isLineOrControl reports control characters (Cc: C0, DEL, C1) and the
// line and paragraph separators (Zl, Zp).
func isLineOrControl(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Zl, unicode.Zp)
}

// isInvisible reports format characters (Cf): zero-width and bidirectional
// controls, the byte-order mark, soft hyphens, tags.
func isInvisible(r rune) bool { return unicode.Is(unicode.Cf, r) }

// forbiddenRune reports the characters no free text may hold: those
// cleanText refuses, and utf8.RuneError, which stands for invalid bytes when
// a string is read rune by rune.
func forbiddenRune(r rune) bool {
	return r == utf8.RuneError || isLineOrControl(r) || isInvisible(r)
}

// sanitizeText returns text in NFC with '_' in place of every character
// that no free text may hold (see forbiddenRune) and of every rune in also:
// for text that is not refused but shown or used, such as a file name made
// from a name stored before these rules.
func sanitizeText(text, also string) string {
	return norm.NFC.String(strings.Map(func(r rune) rune {
		if forbiddenRune(r) || strings.ContainsRune(also, r) {
			return '_'
		}
		return r
	}, strings.ToValidUTF8(text, string(utf8.RuneError))))
}

// foldKey is the form in which two texts that a person reads as the same
// are equal: NFC, then case-folded, then NFC again (folding can leave text
// that is not NFC). "Café" composed and decomposed, and "CAFÉ", share a key.
func foldKey(text string) string {
	return norm.NFC.String(cases.Fold().String(norm.NFC.String(text)))
}
