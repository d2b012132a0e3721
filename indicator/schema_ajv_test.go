package indicator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestSchemaAjv checks the JSON Schemas with Ajv, a validator independent
// of the Go decoder: every model and overlay file of the repository that
// the decoder and validation accept must be valid under its schema, and
// every document they reject must be invalid, where a schema can say why.
// The rejected documents are the hand-written ones in
// testdata/schema/invalid and, for every model file of the repository, its
// mutations: an unknown member added to each object, and each method and
// each enumerated string replaced by a value that does not exist.
//
// It needs node and the npm packages ajv and ajv-formats: PPGPA_AJV_DIR
// names the node_modules folder that holds them (.ci/run installs them).
// Without it the test is skipped, or fails when CI is set.
func TestSchemaAjv(t *testing.T) {
	dir := os.Getenv("PPGPA_AJV_DIR")
	if dir == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("PPGPA_AJV_DIR is not set (CI must check the JSON Schemas with Ajv; see .ci/run)")
		}
		t.Skip("PPGPA_AJV_DIR is not set: the JSON Schemas are not checked with Ajv")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("PPGPA_AJV_DIR is set but node is not installed: %v", err)
	}

	type doc struct {
		path    string // file checked
		name    string // what the failure message calls it
		overlay bool
		want    bool // valid
	}
	var docs []doc
	tmp := t.TempDir()
	add := func(name string, b []byte, overlay, want bool) {
		p := filepath.Join(tmp, fmt.Sprintf("%04d.json", len(docs)))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{p, name, overlay, want})
	}

	// The repository's files.
	err = filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || filepath.Ext(path) != ".json" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var top map[string]json.RawMessage
		if json.Unmarshal(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), &top) != nil {
			return nil // not a JSON object: not a model file
		}
		if _, ok := top["ppgpa"]; !ok {
			return nil
		}
		_, isModel := top["root"]
		invalidCase := strings.Contains(path, filepath.Join("testdata", "schema", "invalid"))
		if invalidCase {
			// The invalid cases say what they are by their name.
			isModel = !strings.HasPrefix(d.Name(), "overlay_")
		}
		ok := decodesAndValidates(b, !isModel) == nil
		if ok && invalidCase {
			t.Errorf("%s: the decoder accepts this document, which should be invalid", path)
		}
		if !ok && !invalidCase {
			// A file the decoder rejects for a reason a schema cannot
			// express (cmd's invalid examples) is not a schema case.
			return nil
		}
		add(path, b, !isModel, ok)
		if ok && isModel {
			for _, m := range mutations(t, b) {
				if decodesAndValidates(m.doc, false) == nil {
					t.Errorf("%s: the decoder accepts the mutation %s", path, m.what)
					continue
				}
				add(path+": "+m.what, m.doc, false, false)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 20 {
		t.Fatalf("only %d model and overlay documents found", len(docs))
	}

	for _, overlay := range []bool{false, true} {
		schema := "model.schema.json"
		if overlay {
			schema = "overlay.schema.json"
		}
		args := []string{filepath.Join("testdata", "schema", "validate.js"), schema}
		byPath := map[string]doc{}
		for _, d := range docs {
			if d.overlay == overlay {
				args = append(args, d.path)
				byPath[d.path] = d
			}
		}
		cmd := exec.Command(node, args...)
		cmd.Env = append(os.Environ(), "NODE_PATH="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("node validate.js %s: %v\n%s", schema, err, stderr.Bytes())
		}
		seen := 0
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		var wrong []string
		for sc.Scan() {
			var r struct {
				File   string   `json:"file"`
				Valid  bool     `json:"valid"`
				Errors []string `json:"errors"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("validate.js printed %q: %v", sc.Text(), err)
			}
			d := byPath[r.File]
			seen++
			if r.Valid != d.want {
				wrong = append(wrong, fmt.Sprintf("%s: schema says valid=%v, the decoder says %v %v", d.name, r.Valid, d.want, r.Errors))
			}
		}
		if seen != len(byPath) {
			t.Errorf("%s: %d results for %d documents", schema, seen, len(byPath))
		}
		sort.Strings(wrong)
		for _, w := range wrong {
			t.Error(w)
		}
		t.Logf("%s: %d documents checked with Ajv", schema, seen)
	}
}

// decodesAndValidates decodes b as a model and validates it, or decodes
// it as an overlay.
func decodesAndValidates(b []byte, overlay bool) error {
	if overlay {
		_, err := DecodeOverlay(bytes.NewReader(b)) // validated when applied to its base
		return err
	}
	m, err := DecodeModel(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return m.Validate()
}

type mutation struct {
	what string
	doc  []byte
}

// mutations returns the mutations of the model document b that the
// decoder must reject and the schema can: an unknown member in each
// object, an unknown method in each method-bearing object, an unknown
// value of each enumerated string member.
func mutations(t *testing.T, b []byte) []mutation {
	t.Helper()
	var root any
	if err := json.Unmarshal(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), &root); err != nil {
		t.Fatal(err)
	}
	enums := map[string]bool{"polarity": true, "ties": true, "direction": true, "nan": true, "op": true,
		"priority": true, "ri_table": true, "scale": true, "group": true, "variant": true}
	var out []mutation
	var walk func(path string, v any, set func(any))
	mutate := func(what string, f func()) {
		f()
		m, err := json.Marshal(root)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, mutation{what, m})
	}
	walk = func(path string, v any, set func(any)) {
		switch v := v.(type) {
		case map[string]any:
			mutate(path+": unknown member", func() { v["no_such_member"] = 1 })
			delete(v, "no_such_member")
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				old := v[k]
				if s, ok := old.(string); ok && (k == "method" || enums[k]) && path != "$.root" {
					mutate(fmt.Sprintf("%s.%s: %q -> unknown", path, k, s), func() { v[k] = "no_such_" + k })
					v[k] = old
				}
				walk(path+"."+k, old, func(n any) { v[k] = n })
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e, func(n any) { v[i] = n })
			}
		}
	}
	walk("$", root, func(any) {})
	return out
}
