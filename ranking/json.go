package ranking

import "github.com/ppgpa/ppgpa/internal/nanjson"

// JSON of results: encoding/json refuses NaN, which results use for
// undefined values, so these types encode NaN as null and decode null
// back to NaN. Members are named by the fields' json tags, or by the Go
// field names where there are none (Distribution, GradeResult), as
// encoding/json names them; infinite values are an error.

type (
	distributionJSON Distribution
	gradeResultJSON  GradeResult
	explanationJSON  Explanation
)

// MarshalJSON encodes d with its field names and NaN as null.
func (d *Distribution) MarshalJSON() ([]byte, error) {
	return nanjson.Marshal((*distributionJSON)(d))
}

// UnmarshalJSON decodes the form written by [Distribution.MarshalJSON].
func (d *Distribution) UnmarshalJSON(b []byte) error {
	return nanjson.Unmarshal(b, (*distributionJSON)(d))
}

// MarshalJSON encodes g with its field names and NaN as null.
func (g *GradeResult) MarshalJSON() ([]byte, error) { return nanjson.Marshal((*gradeResultJSON)(g)) }

// UnmarshalJSON decodes the form written by [GradeResult.MarshalJSON].
func (g *GradeResult) UnmarshalJSON(b []byte) error {
	return nanjson.Unmarshal(b, (*gradeResultJSON)(g))
}

// MarshalJSON encodes e with the member names of its fields' tags and
// NaN as null.
func (e *Explanation) MarshalJSON() ([]byte, error) { return nanjson.Marshal((*explanationJSON)(e)) }

// UnmarshalJSON decodes the form written by [Explanation.MarshalJSON].
func (e *Explanation) UnmarshalJSON(b []byte) error {
	return nanjson.Unmarshal(b, (*explanationJSON)(e))
}
