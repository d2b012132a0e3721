package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

func TestSchemaCommand(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		want  []byte
		title string
	}{
		{[]string{"schema"}, indicator.ModelSchema(), "ppgpa model"},
		{[]string{"schema", "-overlay"}, indicator.OverlaySchema(), "ppgpa overlay"},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), tc.args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errb.String())
		}
		if !bytes.Equal(out.Bytes(), tc.want) {
			t.Errorf("%v: output is not the package's schema", tc.args)
		}
		var s struct {
			Schema string `json:"$schema"`
			Title  string `json:"title"`
		}
		if err := json.Unmarshal(out.Bytes(), &s); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if s.Schema != "https://json-schema.org/draft/2020-12/schema" || s.Title != tc.title {
			t.Errorf("%v: $schema %q, title %q", tc.args, s.Schema, s.Title)
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"schema", "extra"}, strings.NewReader(""), &out, &errb); code != exitUsage {
		t.Errorf("schema with an argument: exit %d, want %d", code, exitUsage)
	}
}
