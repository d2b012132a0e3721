package ranking

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/ppgpa/ppgpa/indicator"
)

// fingerprintTag versions the canonical encoding hashed by Fingerprint.
const fingerprintTag = "ppgpa-fingerprint-v1"

// Fingerprint returns the SHA-256 (lowercase hex) of a canonical encoding
// of a model, its data and the options of an analysis, so that a published
// result can be tied to exactly what produced it:
//
//	SHA-256( tag || section(model) || section(data) || section(options) )
//	section(b) = uint64 big-endian len(b) || b
//
// where tag is "ppgpa-fingerprint-v1", model is [indicator.Model.Encode]
// (canonical JSON), data is [indicator.Table.WriteCSV] (shortest
// round-trip numbers) and options is the encoding/json encoding of opts
// (struct fields in declaration order; nil encodes as null). A nil model or
// table hashes as an empty section. It returns the encoders' errors (for
// example NaN in a model or options).
func Fingerprint(m *indicator.Model, t *indicator.Table, opts any) (string, error) {
	var model, data bytes.Buffer
	if m != nil {
		if err := m.Encode(&model); err != nil {
			return "", fmt.Errorf("ranking: fingerprint: model: %w", err)
		}
	}
	if t != nil {
		if err := t.WriteCSV(&data); err != nil {
			return "", fmt.Errorf("ranking: fingerprint: data: %w", err)
		}
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
