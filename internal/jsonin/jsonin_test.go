package jsonin

import (
	"errors"
	"strings"
	"testing"
)

// TestCheck: each rule of the policy, with the location it names.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, doc, want string // want "" = accepted
	}{
		{"plain", `{"a": [1, "x\ty"]}`, ""},
		{"BOM", "\uFEFF{\"a\": 1}", ""},
		{"scalar", `3`, ""},
		{"GBK", "{\"a\": \"\xc4\xd0\"}", "line 1, column 8: byte 7 (0xc4) is not valid UTF-8"},
		{"truncated UTF-8", "{\"a\": \"\xe4\xb8\"}", "byte 7 (0xe4)"},
		{"repeated", "{\"a\": 1,\n \"a\": 2}", `line 2, column 2: member "a" repeated`},
		{"repeated nested", `{"a": {"b": 1, "b": 1}}`, `member "b" repeated`},
		{"same name in sibling objects", `[{"a": 1}, {"a": 2}]`, ""},
		{"ESC in value", `{"a": "\u001b[2J"}`, "control character U+001B"},
		{"NUL in key", `{"a\u0000": 1}`, "member name"},
		{"tab in key", `{"a\tb": 1}`, "control character U+0009"},
		{"DEL", `{"a": "\u007f"}`, "U+007F"},
		{"trailing", `{} {}`, "line 1, column 4: data after the end"},
		{"syntax", "{\"a\": x}", "line 1, column 7: invalid character 'x'"},
		{"empty", "", "unexpected end of input"},
		{"unclosed", `{"a": [1`, "unexpected end"},
	} {
		_, err := Check([]byte(tc.doc))
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	b, err := Check([]byte("\uFEFF[]"))
	if err != nil || string(b) != "[]" {
		t.Errorf("BOM not stripped: %q %v", b, err)
	}
}

// TestCheckLimit counts the elements of the named arrays at every depth,
// and only those.
func TestCheckLimit(t *testing.T) {
	doc := `{"children": [{"children": [1, 2]}, {"x": [1, 2, 3, 4]}, {"children": []}]}`
	if _, err := CheckLimit([]byte(doc), Limit{Key: "children", Max: 5}); err != nil {
		t.Errorf("5 elements: %v", err)
	}
	if _, err := CheckLimit([]byte(doc), Limit{Key: "children", Max: 4}); !errors.Is(err, ErrLimit) {
		t.Errorf("limit 4: %v", err)
	}
}

// TestCheckName rejects every control character, tab and line feed
// included, and accepts Chinese.
func TestCheckName(t *testing.T) {
	if err := CheckName("综合得分 (2024)"); err != nil {
		t.Error(err)
	}
	for _, s := range []string{"a\nb", "a\tb", "\x1b[2J", "a\u0085"} {
		if CheckName(s) == nil {
			t.Errorf("%q accepted", s)
		}
	}
}
