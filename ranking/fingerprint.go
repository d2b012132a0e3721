package ranking

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/internal/csvtext"
)

// LibraryVersion is the version of this library's methods. It is one of
// the parts of every fingerprint (see [FingerprintOf]): a result computed
// by another version of the methods has another fingerprint, and a
// verification says so. It changes whenever a change of method changes
// some published score, rank or grade.
const LibraryVersion = "0.1.0"

// The tags that version the encodings hashed by [FingerprintOf].
const (
	fingerprintTag = "ppgpa-fingerprint-v3\n"
	modelTag       = "ppgpa-model-v3\n"
	dataTag        = "ppgpa-data-v3\n"
	settingsTag    = "ppgpa-settings-v3\n"
)

// FingerprintParts are the separate digests of what produced a result and
// the fingerprint that combines them (see [FingerprintOf]). Each digest is
// a SHA-256 in lowercase hex.
type FingerprintParts struct {
	// Version is [LibraryVersion] of the library that computed the result.
	Version string `json:"version"`
	// Model is the digest of the model (its canonical JSON).
	Model string `json:"model"`
	// Data is the digest of the data (a canonical form independent of the
	// order of rows, columns and attributes).
	Data string `json:"data"`
	// Settings is the digest of the analysis' options.
	Settings string `json:"settings"`
	// Fingerprint combines the version and the three digests; it is what
	// [Fingerprint] returns and what a publication prints.
	Fingerprint string `json:"fingerprint"`
}

// String formats p on one line, the combined fingerprint in full and the
// parts by their first 16 hex digits, as the command line prints it and
// [ParseFingerprint] reads it back:
//
//	<fingerprint> (library 0.1.0, model 1a2b…, data 3c4d…, settings 5e6f…)
func (p FingerprintParts) String() string {
	short := func(h string) string { return h[:min(16, len(h))] }
	return fmt.Sprintf("%s (library %s, model %s, data %s, settings %s)", p.Fingerprint, p.Version, short(p.Model), short(p.Data), short(p.Settings))
}

// Chinese formats p as [FingerprintParts.String] does with the parts
// labelled in Chinese, as a Chinese report prints it and
// [ParseFingerprint] reads it back:
//
//	<fingerprint>（程序版本 0.1.0，模型 1a2b…，数据 3c4d…，设置 5e6f…）
func (p FingerprintParts) Chinese() string {
	short := func(h string) string { return h[:min(16, len(h))] }
	return fmt.Sprintf("%s（程序版本 %s，模型 %s，数据 %s，设置 %s）", p.Fingerprint, p.Version, short(p.Model), short(p.Data), short(p.Settings))
}

// partLabels are the labels of the parts that [ParseFingerprint] reads:
// English as [FingerprintParts.String] writes them, Chinese as
// [FingerprintParts.Chinese] does (and 版本 for the version).
var partLabels = map[string]string{
	"library": "version", "version": "version", "程序版本": "version", "版本": "version",
	"model": "model", "模型": "model", "data": "data", "数据": "data", "settings": "settings", "设置": "settings",
}

// ParseFingerprint reads a published fingerprint: the 64 hex digits of
// the combined fingerprint, optionally followed or replaced by the parts
// as [FingerprintParts.String] or [FingerprintParts.Chinese] writes them
// ("library V", "model H", "data H", "settings H", or 程序版本, 模型, 数据,
// 设置 with or without a space; separated by commas, spaces, brackets,
// '=', ':' or ';', ASCII or full-width, or 、; a part may be given by a
// prefix of at least 8 hex digits). Parts not given are left empty. It
// returns an error naming the text when it holds neither a fingerprint
// nor a part.
func ParseFingerprint(s string) (FingerprintParts, error) {
	var p FingerprintParts
	var f []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(",()=:;，（）＝：；、", r) || unicode.IsSpace(r)
	}) {
		// A Chinese label written close up to its value: 模型1a2b….
		for _, l := range []string{"程序版本", "版本", "模型", "数据", "设置"} {
			if rest, ok := strings.CutPrefix(w, l); ok && rest != "" {
				f = append(f, l)
				w = rest
				break
			}
		}
		f = append(f, w)
	}
	isHex := func(h string, n int) bool {
		if len(h) < n || len(h) > 64 {
			return false
		}
		for _, c := range h {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
		return true
	}
	for k := 0; k < len(f); k++ {
		w := strings.ToLower(f[k])
		part := partLabels[w]
		switch {
		case len(w) == 64 && isHex(w, 64):
			p.Fingerprint = w
		case part == "version" && k+1 < len(f):
			k++
			p.Version = f[k]
		case part != "" && k+1 < len(f) && isHex(strings.ToLower(f[k+1]), 8):
			k++
			v := strings.ToLower(f[k])
			switch part {
			case "model":
				p.Model = v
			case "data":
				p.Data = v
			default:
				p.Settings = v
			}
		}
	}
	if p == (FingerprintParts{}) {
		return p, fmt.Errorf("ranking: %q holds no fingerprint (64 hex digits) and no part (library, model, data, settings)", s)
	}
	return p, nil
}

// Matches reports whether a published fingerprint pub (as read by
// [ParseFingerprint], possibly with shortened or missing parts) agrees
// with the computed p, and names the parts that differ. When pub gives
// only the combined fingerprint, a difference cannot be located: the
// result is then ["fingerprint"].
func (p FingerprintParts) Matches(pub FingerprintParts) (bool, []string) {
	var d []string
	for _, c := range []struct{ name, a, b string }{
		{"version", p.Version, pub.Version}, {"model", p.Model, pub.Model},
		{"data", p.Data, pub.Data}, {"settings", p.Settings, pub.Settings},
	} {
		if c.b != "" && !strings.HasPrefix(c.a, strings.ToLower(c.b)) && c.a != c.b {
			d = append(d, c.name)
		}
	}
	if pub.Fingerprint != "" && pub.Fingerprint != p.Fingerprint && len(d) == 0 {
		d = append(d, "fingerprint")
	}
	return len(d) == 0, d
}

// Fingerprint returns the combined fingerprint of [FingerprintOf]: the
// SHA-256 (lowercase hex) that ties a published result to exactly the
// library version, model, data and settings that produced it.
func Fingerprint(m *indicator.Model, t *indicator.Table, opts any) (string, error) {
	p, err := FingerprintOf(m, t, opts)
	return p.Fingerprint, err
}

// FingerprintOf returns the separate digests of a model, its data and the
// options of an analysis, and their combination, the fingerprint:
//
//	model    = SHA-256( "ppgpa-model-v3\n"    || canonical JSON of m )
//	data     = SHA-256( "ppgpa-data-v3\n"     || canonical CSV of t )
//	settings = SHA-256( "ppgpa-settings-v3\n" || JSON of opts )
//	fingerprint = SHA-256( "ppgpa-fingerprint-v3\n" || "ppgpa " || LibraryVersion || "\n"
//	                       || model || data || settings )
//
// with the digests as 32 raw bytes in the last line, and
//
//   - the canonical JSON of m is [indicator.Model.Encode], without the
//     "$schema" member (an address for editors). It includes the
//     model's ranking section, so every option that changes scores, ranks
//     or grades (direction, ties, tie tolerances, NaN policy, grades) is
//     hashed;
//   - the canonical CSV of t does not depend on the order of rows, columns
//     or attributes, none of which changes a score: a header "unit", the
//     numeric columns sorted by name, then the attributes sorted by name;
//     then one record per unit, sorted by unit id (byte order), with
//     numbers in shortest round-trip form (strconv 'g', -1) and "NA" for a
//     missing value, fields quoted as encoding/csv quotes them, LF line
//     ends. The name of the unit-id column in the source file is not
//     hashed. The encoding is streamed into the hash, never held whole;
//   - the JSON of opts is its encoding/json encoding (struct fields in
//     declaration order; nil encodes as null). Settings that only decide
//     how results are compared, not what they are, must not be passed:
//     a [VerifySettings] (or *VerifySettings) opts is hashed as nil, so
//     the fingerprint of a verification does not depend on its score
//     tolerance and equals Fingerprint(m, t, nil).
//
// A nil model or table hashes as an empty encoding. In plain words: the
// fingerprint is a checksum of everything that decides the result (the
// library version, the model, the data and the settings); anyone who
// recomputes the result from the same four gets the same fingerprint,
// and if it differs, the parts say which of the four is not the same.
//
// It returns the encoders' errors (for example NaN in a model or options).
func FingerprintOf(m *indicator.Model, t *indicator.Table, opts any) (FingerprintParts, error) {
	return FingerprintOfRecords(m, t, opts, nil)
}

// FingerprintOfRecords is [FingerprintOf] for a table whose canonical CSV
// records are at hand: records (when not nil) are the lines of the
// canonical CSV of t after its header, the last LF optional, such as
// tabular.TableRecords finds in a file that holds them as they are. They
// are hashed as they are, after the header written from t, instead of
// being formatted from t again: the parts are those of FingerprintOf if
// records are what it says, and the caller answers for that.
func FingerprintOfRecords(m *indicator.Model, t *indicator.Table, opts any, records []byte) (FingerprintParts, error) {
	p := FingerprintParts{Version: LibraryVersion}
	hm := sha256.New()
	hm.Write([]byte(modelTag))
	if m != nil {
		mm := *m
		mm.Schema = "" // the schema's address changes nothing computed
		if err := mm.Encode(hm); err != nil {
			return FingerprintParts{}, fmt.Errorf("ranking: fingerprint: model: %w", err)
		}
	}
	hd := sha256.New()
	hd.Write([]byte(dataTag))
	if t != nil && records != nil {
		hd.Write(canonicalHeader(t))
		// In pieces: hashing a piece is a loop of machine code that
		// cannot be interrupted, and a garbage collection starting
		// meanwhile stops every other goroutine until it ends (3 ms
		// for the 4 MB of records of 3,000 units × 200 columns).
		for r := records; len(r) > 0; {
			n := min(len(r), hashPiece)
			hd.Write(r[:n])
			r = r[n:]
		}
		if len(records) > 0 && records[len(records)-1] != '\n' {
			hd.Write([]byte{'\n'})
		}
	} else if t != nil {
		if err := canonicalCSV(hd, t); err != nil {
			return FingerprintParts{}, fmt.Errorf("ranking: fingerprint: data: %w", err)
		}
	}
	switch opts.(type) {
	case VerifySettings, *VerifySettings:
		opts = nil // comparison only: never part of what is verified
	}
	o, err := json.Marshal(opts)
	if err != nil {
		return FingerprintParts{}, fmt.Errorf("ranking: fingerprint: options: %w", err)
	}
	hs := sha256.New()
	hs.Write([]byte(settingsTag))
	hs.Write(o)
	h := sha256.New()
	h.Write([]byte(fingerprintTag))
	h.Write([]byte("ppgpa " + LibraryVersion + "\n"))
	for _, part := range []struct {
		h   hash.Hash
		dst *string
	}{{hm, &p.Model}, {hd, &p.Data}, {hs, &p.Settings}} {
		d := part.h.Sum(nil)
		h.Write(d)
		*part.dst = hex.EncodeToString(d)
	}
	p.Fingerprint = hex.EncodeToString(h.Sum(nil))
	return p, nil
}

// hashPiece is the most bytes of records that FingerprintOfRecords
// hashes in one call (see there).
const hashPiece = 64 << 10

// canonicalCSV writes t with rows sorted by unit id, numeric columns and
// attributes sorted by name (see [Fingerprint]), in the bytes
// encoding/csv's Writer writes for the same records (LF line ends). The
// numbers are appended with appendShortest, chunk of rows by chunk of
// rows: a large table's chunks are formatted on every core at once and
// written to w in their order, as they come, so that the encoding is
// hashed as it is made and never held whole; the bytes are those of one
// pass.
func canonicalCSV(w io.Writer, t *indicator.Table) error {
	units, cols := t.Units(), t.Columns()
	colIdx, attrs := canonicalOrder(t)
	attrVals := make([][]string, len(attrs))
	for k, a := range attrs {
		attrVals[k], _ = t.Attribute(a)
	}
	rows := make([]int, len(units))
	for i := range rows {
		rows[i] = i
	}
	slices.SortFunc(rows, func(a, b int) int { return strings.Compare(units[a], units[b]) })
	if _, err := w.Write(canonicalHeader(t)); err != nil {
		return err
	}
	// format appends the records of rows[lo:hi].
	format := func(buf []byte, lo, hi int) []byte {
		for _, i := range rows[lo:hi] {
			buf = csvtext.AppendField(buf, units[i])
			for _, j := range colIdx {
				buf = append(buf, ',')
				if x := t.Value(i, j); math.IsNaN(x) {
					buf = append(buf, "NA"...)
				} else {
					// Numbers never need quoting: digits, '.', 'e', signs, "Inf".
					buf = appendShortest(buf, x)
				}
			}
			for k := range attrs {
				buf = csvtext.AppendField(append(buf, ','), attrVals[k][i])
			}
			buf = append(buf, '\n')
		}
		return buf
	}
	step := max(1, canonicalChunk/(len(cols)+len(attrs)+1))
	return csvtext.Chunks((len(rows)+step-1)/step, func(buf []byte, k int) []byte {
		return format(buf, k*step, min((k+1)*step, len(rows)))
	}, func(b []byte) error {
		_, err := w.Write(b)
		return err
	})
}

// canonicalOrder returns the indices of t's numeric columns sorted by
// name and its attributes sorted, the order of the canonical CSV.
func canonicalOrder(t *indicator.Table) (colIdx []int, attrs []string) {
	cols := t.Columns()
	colIdx = make([]int, len(cols))
	for j := range colIdx {
		colIdx[j] = j
	}
	slices.SortFunc(colIdx, func(a, b int) int { return strings.Compare(cols[a], cols[b]) })
	attrs = t.Attributes()
	slices.Sort(attrs)
	return colIdx, attrs
}

// canonicalHeader returns the header line of t's canonical CSV.
func canonicalHeader(t *indicator.Table) []byte {
	colIdx, attrs := canonicalOrder(t)
	cols := t.Columns()
	head := csvtext.AppendField(nil, "unit")
	for _, j := range colIdx {
		head = csvtext.AppendField(append(head, ','), cols[j])
	}
	for _, a := range attrs {
		head = csvtext.AppendField(append(head, ','), a)
	}
	return append(head, '\n')
}

// canonicalChunk is about the number of cells of one chunk of rows of
// canonicalCSV.
var canonicalChunk = 1 << 13

// appendShortest appends strconv.AppendFloat(b, x, 'g', -1, 64): the
// shortest decimal that reads back as x. A nonzero x below 1e6 in
// magnitude that is the double nearest a decimal of at most four
// fraction digits, as most data are, is written from that decimal
// directly, without the general shortest-digit search: no other decimal
// of as few digits lies within half an ulp of x (ulp < 2^-32 there, while
// decimals of four fraction digits are 1e-4 apart), so the shortest
// digits are that decimal's, trailing zeros dropped, and 'g' writes them
// without an exponent (the exponent lies in [-4, 5]). The decimal is
// m / 10^4 for m the integer nearest |x| * 10^4, when one correctly
// rounded division (m < 10^10 < 2^53 is exact) gives back |x|.
func appendShortest(b []byte, x float64) []byte {
	ax := math.Abs(x)
	if !(ax < 1e6) || ax == 0 {
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	}
	m := uint64(ax*1e4 + 0.5)
	if float64(m)/1e4 != ax {
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	}
	// Right-aligned in s: up to six integer digits in s[4:10] (the sign
	// before them), the point in s[10], four fraction digits in s[11:15];
	// s[16:] only lets the number be copied as 16 bytes (below).
	var s [32]byte
	ip, f := m/1e4, m%1e4
	var start int
	if ip >= 1e4 {
		hi := ip / 1e4
		*(*[4]byte)(s[6:10]) = digits4[ip%1e4]
		*(*[4]byte)(s[2:6]) = digits4[hi]
		start = 6 - int(intLen[hi])
	} else {
		*(*[4]byte)(s[6:10]) = digits4[ip]
		start = 10 - int(intLen[ip])
	}
	if x < 0 {
		start--
		s[start] = '-'
	}
	end := 10
	if f != 0 {
		s[10] = '.'
		*(*[4]byte)(s[11:15]) = digits4[f]
		end = 11 + int(fracLen[f])
	}
	if n := len(b); cap(b)-n >= 16 {
		// One fixed-size copy of 16 bytes instead of append's call to
		// memmove for the few bytes of the number; the bytes after it
		// are beyond len(b) and overwritten by what follows.
		*(*[16]byte)(b[n : n+16]) = *(*[16]byte)(s[start : start+16])
		return b[:n+end-start]
	}
	return append(b, s[start:end]...)
}

// digits4 holds the four decimal digits of 0 to 9999 (leading zeros
// written); intLen the number of digits without leading zeros (1 for
// zero) and fracLen without trailing zeros, as appendShortest writes an
// integer part and a fraction.
var digits4, intLen, fracLen = func() (d [10000][4]byte, il, fl [10000]uint8) {
	for v := range d {
		d[v] = [4]byte{byte('0' + v/1000), byte('0' + v/100%10), byte('0' + v/10%10), byte('0' + v%10)}
		il[v], fl[v] = 4, 4
		for il[v] > 1 && d[v][4-il[v]] == '0' {
			il[v]--
		}
		for fl[v] > 0 && d[v][fl[v]-1] == '0' {
			fl[v]--
		}
	}
	return
}()
