package indicator

import (
	"math"

	"github.com/ppgpa/ppgpa/internal/nanjson"
)

// The JSON form of results: encoding/json refuses NaN, which results use
// for missing values, so these types encode NaN as null and decode null
// back to NaN. Members are named by the json tags of the fields
// (snake_case: "units", "score", "nodes", "local_weight", ...); infinite
// values are an error.

type (
	resultJSON Result
	recordJSON Record
)

// MarshalJSON encodes r with the member names of its fields' tags and
// NaN as null.
func (r *Result) MarshalJSON() ([]byte, error) { return nanjson.Marshal((*resultJSON)(r)) }

// UnmarshalJSON decodes the form written by [Result.MarshalJSON], null as
// NaN; unknown members are errors.
func (r *Result) UnmarshalJSON(b []byte) error { return nanjson.Unmarshal(b, (*resultJSON)(r)) }

// Record is one unit's result at one node: the flat form of a [Result]
// for a database table (one row per unit and node).
type Record struct {
	// Unit is the unit's id; Node, Path and Leaf identify the node.
	Unit string `json:"unit"`
	Node string `json:"node"`
	Path string `json:"path"`
	Leaf bool   `json:"leaf"`
	// Score is the node's score for the unit (NodeResult.Scores).
	Score float64 `json:"score"`
	// Points is what the node adds to the final score
	// ([Result.Points]); Contribution what it adds to its parent's score
	// and Share that as a share of the parent's aggregate (NaN for the
	// root).
	Points       float64 `json:"points"`
	Contribution float64 `json:"contribution"`
	Share        float64 `json:"share"`
	// Imputed reports an imputed raw value (leaves); Vetoed that the unit
	// meets a veto rule of this node.
	Imputed bool `json:"imputed"`
	Vetoed  bool `json:"vetoed"`
}

// MarshalJSON encodes rec with NaN as null.
func (rec Record) MarshalJSON() ([]byte, error) { return nanjson.Marshal(recordJSON(rec)) }

// UnmarshalJSON decodes the form written by [Record.MarshalJSON].
func (rec *Record) UnmarshalJSON(b []byte) error { return nanjson.Unmarshal(b, (*recordJSON)(rec)) }

// Records returns r in flat form: one [Record] per unit and node, units
// in table order and nodes in tree pre-order within each unit. r is not
// modified.
func (r *Result) Records() []Record {
	pts := r.Points()
	out := make([]Record, 0, len(r.Units)*len(r.Nodes))
	for u, id := range r.Units {
		for i, n := range r.Nodes {
			rec := Record{Unit: id, Node: n.ID, Path: n.Path, Leaf: n.Leaf, Score: n.Scores[u], Points: pts[i][u],
				Contribution: nanAt(n.Contribution, u), Share: nanAt(n.Share, u)}
			if n.Imputed != nil {
				rec.Imputed = n.Imputed[u]
			}
			if n.Vetoed != nil {
				rec.Vetoed = n.Vetoed[u]
			}
			out = append(out, rec)
		}
	}
	return out
}

func nanAt(x []float64, i int) float64 {
	if x == nil {
		return math.NaN()
	}
	return x[i]
}
