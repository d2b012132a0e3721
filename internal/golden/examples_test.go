package golden

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/ranking"
)

// columnRole is how a generated table fills a column that a model names.
type columnRole int

const (
	roleValue columnRole = iota // an indicator value
	roleSE                      // a standard error
	roleCount                   // bonus or penalty counts
	roleFlag                    // a veto flag
)

// modelColumns returns the columns a model file refers to, with their role
// (from the JSON member that names them: se_column, or a column under
// veto, bonus or penalty).
func modelColumns(doc []byte) (map[string]columnRole, error) {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, err
	}
	cols := map[string]columnRole{}
	var walk func(v any, parent string)
	walk = func(v any, parent string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				name, isString := c.(string)
				switch {
				case k == "se_column" && isString:
					cols[name] = roleSE
				case k == "column" && isString:
					role := roleValue
					switch parent {
					case "veto":
						role = roleFlag
					case "bonus", "penalty":
						role = roleCount
					}
					if _, seen := cols[name]; !seen {
						cols[name] = role
					}
				}
				walk(c, k)
			}
		case []any:
			for _, c := range x {
				walk(c, parent)
			}
		}
	}
	walk(v, "")
	return cols, nil
}

// exampleTable returns a table of 30 units with every column of cols
// drawn from the stream seed according to its role; values lie in
// (0, 100].
func exampleTable(cols map[string]columnRole, seed uint64) (*indicator.Table, error) {
	names := make([]string, 0, len(cols))
	for c := range cols {
		names = append(names, c)
	}
	sort.Strings(names)
	src := rng.New(seed, 0)
	const n = 30
	units := make([]string, n)
	data := make([][]float64, n)
	for i := range data {
		units[i] = fmt.Sprintf("unit%02d", i)
		row := make([]float64, len(names))
		for j, c := range names {
			switch cols[c] {
			case roleSE:
				row[j] = float64(0.5 + src.Float64())
			case roleCount:
				row[j] = float64(src.IntN(4) / 2)
			case roleFlag:
				if src.IntN(10) == 0 {
					row[j] = 1
				}
			default:
				// At most 100, so that leaves already on the 0-100 scale
				// ("none" normalisation) stay in its domain.
				row[j] = math.Min(100, float64(60*detmath.Exp(float64(0.2*rng.Normal(src)))))
			}
		}
		data[i] = row
	}
	return indicator.NewTable(units, names, data)
}

// TestExampleModels scores every model shipped in examples/ on generated
// data with the columns it names (and on its own data.csv when there is
// one), and records the model and data fingerprint.
func TestExampleModels(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "examples", "*", "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r record
	for k, f := range files {
		name := filepath.Base(filepath.Dir(f))
		doc, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := indicator.DecodeModel(bytes.NewReader(doc))
		r.err(name+".DecodeModel", err)
		if err != nil {
			continue
		}
		scoreExample(t, &r, name, m, doc, uint64(500+k))
		// The locality overlays shipped beside the model.
		overlays, err := filepath.Glob(filepath.Join(filepath.Dir(f), "overlay_*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, of := range overlays {
			oname := name + "+" + filepath.Base(of)
			ob, err := os.ReadFile(of)
			if err != nil {
				t.Fatal(err)
			}
			o, err := indicator.DecodeOverlay(bytes.NewReader(ob))
			r.err(oname+".DecodeOverlay", err)
			if err != nil {
				continue
			}
			eff, err := indicator.ApplyOverlay(m, o)
			r.err(oname+".ApplyOverlay", err)
			if err != nil {
				continue
			}
			var buf bytes.Buffer
			if err := eff.Encode(&buf); err != nil {
				t.Fatal(err)
			}
			scoreExample(t, &r, oname, eff, buf.Bytes(), uint64(500+k))
		}
	}
	r.check(t, "examples")
}

// scoreExample compiles m (whose JSON form is doc) and scores it on a
// generated table with the columns it names.
func scoreExample(t *testing.T, r *record, name string, m *indicator.Model, doc []byte, seed uint64) {
	t.Helper()
	ctx := context.Background()
	p, err := indicator.Compile(m)
	r.err(name+".Compile", err)
	if err != nil {
		return
	}
	cols, err := modelColumns(doc)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := exampleTable(cols, seed)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Evaluate(ctx, tab)
	r.err(name+".Evaluate", err)
	if err == nil {
		recordResult(r, name, res)
		rk, err := ranking.Rank(res.Score, res.Units, ranking.Options{})
		r.err(name+".Rank", err)
		r.fs(name+".Rank", rk)
	}
	fp, err := ranking.Fingerprint(m, tab, nil)
	r.err(name+".Fingerprint", err)
	r.s(name+".Fingerprint", fp)
}
