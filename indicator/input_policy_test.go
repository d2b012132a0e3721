package indicator_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestDecodeModelInputPolicy: the JSON input policy shared by every JSON
// input. A model saved as GBK was accepted with every Chinese name turned
// into U+FFFD, and a BOM gave "invalid character 'ï'".
func TestDecodeModelInputPolicy(t *testing.T) {
	const model = `{"ppgpa": 1, "name": "%s", "root": {"id": "r", "children": [{"id": "a", "column": "a"}]}}`
	if _, err := indicator.DecodeModel(strings.NewReader("\uFEFF" + fmt.Sprintf(model, "区县"))); err != nil {
		t.Errorf("UTF-8 BOM: %v", err)
	}
	// "区县" in GBK is C7 F8 CF D8.
	gbk := fmt.Sprintf(model, "\xc7\xf8\xcf\xd8")
	_, err := indicator.DecodeModel(strings.NewReader(gbk))
	if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), "byte 22 (0xc7) is not valid UTF-8") {
		t.Errorf("GBK model: err = %v, want the byte offset named", err)
	}
	for name, doc := range map[string]string{
		"repeated member":    `{"ppgpa": 1, "name": "a", "name": "b"}`,
		"escape in name":     fmt.Sprintf(model, `\u001b]0;owned\u0007`),
		"control in id":      `{"ppgpa": 1, "root": {"id": "r\u0000"}}`,
		"control in key":     `{"ppgpa": 1, "na\u0001me": "x"}`,
		"trailing":           fmt.Sprintf(model, "x") + " {}",
		"invalid in overlay": "\xff",
	} {
		if _, err := indicator.DecodeModel(strings.NewReader(doc)); !errors.Is(err, indicator.ErrInvalidModel) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if _, err := indicator.DecodeOverlay(strings.NewReader("{\"name\": \"\xc7\xf8\"}")); err == nil || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("GBK overlay: err = %v", err)
	}
	// A name with a line feed passes the JSON policy (descriptions may
	// hold one) but not validation: names are single-line labels.
	m, err := indicator.DecodeModel(strings.NewReader(fmt.Sprintf(model, `a\nb`)))
	if err != nil {
		t.Fatal(err)
	}
	m.Root.Name = "x\x1b[2J"
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "control character") {
		t.Errorf("Validate of a name with ESC: %v", err)
	}
}

// TestDecodeModelNodeBound: a model of more than MaxNodes nodes is
// rejected while its document is checked, before decoding (a 49 MB model
// of a million leaves needed 3.2 GB to validate).
func TestDecodeModelNodeBound(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"ppgpa": 1, "root": {"id": "r", "children": [`)
	for i := range indicator.MaxNodes {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"l%d","column":"c%d"}`, i, i)
	}
	b.WriteString(`]}}`)
	_, err := indicator.DecodeModel(&b)
	if !errors.Is(err, indicator.ErrInvalidModel) || !strings.Contains(err.Error(), fmt.Sprintf("more than %d", indicator.MaxNodes-1)) {
		t.Fatalf("err = %v", err)
	}
}
