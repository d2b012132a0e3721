package ranking

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ppgpa/ppgpa/indicator"
)

// fingerprintTag versions the canonical encoding hashed by Fingerprint.
const fingerprintTag = "ppgpa-fingerprint-v2"

// Fingerprint returns the SHA-256 (lowercase hex) of a canonical encoding
// of a model, its data and the options of an analysis, so that a published
// result can be tied to exactly what produced it:
//
//	SHA-256( tag || section(model) || section(data) || section(options) )
//	section(b) = uint64 big-endian len(b) || b
//
// where tag is "ppgpa-fingerprint-v2" and
//
//   - model is [indicator.Model.Encode] (canonical JSON). It includes the
//     model's ranking section, so every option that changes scores, ranks
//     or grades (direction, ties, tie tolerances, NaN policy, grades) is
//     hashed;
//   - data is the table in a canonical CSV form that does not depend on
//     the order of rows, columns or attributes, none of which changes a
//     score: a header "unit", the numeric columns sorted by name, then the
//     attributes sorted by name; then one record per unit, sorted by unit
//     id (byte order), with numbers in shortest round-trip form
//     (strconv 'g', -1) and "NA" for a missing value. The name of the
//     unit-id column in the source file is not hashed;
//   - options is the encoding/json encoding of opts (struct fields in
//     declaration order; nil encodes as null). Settings that only decide
//     how results are compared, not what they are, must not be passed:
//     a [VerifySettings] (or *VerifySettings) opts is hashed as nil, so
//     the fingerprint of a verification does not depend on its score
//     tolerance and equals Fingerprint(m, t, nil).
//
// A nil model or table hashes as an empty section. It returns the
// encoders' errors (for example NaN in a model or options).
func Fingerprint(m *indicator.Model, t *indicator.Table, opts any) (string, error) {
	var model, data bytes.Buffer
	if m != nil {
		if err := m.Encode(&model); err != nil {
			return "", fmt.Errorf("ranking: fingerprint: model: %w", err)
		}
	}
	if t != nil {
		if err := canonicalCSV(&data, t); err != nil {
			return "", fmt.Errorf("ranking: fingerprint: data: %w", err)
		}
	}
	switch opts.(type) {
	case VerifySettings, *VerifySettings:
		opts = nil // comparison only: never part of what is verified
	}
	o, err := json.Marshal(opts)
	if err != nil {
		return "", fmt.Errorf("ranking: fingerprint: options: %w", err)
	}
	h := sha256.New()
	h.Write([]byte(fingerprintTag))
	for _, b := range [][]byte{model.Bytes(), data.Bytes(), o} {
		var l [8]byte
		binary.BigEndian.PutUint64(l[:], uint64(len(b)))
		h.Write(l[:])
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// canonicalCSV writes t with rows sorted by unit id, numeric columns and
// attributes sorted by name (see [Fingerprint]), in the bytes
// encoding/csv's Writer writes for the same records (LF line ends); the
// numbers are appended with strconv.AppendFloat into one reused buffer,
// which is flushed to w every 32 KiB, so that the encoding can be hashed
// as it is made.
func canonicalCSV(w io.Writer, t *indicator.Table) error {
	units, cols, attrs := t.Units(), t.Columns(), t.Attributes()
	colIdx := make([]int, len(cols))
	for j := range colIdx {
		colIdx[j] = j
	}
	slices.SortFunc(colIdx, func(a, b int) int { return strings.Compare(cols[a], cols[b]) })
	slices.Sort(attrs)
	attrVals := make([][]string, len(attrs))
	for k, a := range attrs {
		attrVals[k], _ = t.Attribute(a)
	}
	rows := make([]int, len(units))
	for i := range rows {
		rows[i] = i
	}
	slices.SortFunc(rows, func(a, b int) int { return strings.Compare(units[a], units[b]) })
	buf := make([]byte, 0, 1<<15+512)
	var err error
	flush := func() {
		if err == nil && len(buf) > 0 {
			_, err = w.Write(buf)
		}
		buf = buf[:0]
	}
	buf = appendCSVField(buf, "unit")
	for _, j := range colIdx {
		buf = appendCSVField(append(buf, ','), cols[j])
	}
	for _, a := range attrs {
		buf = appendCSVField(append(buf, ','), a)
	}
	buf = append(buf, '\n')
	for _, i := range rows {
		buf = appendCSVField(buf, units[i])
		for _, j := range colIdx {
			buf = append(buf, ',')
			if x := t.Value(i, j); math.IsNaN(x) {
				buf = append(buf, "NA"...)
			} else {
				// Numbers never need quoting: digits, '.', 'e', signs, "Inf".
				buf = strconv.AppendFloat(buf, x, 'g', -1, 64)
			}
		}
		for k := range attrs {
			buf = appendCSVField(append(buf, ','), attrVals[k][i])
		}
		buf = append(buf, '\n')
		if len(buf) >= 1<<15 {
			flush()
		}
	}
	flush()
	return err
}

// appendCSVField appends f as encoding/csv's Writer (comma ',', LF line
// ends) writes a field: quoted, with quotes doubled, when it holds a
// comma, a quote, CR or LF, begins with a space (unicode.IsSpace) or is
// \.; as is otherwise.
func appendCSVField(b []byte, f string) []byte {
	quote := f == `\.`
	if !quote && f != "" {
		quote = strings.ContainsAny(f, ",\"\r\n")
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsSpace(r) {
			quote = true
		}
	}
	if !quote {
		return append(b, f...)
	}
	b = append(b, '"')
	for k := 0; k < len(f); k++ {
		if f[k] == '"' {
			b = append(b, '"')
		}
		b = append(b, f[k])
	}
	return append(b, '"')
}
